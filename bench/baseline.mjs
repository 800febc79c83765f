/**
 * The bare baseline: plain node:http and the same database driver, answering each scenario's question with the same
 * SQL and a JSON body of the same shape — no framework, no auth, no validation. What the API costs on top of this is
 * what the benchmark reports.
 *
 *   node bench/baseline.mjs --db sqlite --path data.sqlite --port 3901
 *   node bench/baseline.mjs --db mysql --database zhdj_bench_1 --port 3901
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const FINAL = "('COMPLETED','REJECTED','WITHDRAWN')";

let query;
let transaction;
/** The health check's driver, as the API names it (TypeORM's type: 'mariadb' for a MariaDB server, else 'mysql'). */
let driver = 'better-sqlite3';
if (args.db === 'mysql') {
  const mysql = require('mysql2/promise');
  const pool = mysql.createPool({ host: args.host ?? '127.0.0.1', port: Number(args.port_db ?? 3306), user: 'root', password: '', database: args.database, connectionLimit: 20, timezone: 'Z', maxPreparedStatements: 128 });
  // As the API reads (server/src/common/database/mysql-rows.ts): a SELECT of a fixed shape as a prepared statement,
  // one with a list of placeholders as text — by the API's own rule.
  const { preparable } = require('../server/dist/common/database/mysql-rows.js');
  query = async (sql, params = []) => (await (preparable(sql) ? pool.execute(sql, params) : pool.query(sql, params)))[0];
  const [{ v }] = await query('SELECT VERSION() AS v');
  driver = /mariadb/i.test(v) ? 'mariadb' : 'mysql';
  transaction = async (fn) => {
    const c = await pool.getConnection();
    try {
      await c.beginTransaction();
      const out = await fn(async (sql, params = []) => (await c.query(sql, params))[0]);
      await c.commit();
      return out;
    } catch (e) {
      await c.rollback();
      throw e;
    } finally {
      c.release();
    }
  };
} else {
  const Database = require('better-sqlite3');
  const db = new Database(args.path);
  db.pragma('journal_mode = WAL');
  db.pragma('case_sensitive_like = ON');
  db.pragma('busy_timeout = 10000');
  const cache = new Map();
  // Rows fetched as arrays and keyed here, as the API reads SQLite (server/src/common/database/sqlite-rows.ts): the
  // faster of the driver's two ways.
  const stmt = (sql) => {
    let s = cache.get(sql);
    if (!s) {
      const prepared = db.prepare(sql);
      s = { prepared, names: prepared.reader ? prepared.raw(true).columns().map((c) => c.name) : null };
      cache.set(sql, s);
    }
    return s;
  };
  const norm = (params) => params.map((p) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', '') : typeof p === 'boolean' ? Number(p) : p));
  query = async (sql, params = []) => {
    const { prepared, names } = stmt(sql);
    if (!names) return prepared.run(...norm(params));
    return prepared.all(...norm(params)).map((values) => {
      const row = {};
      for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
      return row;
    });
  };
  // One connection: transactions take turns (an await inside one would otherwise let another BEGIN on top of it).
  let turn = Promise.resolve();
  transaction = (fn) => {
    const mine = turn.then(() => run(fn));
    turn = mine.catch(() => {});
    return mine;
  };
  const run = async (fn) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn(query);
      db.exec('COMMIT');
      return out;
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  };
}

const argon2 = require('@node-rs/argon2');
const calendar = require('../server/dist/common/calendar/china-calendar.js');
// The API's fast toISOString (server/src/common/calendar/iso-string.ts): the baseline writes instants the same way.
const { isoString } = require('../server/dist/common/calendar/iso-string.js');
const { toBookingView } = require('../server/dist/bookings/booking-view.js');
const slotCalendar = require('../server/dist/bookings/slot-calendar.js');
const { ACTOR_SQL } = require('../server/dist/auth/actor.loader.js');
const { readOverdue } = require('../server/dist/transfers/transfer-overdue.js');
const { OPEN_BY_HOLDER, TALLY_SQL, todoSqlOf, notTodoSql, cappedCount, isWholeTree, medianOfHistogram } = require('../server/dist/transfers/transfer-queues.service.js');
const { inSubtree, subtreeEndSql } = require('../server/dist/common/database/subtree-sql.js');
const { allowedActions, chinaDate, chinaYearMonth, decideTalk, FINAL_STATES, maskName, monthsBetween, pathIds, requiredClassHours, ROLE_PERMISSIONS, shiftYearMonth, TRANSFER_STATES } = require('@zhdj/shared');
// The API leaves out the scope condition for a root administrator (every transfer is in the tree): so does this.
const scopeOf = (path) => {
  if (isWholeTree(path)) return { sql: '1 = 1', params: [] };
  const [s, i, d, b] = ['t.source_org_path', 't.issuer_org_path', 't.destination_committee_path', 't.destination_branch_path'].map((c) => inSubtree(c, path));
  return { sql: `(${s.sql} OR ${i.sql} OR (${d.sql} AND t.state <> 'DRAFT') OR ${b.sql})`, params: [...s.params, ...i.params, ...d.params, ...b.params] };
};
// An administrator's turn, built as the API does (todoSqlOf): their tier in their subtree, and the lower tiers' steps
// their organisation serves (each transfer's serving organisation).
const ROLE_OF_TIER = { COUNTY: 'COUNTY_ADMIN', COMMITTEE: 'COMMITTEE_ADMIN', BRANCH: 'BRANCH_ADMIN' };
const todoOf = (tier, path) => todoSqlOf({ memberId: null, assignments: [{ role: ROLE_OF_TIER[tier], orgPath: path }] });
/** A DATETIME as the driver returns it (a Date from mysql2, UTC text from SQLite) → a Date. */
const instant = (v) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
/** A DATE column → 'YYYY-MM-DD'. */
const day = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const { randomBytes, createHash } = require('node:crypto');

