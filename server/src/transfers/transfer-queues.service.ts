import { Injectable } from '@nestjs/common';
import {
  FINAL_STATES,
  HOLDER_KINDS,
  MOBILE_PATTERN,
  COUNTED_QUEUES,
  PAGE_LIMIT_DEFAULT,
  Permission,
  QUEUE_COUNT_CAP,
  TRANSFER_STATES,
  chinaYearMonth,
  pathIds,
  shiftYearMonth,
  rolesForHolder,
  type Page,
  type CountedQueue,
  type HolderKind,
  type Role,
  type TransferQueue,
  type TransferState,
  type TransferSummary,
  type TransferWaiting,
} from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { addDays, shanghaiInstant } from '../common/calendar/china-calendar';
import { invalidField } from '../common/errors/app.exception';
import { Db, toDate } from '../common/database/db.service';
import { inSubtree } from '../common/database/subtree-sql';
import { decodeCursor, encodeCursor, keysetSql, likeEscape } from '../common/pagination/cursor';
import type { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { ListTransfersQuery, TransferFilterQuery } from './dto/transfer.dto';
import { Transfer } from './entities/transfer.entity';
import { endOfToday, OPEN_STATES, rankHolders, readOverdue, type OverdueFigures } from './transfer-overdue';
import { OVERVIEW_SIDES } from './transfer-tally';
import { LINE_NAMES, SUMMARY_FIELDS, namedSummary, type NamedLine } from './transfer-view';

type Sql = { sql: string; params: unknown[] };
type Queue = CountedQueue;
const QUEUES = COUNTED_QUEUES;
/** The ledger (the `all` list) holds applications: a draft is the member's own until they submit it. */
const APPLIED = `t.state <> 'DRAFT'`;

/**
 * A root's path (`/1/`): the platform has one root organisation (created with the first administrator, never through
 * the API), so a scope at the root covers every organisation and every transfer.
 */
export const isWholeTree = (path: string): boolean => /^\/\d+\/$/.test(path);

/** Each administrator's own tier: the queue they work, as opposed to the steps they could take as supervisors. */
const TIER: Partial<Record<Role, string>> = { BRANCH_ADMIN: 'BRANCH', COMMITTEE_ADMIN: 'COMMITTEE', COUNTY_ADMIN: 'COUNTY' };
const OPEN = `t.state NOT IN (${FINAL_STATES.map((s) => `'${s}'`).join(',')})`;
// OPEN again, as the list of open states (index ranges for the overdue counts).
export { OPEN_STATES };
/**
 * The same set of transfers as OPEN (a transfer has a holder exactly while it is not final: holderOf in shared), said
 * so that the holder index answers alone: counting the county's watching queue reads that index, not the table.
 */
export const OPEN_BY_HOLDER = `t.holder_kind IN (${HOLDER_KINDS.filter((k) => k !== 'NONE').map((k) => `'${k}'`).join(',')})`;
/** The lower tiers whose steps an administrator's role may take where no one of that tier is nearer (TIER_ROLES). */
const SERVED_TIERS: Partial<Record<Role, HolderKind[]>> = Object.fromEntries(
  Object.entries(TIER).map(([role, own]) => [role, (['BRANCH', 'COMMITTEE'] as HolderKind[]).filter((k) => k !== own && rolesForHolder(k).includes(role as Role))]),
);

/** Our letters' numbers: `{year}{issuer code}{sequence}` (LetterSequence). */
const LETTER_SERIAL = /^\d{4}[A-Za-z0-9-]+\d{3,}$/;

/**
 * The transfers a search term names: a letter's number (ours, or the one an arriving member brought), an 11-digit
 * mobile number (the application's contact or the member's), or else the beginning of the member's name — on record,
 * or as an arriving member's particulars say it until their record is made. Each reads an index (a letter's serial,
 * the members' phone or name, the transfers' member) but the arriving members' particulars, which only INBOUND
 * transfers have.
 */
function whoSql(term: string): Sql {
  // A mobile number first: eleven digits would also pass for a letter's number.
  if (MOBILE_PATTERN.test(term)) return { sql: '(t.phone = ? OR t.member_id IN (SELECT m.id FROM members m WHERE m.phone = ?))', params: [term, term] };
  if (LETTER_SERIAL.test(term)) return { sql: '(t.id IN (SELECT l.transfer_id FROM letters l WHERE l.serial = ?) OR t.incoming_letter_no = ?)', params: [term, term] };
  const prefix = `${likeEscape(term)}%`;
  return {
    // JSON.stringify keeps Chinese as it is, so the particulars' text holds `"name":"王…`.
    sql: `(t.member_id IN (SELECT m.id FROM members m WHERE m.name LIKE ? ESCAPE '!') OR (t.channel = 'INBOUND' AND t.incoming_member LIKE ? ESCAPE '!') OR t.incoming_letter_no = ?)`,
    params: [prefix, `%"name":"${prefix}`, term],
  };
}

/**
 * "My turn": the member's own applications waiting on them; each administrator's tier within their subtree, and the
 * lower tiers' steps their organisation serves — those waiting where no administrator of that tier is nearer, as
 * NotificationsService.nearestAdmins finds whom to tell, so each such step is in the to-do list of the one told of it
 * (`served_org_path`, transfer-serving.ts). Every part names the holder it waits on, so the condition holds open
 * transfers only (the to-do reads rely on this). The morning reminder of steps due today counts with it too, so its
 * number is what its link lists. Nothing is read to build it: appointing an administrator re-serves the open steps.
 */
export function todoSqlOf(actor: Pick<Actor, 'memberId' | 'assignments'>): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (actor.memberId !== null) {
    parts.push(`(t.holder_kind = 'MEMBER' AND t.member_id = ?)`);
    params.push(actor.memberId);
  }
  for (const a of actor.assignments) {
    const tier = TIER[a.role];
    if (!tier) continue;
    const under = inSubtree('t.holder_org_path', a.orgPath);
    parts.push(`(t.holder_kind = ? AND ${under.sql})`);
    params.push(tier, ...under.params);
    // A term per tier, each one lookup of the serving index (holder kind, serving organisation).
    for (const kind of SERVED_TIERS[a.role] ?? []) {
      parts.push('(t.holder_kind = ? AND t.served_org_path = ?)');
      params.push(kind, a.orgPath);
    }
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params };
}

