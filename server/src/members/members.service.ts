import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  idBirthDate,
  idSex,
  MOBILE_PATTERN,
  MemberStatus,
  PAGE_LIMIT_DEFAULT,
  Permission,
  pathIds,
  subtreeEnd,
  type MemberCount,
  type MemberDetail,
  type MemberSummary,
  type Page,
  memberDateProblems,
} from '@zhdj/shared';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import type { Actor } from '../common/actor';
import { phonesMasked } from '../common/changes';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toBool } from '../common/database/db.service';
import { isUniqueViolation } from '../common/database/db-errors';
import { subtreeEndSql } from '../common/database/subtree-sql';
import { badRequest, conflict, invalidField, notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor, likeEscape } from '../common/pagination/cursor';
import { Organization } from '../organizations/entities/organization.entity';
import { lockTree } from '../organizations/org-counts';
import { OrganizationsService, toOrgRef } from '../organizations/organizations.service';
import type { CreateMemberDto, ListMembersQuery, MemberFilterQuery, UpdateMemberDto } from './dto/member.dto';
import { MemberOrgHistory } from './entities/member-org-history.entity';
import { Member } from './entities/member.entity';
import { accountHeldAbove, heldAboveRefusal } from './account-held-above';
import { MemberWriter } from './member-writer';

/** The columns a list row needs — lists never hydrate entities (architecture.md §9). */
const SUMMARY_COLUMNS = `m.id, m.name, m.sex, m.phone, m.id_number_masked, m.category, m.status, m.post, m.dues_paid_through, m.probation_ends_at,
  m.is_retired, m.is_mobile, m.is_graduate, m.org_id, m.org_path, o.name AS org_name, o.short_name AS org_short_name, o.level AS org_level`;

export interface SummaryRow {
  id: number;
  name: string;
  sex: 'M' | 'F';
  phone: string;
  id_number_masked: string;
  category: MemberSummary['category'];
  status: MemberSummary['status'];
  post: MemberSummary['post'];
  dues_paid_through: string;
  probation_ends_at: string | null;
  is_retired: unknown;
  is_mobile: unknown;
  is_graduate: unknown;
  org_id: number;
  org_path: string;
  org_name: string;
  org_short_name: string;
  org_level: MemberSummary['org']['level'];
}

export function toSummary(r: SummaryRow): MemberSummary {
  return {
    id: Number(r.id),
    name: r.name,
    sex: r.sex,
    phone: r.phone,
    idNumberMasked: r.id_number_masked,
    category: r.category,
    status: r.status,
    post: r.post ?? null,
    duesPaidThrough: r.dues_paid_through,
    probationEndsAt: r.probation_ends_at ?? null,
    isRetired: toBool(r.is_retired),
    isMobile: toBool(r.is_mobile),
    isGraduate: toBool(r.is_graduate),
    org: { id: Number(r.org_id), name: r.org_name, shortName: r.org_short_name, level: r.org_level },
  };
}

export interface MemberFilter {
  /** The subtree: its path, or `{ column }`, a path read in the same statement (a joined organisation's). */
  path: string | { column: string };
  /** Keyset position (org_path, id): only members after it. */
  after?: [string, number];
  q?: string;
  category?: string;
  role?: string;
  status?: string;
}

/** The list's filters out of a query (the subtree and the keyset are each caller's own). */
export function filtersOf(query: MemberFilterQuery): Pick<MemberFilter, 'q' | 'category' | 'role' | 'status'> {
  return { q: query.q, category: query.category, role: query.role, status: query.status };
}

/** Whether the actor may read member `id`, whose branch is at `orgPath`: an administrator within their subtree, a member only themself. */
export function canReadMember(actor: Actor, id: number, orgPath: string, permission: Permission = Permission.MEMBER_READ): boolean {
  const self = actor.memberId === id && actor.can(Permission.MEMBER_READ_SELF) && permission === Permission.MEMBER_READ;
  return self || actor.covers(orgPath, permission);
}