/**
 * The columns a transfer's line in a queue shows, read with the page itself (SUMMARY_FIELDS in transfer-view.ts), and
 * its names from the joins the API makes (LINE_NAMES there, taken from the API's build as it is).
 */
const { LINE_NAMES, DETAIL_NAMES } = require('../server/dist/transfers/transfer-view.js');
const { LETTER_VIEW_SQL } = require('../server/dist/letters/letters.service.js');
const { MY_STUDY_SQL } = require('../server/dist/study/study-my.service.js');
const { OPEN_ATTEMPTS_SQL, openSince } = require('../server/dist/study/study-views.js');
const LINE = `t.id, t.channel, t.state, t.version, t.member_id, t.incoming_member, t.source_org_id, t.destination_org_id, t.destination_name,
  t.destination_region, t.destination_addressee, t.reason, t.holder_kind, t.holder_org_id,
  t.due_at, t.submitted_at, t.updated_at, t.step_started_at, t.talk_due_on, t.talk_held_on, ${Object.entries(LINE_NAMES.values).map(([name, column]) => `${column} AS ${name}`).join(', ')}
  FROM transfers t ${LINE_NAMES.from}`;
/**
 * A to-do page as the API reads it (TransferQueuesService.list): on SQLite the page's ids in queue order, then their
 * lines; on MySQL the lines, sorted and limited, in one statement.
 */
const todoPage = (todoSql) => {
  const order = 'ORDER BY t.step_started_at ASC, t.id ASC';
  return args.db === 'mysql'
    ? `SELECT ${LINE} WHERE ${todoSql} AND 1 = 1 ${order} LIMIT 21`
    : `SELECT ${LINE} WHERE t.id IN (SELECT id FROM (SELECT t.id FROM transfers t WHERE ${todoSql} AND 1 = 1 ${order} LIMIT 21) page) ${order}`;
};
const iso = (v) => (v === null || v === undefined ? null : isoString(v instanceof Date ? v : new Date(String(v).replace(' ', 'T') + 'Z')));

/** An organisation's children with the fields a summary shows and each one's own child count (OrganizationsService.childrenOf). */
const CHILDREN = `SELECT o.id, o.name, o.short_name, o.level, o.code, o.type, o.parent_id, o.path, o.depth, o.has_approval_authority, o.descendant_count, o.subtree_member_count,
  (SELECT COUNT(*) FROM organizations g WHERE g.parent_id = o.id) AS child_count FROM organizations o WHERE o.parent_id = ? ORDER BY o.sort_order ASC, o.id ASC`;

/** Queue lines read with their names (LINE) → the lines as the API shows them. */
const namedLines = (rows) => {
  const now = Date.now();
  const ref = (id, name, shortName, level) => (id && name !== null ? { id, name, shortName, level } : null);
  return rows.map((t) =>
    lineView(t, t.memberName, ref(t.source_org_id, t.sourceName, t.sourceShortName, t.sourceLevel), ref(t.destination_org_id, t.destinationOrgName, t.destinationOrgShortName, t.destinationOrgLevel), ref(t.holder_org_id, t.holderName, t.holderShortName, t.holderLevel), now),
  );
};

/** A transfer row and its names → its summary (toSummary in transfer-view.ts). */
const lineView = (t, memberName, source, destination, holder, now) => ({
  id: t.id, channel: t.channel, state: t.state, version: t.version,
  member: { id: t.member_id, name: memberName ?? (t.incoming_member ? JSON.parse(t.incoming_member).name : '') },
  source,
  destination: { org: destination, name: t.destination_name, region: t.destination_region, addressee: t.destination_addressee },
  reason: t.reason || null, holder: { kind: t.holder_kind, org: holder },
  dueAt: iso(t.due_at), overdue: !!t.due_at && new Date(iso(t.due_at)).getTime() < now, submittedAt: iso(t.submitted_at), updatedAt: iso(t.updated_at),
  talkDueOn: t.talk_held_on ? null : (t.talk_due_on ?? null),
});