/**
 * Open in scope but not in the to-do list: the watching tab's condition. Said `(…) IS FALSE`, which in a WHERE clause
 * is exactly NOT (a NULL is neither), because MariaDB's range optimizer expands a NOT over the to-do's OR of index
 * ranges into the AND of their complements, which took longer to plan than the query to run (bench/JOURNAL.md).
 */
export const notTodoSql = (todo: Pick<Sql, 'sql'>): string => `(${todo.sql}) IS FALSE`;

export interface TransferOverview {
  byState: Record<TransferState, number>;
  open: number;
  overdue: number;
  completedThisMonth: number;
  medianWorkingDays: number | null;
  overdueByOrganization: { org: { id: number; name: string; shortName: string }; overdue: number }[];
}

/**
 * The three queues — to do (the caller's turn), watching (open in their scope, someone else's turn), done (they
 * acted on it) — as indexed, keyset-paginated queries, and the overview figures.
 */
@Injectable()
export class TransferQueuesService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
  ) {}

  /** The caller's to-do condition (todoSqlOf). */
  todoSql(actor: Actor): Sql {
    return todoSqlOf(actor);
  }

  /**
   * Transfers touching the actor's subtrees on either side (or the member's own). `whole` says the scope is the whole
   * tree (the root's administrators): every transfer touches it, and the condition is left out so that the query can
   * read an index instead of testing three paths on every transfer.
   */
  private scopeSql(actor: Actor): Sql & { whole: boolean } {
    const scopes = actor.scopes(Permission.TRANSFER_READ);
    if (scopes.some(isWholeTree)) return { sql: '1 = 1', params: [], whole: true };
    const parts: string[] = [];
    const params: unknown[] = [];
    if (actor.memberId !== null) {
      parts.push('t.member_id = ?');
      params.push(actor.memberId);
    }
    for (const scope of scopes) {
      // The receiving side learns of an application once it is submitted, not while the member is still drafting it;
      // the branch the member is placed in, once the receiving committee accepts (a draft has no such branch).
      const [source, issuer, destination, branch] = ['t.source_org_path', 't.issuer_org_path', 't.destination_committee_path', 't.destination_branch_path'].map((c) => inSubtree(c, scope));
      parts.push(`(${source.sql} OR ${issuer.sql} OR (${destination.sql} AND t.state <> 'DRAFT') OR ${branch.sql})`);
      params.push(...source.params, ...issuer.params, ...destination.params, ...branch.params);
    }
    return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params, whole: false };
  }

  private async filterSql(actor: Actor, q: TransferFilterQuery): Promise<Sql & { org: Organization | null }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (q.submittedFrom && q.submittedTo && q.submittedTo < q.submittedFrom) throw invalidField('submittedTo', 'order', 'submittedTo must not be before submittedFrom');
    if (q.q) {
      const who = whoSql(q.q);
      parts.push(who.sql);
      params.push(...who.params);
    }
    if (q.state) {
      parts.push('t.state = ?');
      params.push(q.state);
    }
    if (q.channel) {
      parts.push('t.channel = ?');
      params.push(q.channel);
    }
    let org: Organization | null = null;
    if (q.orgId !== undefined) {
      const named = await this.orgs.findInScope(actor, q.orgId, Permission.TRANSFER_READ);
      org = named;
      const sides = ['t.source_org_path', 't.destination_committee_path', 't.destination_branch_path'].map((c) => inSubtree(c, named.path));
      parts.push(`(${sides.map((x) => x.sql).join(' OR ')})`);
      params.push(...sides.flatMap((x) => x.params));
    }
    if (q.overdue || q.dueToday) {
      // A deadline is the end of a working day in Xinyi (only open steps have one): overdue is before now, due today
      // from now to the day's end, and both together everything that must be done by tonight.
      const now = new Date();
      if (!q.overdue) {
        parts.push('t.due_at >= ?');
        params.push(now);
      }
      parts.push('t.due_at < ?');
      params.push(q.dueToday ? endOfToday(now) : now);
    }
    if (q.talk === 'pending') {
      // Talks the caller's side holds: with members placed in a branch of their subtrees (not those who left them).
      const scopes = actor.scopes(Permission.TRANSFER_READ);
      const placed = scopes.some(isWholeTree) ? [] : scopes.map((s) => inSubtree('t.destination_branch_path', s));
      parts.push(`(t.talk_due_on IS NOT NULL AND t.talk_held_on IS NULL AND ${placed.length ? `(${placed.map((x) => x.sql).join(' OR ')})` : scopes.length ? '1 = 1' : '1 = 0'})`);
      params.push(...placed.flatMap((x) => x.params));
    }
    // Days as Xinyi counts them: a transfer submitted at 07:00 on the 1st (23:00 UTC on the 31st) is the 1st's.
    if (q.submittedFrom) {
      parts.push('t.submitted_at >= ?');
      params.push(shanghaiInstant(q.submittedFrom));
    }
    if (q.submittedTo) {
      parts.push('t.submitted_at < ?');
      params.push(shanghaiInstant(addDays(q.submittedTo, 1)));
    }
    return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params, org };
  }

  /**
   * The ledger's rows (every application in the actor's scope, filtered) as a condition on `transfers t`, with the
   * organisation the filter names, if any.
   */
  async ledgerSql(actor: Actor, q: TransferFilterQuery): Promise<Sql & { org: Organization | null }> {
    const scope = this.scopeSql(actor);
    const filter = await this.filterSql(actor, q);
    return { sql: `${APPLIED} AND ${scope.sql} AND ${filter.sql}`, params: [...scope.params, ...filter.params], org: filter.org };
  }

  async list(actor: Actor, q: ListTransfersQuery): Promise<Page<TransferSummary> & { counts: Record<Queue, number>; total?: number }> {
    const queue: TransferQueue = q.queue ?? 'todo';
    const limit = q.limit ?? PAGE_LIMIT_DEFAULT;
    const filter = await this.filterSql(actor, q);
    const todo = this.todoSql(actor);
    let rows: NamedLine[];
    let nextCursor: string | null = null;
    // The done queue: when the caller last acted on each transfer (its order, shown beside each).
    let actedAt: Map<number, Date | null> | null = null;
    // How many the queue holds when this page is all of it (its first, unfiltered, not full): its tab's count.
    let whole: number | undefined;
    // The tabs' counts the page's own statement read with it (MySQL).
    let counted: Partial<Record<Queue, number>> = {};
    // How many the ledger's filters match, on its first page.
    let total: number | undefined;
    const unfiltered = !q.cursor && filter.sql === '1 = 1'; // filterSql's answer when nothing narrows the queue
    if (queue === 'done') {
      // Ordered by the caller's latest action on each transfer.
      const after = decodeCursor<[number]>(q.cursor, ['number']);
      const found: { transfer_id: number; last_event: number }[] = await this.db.query(
        `SELECT e.transfer_id, MAX(e.id) AS last_event FROM transfer_events e JOIN transfers t ON t.id = e.transfer_id
          WHERE e.actor_user_id = ? AND ${filter.sql}
          GROUP BY e.transfer_id ${after ? 'HAVING MAX(e.id) < ?' : ''} ORDER BY last_event DESC LIMIT ${limit + 1}`,
        [actor.userId, ...filter.params, ...(after ? [after[0]] : [])],
      );
      const page = found.slice(0, limit);
      // The time of each of the page's last events, by their keys (reading it in the grouping above would visit every
      // one of the caller's events rather than the index alone).
      const events = page.map((r) => Number(r.last_event));
      const times: { transfer_id: unknown; at: unknown }[] = events.length ? await this.db.query(`SELECT transfer_id, at FROM transfer_events WHERE id IN (${events.map(() => '?').join(', ')})`, events) : [];
      actedAt = new Map(times.map((r) => [Number(r.transfer_id), toDate(r.at)]));
      const ids = page.map((r) => Number(r.transfer_id));
      const byId = new Map((ids.length ? await this.lines(`t.id IN (${ids.map(() => '?').join(', ')})`, ids) : []).map((t) => [t.id, t]));
      rows = ids.map((id) => byId.get(id)!).filter(Boolean);
      if (found.length > limit) nextCursor = encodeCursor([Number(page[page.length - 1].last_event)]);
      else if (unfiltered) whole = found.length;
    } else if (queue === 'todo') {
      // Oldest waiting first: the most urgent step is at the top.
      const after = decodeCursor<[string, number]>(q.cursor, ['date', 'number']);
      const keyset = after ? ` AND ${keysetSql('t.step_started_at', 't.id')}` : '';
      const at = after ? new Date(after[0]) : null;
      const order = 'ORDER BY t.step_started_at ASC, t.id ASC';
      // OPEN is not asked: every to-do condition names a holder, and a transfer has one exactly while it is open.
      const where = `${todo.sql} AND ${filter.sql}${keyset}`;
      const params = [...todo.params, ...filter.params, ...(after ? [at, at, after[1]] : [])];
      // The queue's conditions read the holder index, which is not in this order, so their matches are sorted. MySQL
      // sorts the transfers and joins only the page's to their names; SQLite joins every match first and then sorts
      // (the county's queue holds a hundred at ten times the county's scale), so there the page's ids are found from
      // the index alone and only they are read with their names. On MySQL that form costs two temporary tables, more
      // than it saves (measured: README → Architecture).
      if (this.db.sqlite) rows = await this.lines(`t.id IN (SELECT id FROM (SELECT t.id FROM transfers t WHERE ${where} ${order} LIMIT ${limit + 1}) page)`, params, order);
      else ({ rows, counts: counted } = await this.linesCounted(actor, todo, where, params, `${order} LIMIT ${limit + 1}`, unfiltered ? 'todo' : null));
      if (rows.length > limit) {
        rows = rows.slice(0, limit);
        const last = rows[rows.length - 1];
        nextCursor = encodeCursor([last.stepStartedAt.toISOString(), last.id]);
      } else if (unfiltered) whole = rows.length;
    } else {
      // Watching, and the ledger (all): the most recently moved first.
      const scope = this.scopeSql(actor);
      const after = decodeCursor<[string, number]>(q.cursor, ['date', 'number']);
      const keyset = after ? ` AND ${keysetSql('t.updated_at', 't.id', 'DESC')}` : '';
      const at = after ? new Date(after[0]) : null;
      const where = queue === 'all' ? `${APPLIED} AND ${scope.sql} AND ${filter.sql}${keyset}` : `${OPEN} AND ${scope.sql} AND ${notTodoSql(todo)} AND ${filter.sql}${keyset}`;
      const params = [...scope.params, ...(queue === 'all' ? [] : todo.params), ...filter.params, ...(after ? [at, at, after[1]] : [])];
      const tail = `ORDER BY t.updated_at DESC, t.id DESC LIMIT ${limit + 1}`;
      if (this.db.sqlite) rows = await this.lines(where, params, tail);
      else ({ rows, counts: counted } = await this.linesCounted(actor, todo, where, params, tail, null));
      if (rows.length > limit) {
        rows = rows.slice(0, limit);
        const last = rows[rows.length - 1];
        nextCursor = encodeCursor([last.updatedAt.toISOString(), last.id]);
      } else if (unfiltered && queue === 'watching') whole = rows.length; // the ledger is not a counted tab
      // The ledger's first page says how many applications its filters match ("共 N 条"): the figure a report quotes.
      // Counted once, not per page, and only here: unlike the tabs' counts it is not asked on every queue page.
      if (queue === 'all' && !after) {
        if (!nextCursor) total = rows.length;
        else [{ n: total }] = (await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM transfers t WHERE ${where}`, params)).map((r) => ({ n: Number(r.n) }));
      }
    }
    const now = Date.now();
    const items = rows.map((t) => namedSummary(t, now));
    if (actedAt) for (const item of items) item.actedAt = actedAt.get(item.id)?.toISOString();
    const page = { items, nextCursor, counts: await this.counts(actor, todo, whole === undefined ? counted : { ...counted, [queue]: whole }) };
    return total === undefined ? page : { ...page, total };
  }

  /** A page of transfers, only the fields their lines show and the names they show, in one query (the table is aliased `t`). */
  private lines(where: string, params: unknown[], tail = ''): Promise<NamedLine[]> {
    return this.db.pick(Transfer, SUMMARY_FIELDS, where, params, { tail, alias: 't', joined: LINE_NAMES });
  }

  /**
   * A page of lines as lines() reads it, each with tabs' counts (capped) beside it, for MySQL: there the counts in a
   * statement of their own cost a second round trip, a fifth of a queue page's time in the database (README →
   * Architecture). The counts are uncorrelated subqueries, computed once for the statement. `except` names a tab not
   * to count here: the to-do queue usually fits on its first page, whose length is then its count (list() asks for it
   * apart when the page is full). A page with no lines carries no counts.
   */
  private async linesCounted(actor: Actor, todo: Sql, where: string, params: unknown[], tail: string, except: Queue | null): Promise<{ rows: NamedLine[]; counts: Partial<Record<Queue, number>> }> {
    const counted = this.countedSql(actor, todo);
    const tabs = QUEUES.filter((k) => k !== except);
    const rows = await this.db.pick(Transfer, SUMMARY_FIELDS, where, [...tabs.flatMap((k) => counted[k].params), ...params], {
      tail,
      alias: 't',
      joined: LINE_NAMES,
      counts: Object.fromEntries(tabs.map((k) => [`tab_${k}`, cappedCount(counted[k].sql)])),
    });
    const first = rows[0] as (NamedLine & Record<string, number>) | undefined;
    return { rows, counts: first ? Object.fromEntries(tabs.map((k) => [k, first[`tab_${k}`]])) : {} };
  }

  /** Each tab's rows as SQL, to be counted (capped). */
  private countedSql(actor: Actor, todo: Sql): Record<Queue, Sql> {
    const scope = this.scopeSql(actor);
    // A subtree's count reads its transfers through the path indexes; the whole tree's reads the holder index alone.
    return {
      todo: { sql: `SELECT 1 FROM transfers t WHERE ${todo.sql}`, params: todo.params },
      watching: { sql: `SELECT 1 FROM transfers t WHERE ${scope.whole ? OPEN_BY_HOLDER : OPEN} AND ${scope.sql} AND ${notTodoSql(todo)}`, params: [...scope.params, ...todo.params] },
      done: { sql: 'SELECT DISTINCT transfer_id FROM transfer_events WHERE actor_user_id = ?', params: [actor.userId] },
    };
  }

  /** The three tabs' counts (capped), less the one already known from a page that held its whole queue. */
  async counts(actor: Actor, todo: Sql, known: Partial<Record<Queue, number>> = {}): Promise<Record<Queue, number>> {
    const counted = this.countedSql(actor, todo);
    const wanted = QUEUES.filter((k) => known[k] === undefined);
    // The counts in one statement: on MySQL each round trip costs more than these indexed counts.
    const [n] = wanted.length
      ? await this.db.query<Record<Queue, number>>(`SELECT ${wanted.map((k) => `(${cappedCount(counted[k].sql)}) AS ${k}`).join(', ')}`, wanted.flatMap((k) => counted[k].params))
      : [{} as Record<Queue, number>];
    return Object.fromEntries(QUEUES.map((k) => [k, known[k] ?? Number(n[k])])) as Record<Queue, number>;
  }

  /** The caller's to-do count and how many of them are past their due time, in one statement (both capped). */
  async waiting(actor: Actor): Promise<TransferWaiting> {
    const todo = this.todoSql(actor);
    const rows = `SELECT 1 FROM transfers t WHERE ${todo.sql}`;
    const [n] = await this.db.query<{ todo: unknown; overdue: unknown }>(`SELECT (${cappedCount(rows)}) AS todo, (${cappedCount(`${rows} AND t.due_at < ?`)}) AS overdue`, [
      ...todo.params,
      ...todo.params,
      new Date(),
    ]);
    return { todo: Number(n.todo), overdue: Number(n.overdue) };
  }

  /** Counts by state, this month's completions, the median working days to complete, and who is overdue. */
  async overview(actor: Actor, orgId?: number): Promise<TransferOverview> {
    const scopes = orgId !== undefined ? [(await this.orgs.findInScope(actor, orgId, Permission.TRANSFER_OVERVIEW)).path] : actor.scopes(Permission.TRANSFER_OVERVIEW);
    const whole = scopes.find(isWholeTree);
    const sides = whole ? [] : scopes.flatMap((s) => OVERVIEW_SIDES.map((c) => inSubtree(c, s)));
    const where = whole ? '1 = 1' : sides.length ? `(${sides.map((x) => x.sql).join(' OR ')})` : '1 = 0';
    const params = sides.flatMap((x) => x.params);
    const now = new Date();
    // Months as Xinyi counts them (for eight hours each month UTC is still in the previous one); the median covers
    // this month and the eleven before it.
    const month = chinaYearMonth(now);
    const firstMonth = shiftYearMonth(month, -11);
    // One subtree (an administrator's own, or the one they picked) reads its organisation's counters. Several at once
    // are counted from the transfers: a transfer between two of them must count once, which added counters would not.
    const single = whole ?? (scopes.length === 1 ? scopes[0] : null);
    const counted = single ? await this.tallied(pathIds(single).at(-1)!, month, firstMonth) : await this.countedLive(where, params, month, firstMonth);
    // Overdue is a matter of the clock: one subtree reads its roll-up (plus the steps that fell due since its clock),
    // several, or a roll-up without a running job, count the open transfers' (state, due_at) index.
    const late = (single && (await readOverdue((sql, p) => this.db.query(sql, p), pathIds(single).at(-1)!, { sql: where, params }, now))) || (await this.overdueLive(where, params, now));
    const orgById = await this.orgs.refs(late.byHolder.map(([h]) => h));
    const byState = Object.fromEntries(TRANSFER_STATES.map((s) => [s, counted.byState.get(s) ?? 0])) as Record<TransferState, number>;
    return {
      byState,
      // Submitted and not finished: a draft is the member's own until they submit it (the ledger leaves it out too).
      open: TRANSFER_STATES.filter((s) => s !== 'DRAFT' && !FINAL_STATES.includes(s)).reduce((n, s) => n + byState[s], 0),
      overdue: late.total,
      completedThisMonth: counted.completedThisMonth,
      medianWorkingDays: medianOfHistogram(counted.histogram),
      overdueByOrganization: late.byHolder
        .filter(([h]) => orgById.has(h))
        .map(([h, n]) => {
          const o = orgById.get(h)!;
          return { org: { id: o.id, name: o.name, shortName: o.shortName }, overdue: n };
        }),
    };
  }

  /** An organisation's figures from its counters (transfer-tally.ts), in one statement: a row per state and per bucket. */
  private async tallied(orgId: number, month: string, firstMonth: string): Promise<CountedFigures> {
    const rows = await this.db.query<{ kind: 'state' | 'month' | 'days'; k: string | number | null; n: number | null }>(TALLY_SQL, [orgId, orgId, month, orgId, firstMonth]);
    const figures: CountedFigures = { byState: new Map(), completedThisMonth: 0, histogram: [] };
    for (const r of rows) {
      const n = Number(r.n ?? 0);
      if (r.kind === 'state') figures.byState.set(r.k as TransferState, n);
      else if (r.kind === 'month') figures.completedThisMonth = n;
      else if (n) figures.histogram.push([Number(r.k), n]);
    }
    return figures;
  }

  /** Late steps counted from the open transfers themselves. */
  private async overdueLive(where: string, params: unknown[], now: Date): Promise<OverdueFigures> {
    const [{ overdue }] = await this.db.query<{ overdue: number }>(`SELECT COUNT(*) AS overdue FROM transfers t WHERE ${where} AND ${OPEN_STATES} AND t.due_at < ?`, [...params, now]);
    const rows = await this.db.query<{ holder_org_id: number; n: number }>(
      `SELECT t.holder_org_id, COUNT(*) AS n FROM transfers t WHERE ${where} AND ${OPEN_STATES} AND t.due_at < ? AND t.holder_org_id IS NOT NULL
        GROUP BY t.holder_org_id ORDER BY n DESC, t.holder_org_id DESC LIMIT 20`,
      [...params, now],
    );
    return { total: Number(overdue), byHolder: rankHolders(rows.map((r) => [Number(r.holder_org_id), Number(r.n)])) };
  }

  /** The same figures counted from the transfers of several subtrees. */
  private async countedLive(where: string, params: unknown[], month: string, firstMonth: string): Promise<CountedFigures> {
    const byState = await this.db.query<{ state: TransferState; n: number }>(`SELECT t.state, COUNT(*) AS n FROM transfers t WHERE ${where} GROUP BY t.state`, params);
    const completed = await this.db.query<{ recent: number; days: number | null; n: number }>(
      `SELECT CASE WHEN t.completed_at >= ? THEN 1 ELSE 0 END AS recent, t.working_days AS days, COUNT(*) AS n FROM transfers t
        WHERE ${where} AND t.state = 'COMPLETED' AND t.completed_at >= ? GROUP BY CASE WHEN t.completed_at >= ? THEN 1 ELSE 0 END, t.working_days`,
      [shanghaiInstant(`${month}-01`), ...params, shanghaiInstant(`${firstMonth}-01`), shanghaiInstant(`${month}-01`)],
    );
    const byDays = new Map<number, number>();
    for (const r of completed) if (r.days !== null) byDays.set(Number(r.days), (byDays.get(Number(r.days)) ?? 0) + Number(r.n));
    return {
      byState: new Map(byState.map((r) => [r.state, Number(r.n)])),
      completedThisMonth: completed.filter((r) => Number(r.recent) === 1).reduce((sum, r) => sum + Number(r.n), 0),
      histogram: [...byDays],
    };
  }
}

/** Transfers by state, completions this month, and working days to complete as [days, count] pairs. */
interface CountedFigures {
  byState: Map<TransferState, number>;
  completedThisMonth: number;
  histogram: [number, number][];
}

/**
 * An organisation's overview counters in one statement, summed by the database so that few rows come back (each
 * row costs more to hand to JavaScript than to read). Parameters: the organisation's id twice, this month, the id
 * again, the first month of the median's window. Rows: ('state', state, n) for each state; ('month', null, n),
 * this month's completions; ('days', working days, n), the window's completions by working days taken.
 */
export const TALLY_SQL = `SELECT 'state' AS kind, state AS k, n FROM transfer_org_states WHERE org_id = ? AND n <> 0
  UNION ALL SELECT 'month' AS kind, NULL AS k, SUM(n) AS n FROM transfer_org_completions WHERE org_id = ? AND month = ?
  UNION ALL SELECT 'days' AS kind, working_days AS k, SUM(n) AS n FROM transfer_org_completions WHERE org_id = ? AND month >= ? AND working_days >= 0
    GROUP BY working_days`;

/** Counts the rows of a query up to QUEUE_COUNT_CAP + 1 ("more than the cap"): the database stops reading there. */
export const cappedCount = (sql: string): string => `SELECT COUNT(*) AS n FROM (${sql} LIMIT ${QUEUE_COUNT_CAP + 1}) capped`;

/** The median of values given as [value, count] pairs (any order); null when there are none. */
export function medianOfHistogram(pairs: [number, number][]): number | null {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  if (!total) return null;
  // The k-th smallest value (0-based).
  const nth = (k: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (k < seen) return value;
    }
    return sorted[sorted.length - 1][0];
  };
  return total % 2 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2;
}