@Injectable()
export class MembersService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly cipher: IdNumberCipher,
    private readonly writer: MemberWriter,
    private readonly audit: AuditService,
  ) {}

  /** The subtree a list or export covers: the requested organisation (in scope), or the actor's own scope root. */
  resolveSubtree(actor: Actor, orgId: number | undefined, permission: Permission): Promise<Organization> {
    return this.orgs.resolveSubtree(actor, orgId, permission);
  }

  async list(actor: Actor, query: ListMembersQuery): Promise<Page<MemberSummary>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']) ?? undefined;
    const filters = { after, ...filtersOf(query) };
    let rows: (SummaryRow & { subtree_path?: string })[];
    if (query.orgId === undefined) {
      // The caller's own scope root: its path is already known from their roles.
      const root = actor.scopes(Permission.MEMBER_READ)[0];
      if (!root) throw notFound('Organisation');
      const { where, params } = this.filterSql({ path: root, ...filters });
      rows = await this.db.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM members m JOIN organizations o ON o.id = m.org_id WHERE ${where.join(' AND ')} ORDER BY m.org_path, m.id LIMIT ${limit + 1}`,
        params,
      );
    } else {
      // The organisation asked for is read in the same statement as its members (on MySQL a statement of its own was a
      // third of the list's cost): its path bounds their range, and is checked against the caller's scope before
      // anything is shown. CROSS JOIN keeps it first on SQLite, which then reads the range as when the path is bound.
      const { where, params } = this.filterSql({ path: { column: 's.path' }, ...filters });
      rows = await this.db.query<SummaryRow & { subtree_path: string }>(
        `SELECT ${SUMMARY_COLUMNS}, s.path AS subtree_path FROM organizations s CROSS JOIN members m JOIN organizations o ON o.id = m.org_id
          WHERE s.id = ? AND ${where.join(' AND ')} ORDER BY m.org_path, m.id LIMIT ${limit + 1}`,
        [query.orgId, ...params],
      );
      // No rows: an unknown or out-of-scope organisation is a 404, one in scope an empty page.
      await this.orgs.checkScopeAfterRead(actor, query.orgId, rows[0]?.subtree_path ?? null, Permission.MEMBER_READ);
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor([last.org_path, Number(last.id)]) : null,
    };
  }

  /**
   * How many members the filters match in the subtree, across all pages: what the list's pager shows as its total.
   * Unfiltered, the roll is the organisation's stored subtree count, one row already read (a COUNT over the county took
   * 14 ms, on every visit to the list); filtered, one COUNT over the list's own range and conditions. Either way it
   * agrees with the pages, which the members suite checks by walking them.
   */
  async count(actor: Actor, query: MemberFilterQuery, permission: Permission = Permission.MEMBER_READ): Promise<MemberCount & { org: Organization }> {
    const org = await this.resolveSubtree(actor, query.orgId, permission);
    const filters = filtersOf(query);
    if (Object.values(filters).every((v) => v === undefined)) return { org, total: org.subtreeMemberCount };
    const { where, params } = this.filterSql({ path: org.path, ...filters });
    const [{ n }] = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM members m WHERE ${where.join(' AND ')}`, params);
    return { org, total: Number(n) };
  }

  /** WHERE clauses for a subtree and the list filters; shared by the list, its count and the export. */
  filterSql(f: MemberFilter): { where: string[]; params: unknown[] } {
    // The subtree as one index range that begins at the cursor when there is one. (With `LIKE 'path%'` and the keyset
    // as separate conditions, SQLite took the LIKE's range and read the subtree from its first row up to the page:
    // 7 ms for a page near the end of a 48,000-member committee, against 0.1 ms.)
    const cursor = f.after?.[0];
    let where: string[];
    let params: unknown[];
    if (typeof f.path === 'string') {
      where = ['m.org_path >= ? AND m.org_path < ?'];
      params = [cursor && cursor > f.path ? cursor : f.path, subtreeEnd(f.path)];
    } else {
      // The same range with the path from the joined row: from the later of it and the cursor, to its subtree's end.
      const col = f.path.column;
      where = [`m.org_path >= ${cursor ? `CASE WHEN ? > ${col} THEN ? ELSE ${col} END` : col} AND m.org_path < ${subtreeEndSql(col)}`];
      params = cursor ? [cursor, cursor] : [];
    }
    if (f.after) {
      where.push('(m.org_path > ? OR m.id > ?)');
      params.push(f.after[0], f.after[1]);
    }
    if (f.q) {
      if (/^\d{17}[\dXx]$/.test(f.q)) {
        where.push('m.id_number_hash = ?');
        params.push(this.cipher.hash(f.q));
      } else if (/^\d{3,11}$/.test(f.q)) {
        where.push('m.phone LIKE ?');
        params.push(f.q + '%');
      } else {
        where.push(`m.name LIKE ? ESCAPE '!'`);
        params.push(`%${likeEscape(f.q)}%`);
      }
    }
    if (f.category) {
      where.push('m.category = ?');
      params.push(f.category);
    }
    if (f.role === 'ANY') where.push('m.post IS NOT NULL');
    else if (f.role) {
      where.push('m.post = ?');
      params.push(f.role);
    }
    if (f.status) {
      where.push('m.status = ?');
      params.push(f.status);
    } else {
      // Unless a status is asked for, the organisation's roll: its members and those in transfer, as the tree's stored
      // counts count them (47,778 on the card must be the list's total too). Those who left the county keep their
      // record, shown when the status filter asks for them.
      where.push('m.status <> ?');
      params.push(MemberStatus.TRANSFERRED_OUT);
    }
    return { where, params };
  }

  /** A member the actor may see, or 404: admins within their subtree, a member only themself. */
  async findVisible(actor: Actor, id: number, permission: Permission = Permission.MEMBER_READ, em: EntityManager = this.db.em): Promise<Member> {
    const member = await em.findOne(Member, { where: { id } });
    if (!member) throw notFound('Member');
    if (!canReadMember(actor, id, member.orgPath, permission)) throw notFound('Member');
    return member;
  }

  async get(actor: Actor, id: number): Promise<MemberDetail> {
    const m = await this.findVisible(actor, id);
    // An administrator opening someone's record reads their particulars (phone, birth date, ethnicity, history): who
    // did so is kept, as for a reveal (PIPL art. 51, MLPS audit). A member reading their own record is not a record.
    if (actor.memberId !== id) {
      await this.audit.record(this.db.em, actor, { action: 'member.read', targetType: 'member', targetId: id, permission: Permission.MEMBER_READ, path: m.orgPath, detail: { member: m.name } });
    }
    const history = await this.db.em.find(MemberOrgHistory, { where: { memberId: id }, order: { fromDate: 'DESC', id: 'DESC' } });
    const orgIds = new Set([...pathIds(m.orgPath), ...history.map((h) => h.orgId)]);
    const orgs = new Map((await this.db.em.find(Organization, { where: { id: In([...orgIds]) } })).map((o) => [o.id, o]));
    const branch = orgs.get(m.orgId)!;
    // The open-transfer index (one row at most); a draft is the member's own until they submit it.
    const [open] = await this.db.query<{ id: unknown }>(`SELECT id FROM transfers WHERE open_member_id = ? AND state <> 'DRAFT'`, [id]);
    return {
      id: m.id,
      name: m.name,
      sex: m.sex,
      phone: m.phone,
      idNumberMasked: m.idNumberMasked,
      category: m.category,
      status: m.status,
      post: m.post,
      duesPaidThrough: m.duesPaidThrough,
      isRetired: m.isRetired,
      isMobile: m.isMobile,
      isGraduate: m.isGraduate,
      org: toOrgRef(branch),
      ethnicity: m.ethnicity,
      birthDate: m.birthDate,
      education: m.education,
      joinedAt: m.joinedAt,
      probationEndsAt: m.probationEndsAt,
      orgAncestors: pathIds(m.orgPath)
        .slice(0, -1)
        .map((oid) => orgs.get(oid))
        .filter((o): o is Organization => !!o)
        .map(toOrgRef),
      history: history.map((h) => ({
        org: orgs.get(h.orgId) ? toOrgRef(orgs.get(h.orgId)!) : { id: h.orgId, name: '', shortName: '', level: 'BRANCH' },
        from: h.fromDate,
        to: h.toDate,
        transferId: h.transferId,
      })),
      openTransferId: open ? Number(open.id) : null,
      accountHeldAbove: await accountHeldAbove(this.db, actor, id),
      version: m.version,
    };
  }

  async create(actor: Actor, dto: CreateMemberDto): Promise<MemberDetail> {
    this.checkConsistency(dto);
    checkDates(dto);
    let id: number;
    try {
      id = await this.db.tx((em) => this.insertOne(em, actor, dto));
    } catch (e) {
      // The uniqueness checks read before writing: of concurrent creates for one person, the unique index decides.
      if (isUniqueViolation(e)) throw this.uniqueConflict(e);
      throw e;
    }
    return this.get(actor, id);
  }

  private async insertOne(em: EntityManager, actor: Actor, dto: CreateMemberDto): Promise<number> {
    await lockTree(em);
    const branch = await this.orgs.findInScope(actor, dto.orgId, Permission.MEMBER_WRITE, em);
    if (branch.level !== 'BRANCH') throw invalidField('orgId', 'branch', 'Members belong to branches (党支部) only', ErrorCode.MEMBER_ORG_NOT_BRANCH);
    await this.checkUnique(em, dto.idNumber, dto.phone);
    const [memberId] = await this.writer.insert(em, [
      {
        ...dto,
        probationEndsAt: dto.probationEndsAt ?? null,
        post: dto.post ?? null,
        isRetired: dto.isRetired ?? false,
        isMobile: dto.isMobile ?? false,
        isGraduate: dto.isGraduate ?? false,
        orgPath: branch.path,
      },
    ]);
    await this.audit.record(em, actor, {
      action: 'member.create',
      targetType: 'member',
      targetId: memberId,
      permission: Permission.MEMBER_WRITE,
      path: branch.path,
      detail: { name: dto.name, orgId: branch.id },
    });
    return memberId;
  }

  async update(actor: Actor, id: number, dto: UpdateMemberDto): Promise<MemberDetail> {
    try {
      await this.db.tx((em) => this.applyUpdate(em, actor, id, dto));
    } catch (e) {
      if (isUniqueViolation(e)) throw this.uniqueConflict(e);
      throw e;
    }
    return this.get(actor, id);
  }

  private async applyUpdate(em: EntityManager, actor: Actor, id: number, dto: UpdateMemberDto): Promise<void> {
    const m = await this.findVisible(actor, id, Permission.MEMBER_WRITE, em);
    const { version, idNumber, ...fields } = dto;
    const merged = { ...m, ...fields };
    if (idNumber || fields.birthDate || fields.sex) {
      this.checkConsistency({ idNumber: idNumber ?? this.cipher.decrypt(m.idNumberEnc), birthDate: merged.birthDate, sex: merged.sex });
    }
    // Only when a date changes: an edit of the phone does not fail over a record written before the rule.
    if (fields.birthDate || fields.joinedAt || fields.duesPaidThrough) checkDates(merged);
    if (merged.category === 'PROBATIONARY' && !merged.probationEndsAt) {
      throw invalidField('probationEndsAt', 'required', 'probationEndsAt is required for probationary members');
    }
    const renamesAccount = (fields.phone && fields.phone !== m.phone) || (fields.name && fields.name !== m.name);
    if (renamesAccount && (await accountHeldAbove(this.db, actor, id, em))) throw heldAboveRefusal();
    const changes: Partial<Member> = { ...fields, updatedAt: new Date(), version: m.version + 1 };
    if (idNumber) {
      const p = this.cipher.protect(idNumber);
      Object.assign(changes, { idNumberEnc: p.enc, idNumberHash: p.hash, idNumberMasked: p.masked });
    }
    const affected =
      (await em.createQueryBuilder().update(Member).set(changes).where('id = :id AND version = :version', { id, version }).execute()).affected ?? 0;
    if (affected === 0) throw conflict(ErrorCode.CONFLICT, 'This record was changed by someone else; reload and try again', { currentVersion: m.version });
    if (fields.phone && fields.phone !== m.phone) await em.update(User, { memberId: id }, { username: fields.phone });
    if (fields.name && fields.name !== m.name) await em.update(User, { memberId: id }, { displayName: fields.name });
    const { before, after } = phonesMasked(await this.writer.updated(em, id, m, fields));
    await this.audit.record(em, actor, {
      action: 'member.update',
      targetType: 'member',
      targetId: id,
      permission: Permission.MEMBER_WRITE,
      path: m.orgPath,
      // Named, so the log reads 党员：王建国 rather than a number; the ID number itself is never recorded, only that it
      // changed, and a phone number as 138****8280.
      detail: { member: fields.name ?? m.name, before, after, idNumberChanged: !!idNumber },
    });
  }

  /** The full ID number, for an administrator in scope; every reveal is audited. */
  async revealId(actor: Actor, id: number): Promise<{ idNumber: string }> {
    return this.db.tx(async (em) => {
      const m = await this.findVisible(actor, id, Permission.MEMBER_REVEAL_ID, em);
      await this.audit.record(em, actor, {
        action: 'member.revealId',
        targetType: 'member',
        targetId: id,
        permission: Permission.MEMBER_REVEAL_ID,
        path: m.orgPath,
        // Whose number was read, by name (never the number).
        detail: { member: m.name },
      });
      return { idNumber: this.cipher.decrypt(m.idNumberEnc) };
    });
  }

  /** The ID number's birth date and sex digits must agree with the record. */
  checkConsistency(dto: { idNumber: string; birthDate: string; sex: string }): void {
    const birth = idBirthDate(dto.idNumber.toUpperCase());
    if (birth !== dto.birthDate) {
      throw invalidField('birthDate', 'matchesIdNumber', `birthDate does not match the ID number (${birth})`, ErrorCode.ID_NUMBER_INVALID);
    }
    if (idSex(dto.idNumber) !== dto.sex) {
      throw invalidField('sex', 'matchesIdNumber', 'sex does not match the ID number', ErrorCode.ID_NUMBER_INVALID);
    }
  }

  private async checkUnique(em: EntityManager, idNumber: string, phone: string): Promise<void> {
    if (await em.exists(Member, { where: { idNumberHash: this.cipher.hash(idNumber) } })) {
      throw conflict(ErrorCode.ID_NUMBER_TAKEN, 'A member with this ID number is already registered');
    }
    if (!MOBILE_PATTERN.test(phone)) throw badRequest(ErrorCode.VALIDATION_FAILED, 'Invalid phone');
    if ((await em.exists(Member, { where: { phone } })) || (await em.exists(User, { where: { username: phone } }))) {
      throw conflict(ErrorCode.PHONE_TAKEN, 'This mobile number is already used by another account');
    }
  }

  private uniqueConflict(e: unknown) {
    return isUniqueViolation(e, 'phone') || isUniqueViolation(e, 'username')
      ? conflict(ErrorCode.PHONE_TAKEN, 'This mobile number is already used by another account')
      : conflict(ErrorCode.ID_NUMBER_TAKEN, 'A member with this ID number is already registered');
  }
}

/** The dates' rule a member arriving from outside is held to as well (shared: memberDateProblems), all at once. */
function checkDates(m: { birthDate: string; joinedAt: string; duesPaidThrough: string }): void {
  const problems = memberDateProblems(m, shanghaiDate(new Date()));
  if (problems.length) throw badRequest(ErrorCode.VALIDATION_FAILED, problems.map((p) => p.message).join('; '), problems);
}