const handlers = {
  async login({ username, password }) {
    const [u] = await query('SELECT id, password_hash FROM users WHERE username = ?', [username]);
    if (!u || !(await argon2.verify(u.password_hash, password))) return { status: 401, body: { code: 'INVALID_CREDENTIALS' } };
    const now = new Date();
    const token = randomBytes(32).toString('base64url');
    await transaction(async (q) => {
      const r = await q('INSERT INTO sessions (user_id, created_at, last_used_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)', [u.id, now, now, new Date(now.getTime() + 43200e3), '', '']);
      const sid = r.insertId ?? r.lastInsertRowid;
      await q('INSERT INTO refresh_tokens (session_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)', [sid, createHash('sha256').update(token).digest('hex'), now, new Date(now.getTime() + 1800e3)]);
      await q('INSERT INTO audit_log (at, action, target_type, target_id, ip) VALUES (?, ?, ?, ?, ?)', [now, 'auth.login', 'user', String(u.id), '']);
    });
    return { status: 200, body: { accessToken: token, refreshToken: token, user: { id: u.id } } };
  },
  async health() {
    await query('SELECT 1 AS ok');
    return { body: { status: 'ok', database: 'up', driver } };
  },
  async availability({ id, from, to }) {
    // The opening hours, holidays and make-up days are the app's own pure functions (built in server/dist): the
    // baseline differs in what surrounds them, not in the calendar it computes.
    const [c] = await query('SELECT * FROM service_centers WHERE id = ?', [id]);
    const closures = (await query('SELECT from_date, to_date, reason FROM center_closures WHERE center_id = ?', [id])).map((r) => ({ fromDate: day(r.from_date), toDate: day(r.to_date), reason: r.reason }));
    const rows = await query('SELECT start_at, capacity, booked FROM booking_slots WHERE center_id = ? AND start_at >= ? AND start_at < ?', [id, calendar.shanghaiInstant(from), calendar.shanghaiInstant(calendar.addDays(to, 1))]);
    const taken = new Map(rows.map((r) => [instant(r.start_at).getTime(), r]));
    const schedule = { weeklyHours: JSON.parse(c.weekly_hours), slotMinutes: c.slot_minutes, horizonDays: c.horizon_days, minNoticeMinutes: c.min_notice_minutes };
    const now = new Date();
    const days = [];
    for (let d = from; d <= to; d = calendar.addDays(d, 1)) {
      const { closed, slots } = slotCalendar.bookableSlots(schedule, closures, d, now);
      days.push({
        date: d,
        closed,
        slots: slots.map((s) => {
          const row = taken.get(s.start.getTime());
          const capacity = row?.capacity ?? c.capacity;
          return { start: isoString(s.start), end: isoString(s.end), capacity, free: Math.max(0, capacity - (row?.booked ?? 0)) };
        }),
      });
    }
    return { body: days };
  },
  async verify({ token }) {
    const [l] = await query('SELECT * FROM letters WHERE token = ? LIMIT 1', [token]);
    if (!l) return { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'Letter not found' } };
    const s = JSON.parse(l.snapshot);
    const status = l.status === 'VALID' && instant(l.valid_until).getTime() < Date.now() ? 'expired' : l.status.toLowerCase();
    return { body: { status, serial: l.serial, issuer: s.issuerName, receiver: s.toOrgName, issuedAt: s.issuedDate, validUntil: s.validUntilDate, memberName: maskName(s.memberName) } };
  },
  /**
   * The booking storm's baseline, statement for statement as the API books (BookingsService.create): the centre and
   * its closures, the slot's row (created in a transaction of its own the first time), a full slot refused from that
   * read after the overlap and same-day checks, else one transaction with the member's row locked (MySQL), the overlap
   * and same-day checks, the capacity-taking conditional UPDATE,
   * a check-in code, the booking row, its audit record and the member's notification; then the booking's view (the row
   * read back, the member's name). (The caller's session is read first, as for every authenticated request: the storm
   * sends it.)
   */
  async book({ centerId, start, end, memberId, userId, purpose }) {
    const [s, e] = [new Date(start), new Date(end)];
    const [center] = await query('SELECT * FROM service_centers WHERE id = ?', [centerId]);
    if (!center) return { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'Service centre not found' } };
    await query('SELECT from_date, to_date, reason FROM center_closures WHERE center_id = ?', [centerId]);
    const findSlot = () => query('SELECT id, capacity, booked FROM booking_slots WHERE center_id = ? AND start_at = ?', [centerId, s]);
    let [slot] = await findSlot();
    if (!slot) {
      await transaction((q) => q(`${args.db === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO booking_slots (center_id, start_at, end_at, capacity, booked) VALUES (?, ?, ?, ?, 0)`, [centerId, s, e, center.capacity]));
      [slot] = await findSlot();
    }
    const duplicate = { status: 409, body: { statusCode: 409, code: 'DUPLICATE_BOOKING', message: 'You already have a booking at an overlapping time' } };
    const full = { status: 409, body: { statusCode: 409, code: 'SLOT_FULL', message: 'That time is fully booked; please choose another' } };
    const sameDay = { status: 409, body: { statusCode: 409, code: 'SAME_DAY_BOOKING', message: 'You already have a visit at this centre that day; move it to another time instead' } };
    // The member's booked visits reaching into the slot's day (in China), read once for both checks, as the API reads them.
    const day = new Date(s.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const dayStart = new Date(`${day}T00:00:00+08:00`);
    const refusal = async (q) => {
      const held = await q('SELECT id, center_id, start_at, end_at FROM bookings WHERE active_member_id = ? AND start_at < ? AND end_at > ?', [memberId, new Date(dayStart.getTime() + 86_400_000), dayStart]);
      const times = held.map((o) => ({ centerId: Number(o.center_id), start: new Date(instant(o.start_at)), end: new Date(instant(o.end_at)) }));
      if (times.some((o) => o.start < e && o.end > s)) return duplicate;
      return times.some((o) => o.centerId === Number(centerId) && o.start >= dayStart) ? sameDay : null;
    };
    if (Number(slot.booked) >= Number(slot.capacity)) return (await refusal(query)) ?? full;
    return transaction(async (q) => {
      // The member's row is locked first, as the API's is (their bookings are decided one at a time).
      if (args.db === 'mysql') await q('SELECT id FROM members WHERE id = ? FOR UPDATE', [memberId]);
      const refused = await refusal(q);
      if (refused) return refused;
      const r = await q('UPDATE booking_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity', [slot.id]);
      if (!(r.changes ?? r.affectedRows)) throw Object.assign(new Error('full'), { answer: full });
      let code;
      do code = randomBytes(4).toString('hex').slice(0, 6).toUpperCase();
      while ((await q('SELECT id FROM bookings WHERE center_id = ? AND check_in_code = ?', [centerId, code])).length);
      const now = new Date();
      const ins = await q(
        `INSERT INTO bookings (center_id, slot_id, member_id, user_id, start_at, end_at, purpose, status, check_in_code, active_member_id, note, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, '', 1, ?, ?)`,
        [centerId, slot.id, memberId, userId, s, e, purpose, code, memberId, now, now],
      );
      const id = Number(ins.lastInsertRowid ?? ins.insertId);
      await q('INSERT INTO audit_log (at, actor_user_id, actor_role, actor_org_id, action, target_type, target_id, ip, detail) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)', [
        now, userId, 'booking.create', 'booking', String(id), '127.0.0.1', JSON.stringify({ centerId, start, purpose, transferId: null }),
      ]);
      await q('INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, read_at, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)', [
        userId, 'booking.confirmed', `预约成功：${center.name}`, `签到码 ${code}`, `/m/bookings/${id}`, now,
      ]);
      return { status: 201, id };
    })
      .then(async (made) => {
        if (made.status !== 201) return made;
        // The answer is the booking's view, as the API's (BookingsService.view): the row read back and the member's
        // name, with the centre read above.
        const [b] = await query('SELECT * FROM bookings WHERE id = ?', [made.id]);
        const [m] = await query('SELECT id, name FROM members WHERE id = ?', [memberId]);
        const booking = {
          id: Number(b.id), memberId: Number(b.member_id), startAt: instant(b.start_at), endAt: instant(b.end_at), purpose: b.purpose, status: b.status,
          checkInCode: b.check_in_code, transferId: b.transfer_id === null ? null : Number(b.transfer_id), note: b.note, proxyName: b.proxy_name,
          cancelReason: b.cancel_reason, version: Number(b.version),
        };
        const where = { id: Number(center.id), name: center.name, address: center.address, phone: center.phone, cancelCutoffMinutes: Number(center.cancel_cutoff_minutes) };
        return { status: 201, body: toBookingView(booking, where, m?.name ?? '') };
      })
      .catch((err) => {
        // The transaction is rolled back on a full slot, as the API's is (its refusal is an exception).
        if (err?.answer) return err.answer;
        throw err;
      });
  },
  async orgChildren({ id }) {
    // As the API: the children first; only an organisation without any is looked up on its own (to tell 404 from []).
    const rows = await query(CHILDREN, [id]);
    if (!rows.length) {
      const [org] = await query('SELECT * FROM organizations WHERE id = ?', [id]);
      if (!org) return { status: 404, body: { code: 'NOT_FOUND' } };
    }
    return { body: rows.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, level: o.level, code: o.code, type: o.type, parentId: o.parent_id, depth: o.depth, hasApprovalAuthority: o.has_approval_authority === true || Number(o.has_approval_authority) === 1, childCount: Number(o.child_count), descendantCount: o.descendant_count, memberCount: o.subtree_member_count })) };
  },
  async members({ orgId, after }) {
    // The organisation is read in the same statement as its members, as the API reads it (MembersService.list): its
    // path bounds the range (from the later of it and the cursor), and a row says it exists.
    const lower = after ? 'CASE WHEN ? > s.path THEN ? ELSE s.path END' : 's.path';
    const params = [orgId, ...(after ? [after[0], after[0], after[0], after[1]] : [])];
    const rows = await query(
      `SELECT m.id, m.name, m.sex, m.phone, m.id_number_masked, m.category, m.status, m.post, m.dues_paid_through, m.probation_ends_at,
        m.is_retired, m.is_mobile, m.is_graduate, m.org_id, m.org_path, o.name AS org_name, o.short_name AS org_short_name, o.level AS org_level, s.path AS subtree_path
        FROM organizations s CROSS JOIN members m JOIN organizations o ON o.id = m.org_id
        WHERE s.id = ? AND m.org_path >= ${lower} AND m.org_path < ${subtreeEndSql('s.path')}${after ? ' AND (m.org_path > ? OR m.id > ?)' : ''} AND m.status <> ?
        ORDER BY m.org_path, m.id LIMIT 21`,
      // The organisation's roll, as the API's unfiltered list: those who left the county are not on it.
      [...params, 'TRANSFERRED_OUT'],
    );
    if (!rows.length) return { status: 404, body: { code: 'NOT_FOUND' } };
    // As MembersService.list answers: each member's summary with their branch, and the page's cursor (its last line's
    // path and id, server/src/common/pagination/cursor.ts).
    const flag = (v) => v === true || Number(v) === 1;
    const items = rows.slice(0, 20).map((m) => ({
      id: m.id, name: m.name, sex: m.sex, phone: m.phone, idNumberMasked: m.id_number_masked, category: m.category, status: m.status, post: m.post,
      duesPaidThrough: m.dues_paid_through, probationEndsAt: m.probation_ends_at ?? null, isRetired: flag(m.is_retired), isMobile: flag(m.is_mobile), isGraduate: flag(m.is_graduate),
      org: { id: m.org_id, name: m.org_name, shortName: m.org_short_name, level: m.org_level },
    }));
    const last = rows[19];
    return { body: { items, nextCursor: rows.length > 20 ? Buffer.from(JSON.stringify([last.org_path, last.id])).toString('base64url') : null } };
  },
  async todoCounty({ root }, auth) {
    const todo = todoOf('COUNTY', root);
    const { rows, counts } = await queuePage('todo', todoPage(todo.sql), todo.params, todo.sql, todo.params, root, auth);
    return { body: { items: namedLines(rows.slice(0, 20)), nextCursor: pageCursor(rows, 'step_started_at'), counts } };
  },
  async watchingCounty({ root }, auth) {
    const todo = todoOf('COUNTY', root);
    const scope = scopeOf(root);
    const { rows, counts } = await queuePage(
      'watching',
      `SELECT ${LINE} WHERE t.state NOT IN ${FINAL} AND ${scope.sql} AND ${notTodoSql(todo)} ORDER BY t.updated_at DESC, t.id DESC LIMIT 21`,
      [...scope.params, ...todo.params],
      todo.sql,
      todo.params,
      root,
      auth,
    );
    return { body: { items: namedLines(rows.slice(0, 20)), nextCursor: pageCursor(rows, 'updated_at'), counts } };
  },
  async todoTier({ tier, path }, auth) {
    // A committee's queue also holds the steps of its branches that have no administrator of their own.
    const { sql: todo, params: todoParams } = todoOf(tier, path);
    const { rows, counts } = await queuePage('todo', todoPage(todo), todoParams, todo, todoParams, path, auth);
    return { body: { items: namedLines(rows.slice(0, 20)), nextCursor: pageCursor(rows, 'step_started_at'), counts } };
  },
  async myTransfer({ memberId }, auth) {
    // As TransfersService.detail reads it: the transfer with its names, the timeline with each actor's organisation, the
    // letters. And as it answers: the same JSON (TransferDetail), written out here by hand — the timeline's entries, the
    // letters' views, the buttons the caller may press (the shared state machine, which any server answering this must
    // ask) and the pre-review flags.
    const [t] = await query(`SELECT t.*, ${Object.entries(DETAIL_NAMES.values).map(([name, column]) => `${column} AS ${name}`).join(', ')} FROM transfers t ${DETAIL_NAMES.from} WHERE t.member_id = ? ORDER BY t.id DESC LIMIT 1`, [memberId]);
    if (!t) return { body: null };
    const events = await query('SELECT e.*, eo.short_name AS actor_org FROM transfer_events e LEFT JOIN organizations eo ON eo.id = e.actor_org_id WHERE e.transfer_id = ? ORDER BY e.id ASC', [t.id]);
    const letters = await query(`${LETTER_VIEW_SQL} WHERE l.transfer_id = ? ORDER BY l.id DESC`, [t.id]);
    const [summary] = namedLines([t]);
    const ref = (id, name, shortName, level) => (id && name !== null ? { id, name, shortName, level } : null);
    const issuer = ref(t.issuer_org_id, t.issuerName, t.issuerShortName, t.issuerLevel);
    const views = letters.map((l) => ({
      id: l.id, serial: l.serial, status: l.status, issuedAt: iso(l.issued_at), validUntil: iso(l.valid_until), validityDays: l.validity_days,
      issuer: l.issuer_org_id === issuer?.id ? issuer : null, addressee: l.addressee, reissueOf: l.reissue_of,
      verifyUrl: `http://localhost:${args.port}/verify/${l.token}`, printCount: Number(l.print_count),
    }));
    const incoming = t.incoming_member ? JSON.parse(t.incoming_member) : null;
    const rows = auth?.rows ?? [];
    const actor = { memberId: rows[0]?.member_id ?? null, assignments: rows.filter((r) => r.role).map((r) => ({ role: r.role, path: r.path })) };
    const anyPath = t.source_org_path ?? t.destination_committee_path ?? '/1/';
    const facts = {
      channel: t.channel, state: t.state, memberId: t.member_id, sourceBranchPath: t.source_org_path, sourceCommitteePath: t.source_committee_path,
      issuerPath: t.issuer_org_path, countyPath: `/${anyPath.split('/').filter(Boolean)[0]}/`, destinationCommitteePath: t.destination_committee_path,
      destinationBranchPath: t.destination_branch_path, countyApprovalRequired: !!t.county_approval_required,
    };
    const hasMember = t.member_id && t.memberName !== null;
    const served = t.servedId === null ? null : Number(t.servedId);
    const body = {
      ...summary,
      servedBy: served !== null && served !== Number(t.holder_org_id) ? ref(served, t.servedName, t.servedShortName, t.servedLevel) : null,
      reasonDetail: t.reason_detail, duesPaidThrough: t.dues_paid_through, phone: t.phone,
      returnNote: t.return_note ? JSON.parse(t.return_note) : null, checklist: t.checklist ? JSON.parse(t.checklist) : null,
      countyApprovalRequired: !!t.county_approval_required, incomingLetterNo: t.incoming_letter_no,
      incomingMember: incoming ? { name: incoming.name, sex: incoming.sex, category: incoming.category, idNumberMasked: incoming.idNumberMasked, sourceOrgName: incoming.sourceOrgName, sourceRegion: incoming.sourceRegion } : null,
      memberFacts: hasMember
        ? { sex: t.memberSex, birthDate: t.memberBirthDate ?? '', ethnicity: t.memberEthnicity ?? '', category: t.memberCategory, joinedAt: t.memberJoinedAt ?? '', probationEndsAt: t.memberProbationEndsAt }
        : null,
      destinationBranch: ref(t.destination_branch_id, t.branchName, t.branchShortName, t.branchLevel),
      letter: views[0] ?? null, letters: views,
      events: events.map((e) => {
        const d = e.detail ? JSON.parse(e.detail) : null;
        return {
          id: e.id, at: iso(e.at), action: e.action, fromState: e.from_state, toState: e.to_state, actorName: e.actor_name, actorRole: e.actor_role, actorOrg: e.actor_org, comment: e.comment,
          ...(d?.missing ? { missing: d.missing } : {}), ...(d?.serial ? { letterSerial: d.serial } : {}), ...(d?.reissueOf ? { reissueOf: d.reissueOf } : {}), ...(d?.branch ? { branch: d.branch } : {}),
          ...(e.action === 'recordReceipt' ? { receiptHandler: d?.receiptHandler ?? null, receiptPhone: d?.receiptPhone ?? null } : {}), ...(d?.incomingLetterNo ? { incomingLetterNo: d.incomingLetterNo } : {}),
          ...(e.action === 'recordTalk' && d?.heldOn ? { talkHeldOn: d.heldOn } : {}),
        };
      }),
      allowedActions: allowedActions(facts, actor),
      flags: {
        duesOwedMonths: hasMember ? Math.max(0, monthsBetween(t.memberDuesPaidThrough ?? '', chinaYearMonth())) : 0,
        probationOverdue: !!hasMember && t.memberCategory === 'PROBATIONARY' && !!t.memberProbationEndsAt && day(t.memberProbationEndsAt) < chinaDate(),
      },
      completedAt: iso(t.completed_at),
      talk: t.talk_due_on ? { dueOn: t.talk_due_on, heldOn: t.talk_held_on, note: t.talk_note, overdue: !t.talk_held_on && t.talk_due_on < chinaDate() } : null,
      canRecordTalk: !!t.talk_due_on && !t.talk_held_on && decideTalk(facts, actor).ok,
      // As canReadMember: the member's own record, or one in a subtree where the caller may read members.
      memberRecordReadable:
        !!t.member_id && t.memberOrgPath !== null &&
        ((actor.memberId === t.member_id && ROLE_PERMISSIONS.MEMBER.includes('member.readSelf')) ||
          actor.assignments.some((a) => ROLE_PERMISSIONS[a.role].includes('member.read') && a.path !== null && t.memberOrgPath.startsWith(a.path))),
    };
    return { body };
  },
  async me(_params, auth) {
    // As GET /api/me answers (AuthService.sessionUser): from the session's look-up, which every authenticated request
    // makes, with no statement of its own — the caller, their roles (a member's own first) and what those permit.
    const [u] = auth.rows;
    const assignments = auth.rows.filter((r) => r.role);
    const roles = new Set(assignments.map((r) => r.role));
    if (u.member_id !== null) roles.add('MEMBER');
    const permissions = new Set([...roles].flatMap((r) => ROLE_PERMISSIONS[r]));
    return {
      body: {
        id: u.id, username: u.username, displayName: u.display_name, memberId: u.member_id,
        roles: [...(u.member_id !== null ? [{ role: 'MEMBER', org: null }] : []), ...assignments.map((r) => ({ role: r.role, org: r.org_id === null ? null : { id: r.org_id, name: r.name ?? '', shortName: r.short_name ?? '', path: r.path } }))],
        permissions: [...permissions],
      },
    };
  },
  async studyMy({ memberId, year }) {
    // As StudyMyService.my reads (its statements, from the API's build) and answers it.
    const today = chinaDate();
    const [member] = await query(MY_STUDY_SQL.member, [year, memberId]);
    const rows = await query(MY_STUDY_SQL.enrolments, [memberId, year]);
    const trackIds = [...new Set(rows.map((r) => Number(r.track_id)))];
    const links = trackIds.length ? await query(MY_STUDY_SQL.modules(trackIds.length), trackIds) : [];
    const moduleIds = [...new Set(links.map((l) => Number(l.id)))];
    const minYear = rows.reduce((y, r) => Math.min(y, Number(r.a_year)), year);
    const progress = moduleIds.length ? await query(MY_STUDY_SQL.progress(moduleIds.length), [memberId, minYear, ...moduleIds]) : [];
    // Quizzes that look used up, less those whose last attempt is still being taken (asked only when there are some).
    const exhausted = (l, p) => l.kind === 'QUIZ' && !!p && p.status !== 'COMPLETED' && Number(p.attempts_used) >= Number(l.attempts_allowed);
    const looksExhausted = [...new Set(links.filter((l) => exhausted(l, progress.find((p) => Number(p.module_id) === Number(l.id) && Number(p.year) === year))).map((l) => Number(l.id)))];
    const taking = new Set(looksExhausted.length ? (await query(OPEN_ATTEMPTS_SQL(1, looksExhausted.length), [openSince(new Date()), memberId, ...looksExhausted])).map((a) => Number(a.module_id)) : []);
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const tracks = rows.map((r) => {
      const mods = links
        .filter((l) => Number(l.track_id) === Number(r.track_id))
        .map((l) => {
          const mine = progress.filter((p) => Number(p.module_id) === Number(l.id) && Number(p.year) >= Number(r.a_year));
          const done = mine.find((p) => p.status === 'COMPLETED');
          const current = mine.find((p) => Number(p.year) === year);
          return {
            position: Number(l.position),
            required: l.required === true || Number(l.required) === 1,
            module: {
              id: Number(l.id), kind: l.kind, title: l.title, summary: l.summary, tags: l.tags ? l.tags.split(',').filter(Boolean) : [], need: l.need,
              classHours: Math.round(Number(l.class_tenths)) / 10, published: l.published === true || Number(l.published) === 1,
              seconds: Number(l.kind === 'ARTICLE' ? l.min_read_seconds : l.kind === 'VIDEO' ? l.duration_seconds : l.time_limit_seconds), version: Number(l.version),
            },
            status: done ? 'COMPLETED' : (current?.status ?? 'NOT_STARTED'),
            completedAt: done ? iso(done.completed_at) : null,
            attemptsExhausted: !done && exhausted(l, current) && !taking.has(Number(l.id)),
          };
        });
      const required = mods.filter((m) => m.required);
      const requiredDone = required.filter((m) => m.status === 'COMPLETED').length;
      const completedAt = iso(r.completed_at);
      const dueOn = day(r.due_on);
      return {
        assignmentId: Number(r.assignment_id),
        track: { id: Number(r.track_id), title: r.title, description: r.description, year: Number(r.t_year) },
        assignedBy: { id: Number(r.org_id), name: r.org_name, shortName: r.org_short_name, level: r.org_level },
        startsOn: day(r.starts_on), dueOn,
        overdue: !completedAt && dueOn < today, dueSoon: !completedAt && dueOn >= today && dueOn <= soon,
        completedAt, requiredTotal: required.length, requiredDone,
        percent: required.length ? Math.round((requiredDone * 100) / required.length) : 100,
        modules: mods,
      };
    });
    return { body: { year, classHours: { earned: Math.round(Number(member?.tenths ?? 0)) / 10, required: requiredClassHours(member?.post ?? null) }, tracks } };
  },
  async studyStats({ orgId, year, today }) {
    const [org] = await query('SELECT * FROM organizations WHERE id = ?', [orgId]);
    const children = await query(CHILDREN, [orgId]);
    const ids = [org.id, ...children.map((c) => c.id)];
    const marks = ids.map(() => '?').join(',');
    const counts = await query(
      `SELECT c.org_id, SUM(c.enrolled) AS enrolled, SUM(c.completed) AS completed, SUM(CASE WHEN a.due_on < ? THEN c.enrolled - c.completed ELSE 0 END) AS overdue
         FROM study_org_counters c JOIN study_assignments a ON a.id = c.assignment_id WHERE c.org_id IN (${marks}) AND a.year = ? AND a.status = 'ACTIVE' GROUP BY c.org_id`,
      [today, ...ids, year],
    );
    const hours = await query(`SELECT org_id, tenths, met FROM study_org_hours WHERE year = ? AND org_id IN (${marks})`, [year, ...ids]);
    const c = new Map(counts.map((r) => [r.org_id, r]));
    const h = new Map(hours.map((r) => [r.org_id, r]));
    const k = new Map([[org.id, children.length], ...children.map((r) => [r.id, Number(r.child_count)])]);
    // As StudyFollowupService.stats answers: each organisation's counts, its completion rate, average class hours and
    // share of members who met the year's requirement to one decimal.
    const row = (o) => {
      const n = c.get(o.id);
      const enrolled = Number(n?.enrolled ?? 0);
      const completed = Number(n?.completed ?? 0);
      const members = Number(o.subtree_member_count);
      const met = Number(h.get(o.id)?.met ?? 0);
      return {
        org: { id: o.id, name: o.name, shortName: o.short_name, level: o.level, childCount: k.get(o.id) ?? 0 },
        members, enrolled, completed,
        completionRate: enrolled ? Math.round((completed * 1000) / enrolled) / 10 : null,
        overdue: Number(n?.overdue ?? 0),
        avgClassHours: members ? Math.round(Number(h.get(o.id)?.tenths ?? 0) / members) / 10 : 0,
        hoursMet: met,
        hoursMetRate: members ? Math.round((met * 1000) / members) / 10 : null,
      };
    };
    return { body: { period: year, track: null, org: row(org), children: children.map(row) } };
  },
  async overview({ root }) {
    // One organisation's figures from its counters, the overdue ones from its roll-up (transfer-overdue.ts).
    const sides = isWholeTree(root) ? [] : ['t.source_org_path', 't.destination_committee_path', 't.destination_branch_path'].map((c) => inSubtree(c, root));
    const where = sides.length ? `(${sides.map((x) => x.sql).join(' OR ')})` : '1 = 1';
    const p = sides.flatMap((x) => x.params);
    const now = new Date();
    const month = chinaYearMonth(now);
    const orgId = pathIds(root).at(-1);
    const tally = await query(TALLY_SQL, [orgId, orgId, month, orgId, shiftYearMonth(month, -11)]);
    // Every state's count, zero included, and the open ones' sum (TransferQueuesService.overview).
    const counted = new Map(tally.filter((r) => r.kind === 'state').map((r) => [r.k, Number(r.n)]));
    const byState = Object.fromEntries(TRANSFER_STATES.map((st) => [st, counted.get(st) ?? 0]));
    const open = TRANSFER_STATES.filter((st) => !FINAL_STATES.includes(st)).reduce((n, st) => n + byState[st], 0);
    const late = await readOverdue(query, orgId, { sql: where, params: p }, now);
    if (!late) throw new Error('the overdue roll-up is stale: is the API (which runs its job) up?');
    const holders = late.byHolder.length ? await query(`SELECT id, name, short_name FROM organizations WHERE id IN (${late.byHolder.map(() => '?').join(',')})`, late.byHolder.map(([h]) => h)) : [];
    const names = new Map(holders.map((o) => [o.id, o]));
    const overdue = late.byHolder.filter(([h]) => names.has(h)).map(([h, n]) => ({ org: { id: h, name: names.get(h).name, shortName: names.get(h).short_name }, overdue: n }));
    const median = medianOfHistogram(tally.filter((r) => r.kind === 'days').map((r) => [Number(r.k), Number(r.n)]));
    const completedThisMonth = Number(tally.find((r) => r.kind === 'month')?.n ?? 0);
    return { body: { byState, open, overdue: late.total, completedThisMonth, medianWorkingDays: median, overdueByOrganization: overdue } };
  },
};

/** Each tab's rows as SQL, to be counted (capped), as the API asks them; 'done' counts the transfers this administrator acted on. */
function countedSql(todoSql, todoParams, scopePath, auth) {
  const scope = scopeOf(scopePath);
  return {
    todo: [`SELECT 1 FROM transfers t WHERE ${todoSql}`, todoParams],
    watching: [`SELECT 1 FROM transfers t WHERE ${isWholeTree(scopePath) ? OPEN_BY_HOLDER : `t.state NOT IN ${FINAL}`} AND ${scope.sql} AND ${notTodoSql({ sql: todoSql })}`, [...scope.params, ...todoParams]],
    done: ['SELECT DISTINCT transfer_id FROM transfer_events WHERE actor_user_id = ?', [auth?.userId ?? 0]],
  };
}

/**
 * A queue's first page and the tabs' counts as the API reads them (TransferQueuesService.list): on SQLite the counts
 * apart, less the one the page showed whole; on MySQL the counts beside each line in the page's statement — but for a
 * to-do page, whose length is its count when it holds the whole queue (asked apart when it is full) — and any the page
 * could not carry (an empty page) apart.
 */
async function queuePage(queue, pageSql, pageParams, todoSql, todoParams, scopePath, auth) {
  if (args.db !== 'mysql') {
    const rows = await query(pageSql, pageParams);
    return { rows, counts: await queueCounts(todoSql, todoParams, scopePath, auth, whole(queue, rows)) };
  }
  const counted = countedSql(todoSql, todoParams, scopePath, auth);
  const keys = Object.keys(counted).filter((k) => !(queue === 'todo' && k === 'todo'));
  const tabs = keys.map((k) => `(${cappedCount(counted[k][0])}) AS tab_${k}, `).join('');
  const rows = await query(pageSql.replace(/^SELECT /, `SELECT ${tabs}`), [...keys.flatMap((k) => counted[k][1]), ...pageParams]);
  const known = rows.length ? Object.fromEntries(keys.map((k) => [k, Number(rows[0][`tab_${k}`])])) : {};
  return { rows, counts: await queueCounts(todoSql, todoParams, scopePath, auth, { ...known, ...whole(queue, rows) }) };
}

async function queueCounts(todoSql, todoParams, scopePath, auth, known = {}) {
  // The tab counts in one statement, less the one the page already showed whole.
  const counted = countedSql(todoSql, todoParams, scopePath, auth);
  const wanted = Object.keys(counted).filter((k) => known[k] === undefined);
  const [n] = wanted.length ? await query(`SELECT ${wanted.map((k) => `(${cappedCount(counted[k][0])}) AS ${k}`).join(', ')}`, wanted.flatMap((k) => counted[k][1])) : [{}];
  return Object.fromEntries(Object.keys(counted).map((k) => [k, known[k] ?? Number(n[k])]));
}

/** A queue page's cursor, as the API writes it (server/src/common/pagination/cursor.ts): the last line's sort key. */
const pageCursor = (rows, column) => (rows.length > 20 ? Buffer.from(JSON.stringify([iso(rows[19][column]), rows[19].id])).toString('base64url') : null);

/** A first page that holds its whole queue (not full) is that queue's count. */
const whole = (queue, rows) => (rows.length <= 20 ? { [queue]: rows.length } : {});

/** The session and role look-up the API makes at every authenticated request (server/src/auth/actor.loader.ts). */
async function session({ userId, sessionId }) {
  const rows = await query(
    ACTOR_SQL,
    [sessionId, userId],
  );
  // The caller's roles go with the request (a transfer's detail says which actions they may take).
  return rows.length > 0 && !rows[0].session_revoked ? rows : null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const handler = handlers[url.pathname.slice(1)];
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  try {
    const auth = url.searchParams.get('a') ? JSON.parse(url.searchParams.get('a')) : null;
    if (auth && !(auth.rows = await session(auth))) {
      res.writeHead(401).end();
      return;
    }
    const out = await handler(JSON.parse(url.searchParams.get('p') ?? '{}'), auth);
    const body = JSON.stringify(out.body);
    res.writeHead(out.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (e) {
    res.writeHead(500).end(String(e?.message));
  }
});
server.listen(Number(args.port), '127.0.0.1', () => process.send?.('ready'));
// A clean exit on SIGTERM, so that a --cpu-prof run (bench/run.mjs --cpu-prof) writes its profile.
process.on('SIGTERM', () => process.exit(0));
