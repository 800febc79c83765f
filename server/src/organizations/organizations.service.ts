import { Injectable } from '@nestjs/common';
import { canHoldChild, childPath, ErrorCode, parentPath, Permission, pathIds, type OrgDetail, type OrgDirectoryEntry, type OrgRef, type OrgSummary } from '@zhdj/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { changesOf } from '../common/changes';
import { Db } from '../common/database/db.service';
import { rewriteSubtreePaths } from '../common/database/subtree-sql';
import { isUniqueViolation } from '../common/database/db-errors';
import { badRequest, conflict, forbidden, invalidField, notFound } from '../common/errors/app.exception';
import { likeEscape } from '../common/pagination/cursor';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './entities/organization.entity';
import { adjustAncestorTotals, lockTree } from './org-counts';

export const toOrgRef = (o: Pick<Organization, 'id' | 'name' | 'shortName' | 'level'>): OrgRef => ({
  id: o.id,
  name: o.name,
  shortName: o.shortName,
  level: o.level,
});

/** Listeners told when a subtree moved, in the move's transaction, after every path was rewritten (study follows). */
export type SubtreeMovedListener = (em: EntityManager, oldPath: string, newPath: string) => Promise<void>;

/** What summaries() reads of an organisation. */
const SUMMARY_FIELDS = ['id', 'name', 'shortName', 'level', 'code', 'type', 'parentId', 'path', 'depth', 'hasApprovalAuthority', 'descendantCount', 'subtreeMemberCount'] as const;
export type OrgSummaryRow = Pick<Organization, (typeof SUMMARY_FIELDS)[number]>;
/** The number of children of each organisation read (aliased `o`), as `Db.pick` counts. */
const CHILD_COUNT = { childCount: 'SELECT COUNT(*) FROM organizations g WHERE g.parent_id = o.id' };
export type OrgSummaryRowWithChildren = OrgSummaryRow & { childCount: number };

@Injectable()
export class OrganizationsService {
  private readonly moveListeners: SubtreeMovedListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  onSubtreeMoved(listener: SubtreeMovedListener): void {
    this.moveListeners.push(listener);
  }

  /** An organisation the actor may see under `permission`, or 404 as if it did not exist. */
  async findInScope(actor: Actor, id: number, permission: Permission, em: EntityManager = this.db.em): Promise<Organization> {
    const [org] = await this.db.load(Organization, 'id = ?', [id], '', em);
    if (!org || !actor.covers(org.path, permission)) throw notFound('Organisation');
    return org;
  }

  /**
   * The scope check of a read made before it, in the same statement as the rows it guards: `path` is the
   * organisation's as those rows gave it, or null when they were none — then it is looked up on its own, so that an
   * unknown organisation and one outside the scope answer the same 404.
   */
  async checkScopeAfterRead(actor: Actor, id: number, path: string | null, permission: Permission): Promise<void> {
    if (path === null) await this.findInScope(actor, id, permission);
    else if (!actor.covers(path, permission)) throw notFound('Organisation');
  }

  /** The organisation a list or a figure is for: the one asked for (in scope), or else the caller's first scope root. */
  async resolveSubtree(actor: Actor, orgId: number | undefined, permission: Permission): Promise<Organization> {
    if (orgId !== undefined) return this.findInScope(actor, orgId, permission);
    const root = actor.scopes(permission)[0];
    if (!root) throw notFound('Organisation');
    const [org] = root === '/' ? await this.db.load(Organization, 'parent_id IS NULL', [], 'ORDER BY id LIMIT 1') : await this.db.byIds(Organization, [pathIds(root).at(-1)!]);
    if (!org) throw notFound('Organisation');
    return org;
  }

  /** Name and level of each organisation with these ids, by id: what a list of transfers or a timeline shows. */
  async refs(ids: Iterable<number>): Promise<Map<number, OrgRef>> {
    const list = [...ids];
    if (!list.length) return new Map();
    const orgs = await this.db.pick(Organization, ['id', 'name', 'shortName', 'level'], `id IN (${list.map(() => '?').join(', ')})`, list);
    return new Map(orgs.map((o) => [o.id, toOrgRef(o)]));
  }

  /**
   * An organisation's children in the tree's order, with the fields a summary shows: the other half of an
   * organisation's columns (address, contacts, tags) cost more than half the read (the root's 26 children: 180 → 75 µs).
   */
  childrenOf(id: number): Promise<OrgSummaryRowWithChildren[]> {
    // Each child's own child count with it (parent_id's index answers each): on MySQL a second statement was another
    // round trip for the tree and the study statistics.
    return this.db.pick(Organization, SUMMARY_FIELDS, 'o.parent_id = ?', [id], { alias: 'o', tail: 'ORDER BY o.sort_order ASC, o.id ASC', counts: CHILD_COUNT });
  }

  /** The top of each subtree the actor administers: where the tree view starts. */
  async roots(actor: Actor): Promise<OrgSummary[]> {
    const paths = actor.scopes(Permission.ORG_READ);
    if (!paths.length) return [];
    const orgs = paths.includes('/')
      ? await this.db.em.find(Organization, { where: { parentId: IsNull() }, order: { id: 'ASC' } })
      : await this.db.em.find(Organization, { where: { id: In(paths.map((p) => pathIds(p).at(-1)!)) }, order: { path: 'ASC' } });
    return this.summaries(orgs);
  }

  async search(actor: Actor, q: string, limit = 20): Promise<OrgSummary[]> {
    const paths = actor.scopes(Permission.ORG_READ);
    if (!paths.length) return [];
    const pattern = `%${likeEscape(q.trim())}%`;
    const orgs = await this.db.em
      .createQueryBuilder(Organization, 'o')
      .where(`(o.name LIKE :p ESCAPE '!' OR o.shortName LIKE :p ESCAPE '!' OR o.code = :code)`, { p: pattern, code: q.trim() })
      .andWhere(`(${paths.map((_, i) => `o.path LIKE :s${i}`).join(' OR ')})`, Object.fromEntries(paths.map((p, i) => [`s${i}`, p + '%'])))
      .orderBy('o.depth', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    return this.summaries(orgs);
  }

  /** The whole county's directory for pickers: names and codes only — no people, no counts. */
  async directory(q: string | undefined, limit = 20): Promise<OrgDirectoryEntry[]> {
    const qb = this.db.em
      .createQueryBuilder(Organization, 'o')
      .leftJoin(Organization, 'p', 'p.id = o.parentId')
      .select(['o.id AS id', 'o.name AS name', 'o.short_name AS shortName', 'o.code AS code', 'o.level AS level', 'p.name AS parentName'])
      .orderBy('o.depth', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit);
    if (q?.trim()) {
      qb.where(`(o.name LIKE :p ESCAPE '!' OR o.shortName LIKE :p ESCAPE '!' OR o.code = :code)`, {
        p: `%${likeEscape(q.trim())}%`,
        code: q.trim(),
      });
    }
    const rows = await qb.getRawMany<OrgDirectoryEntry>();
    return rows.map((r) => ({ ...r, id: Number(r.id), parentName: r.parentName ?? null }));
  }

  async get(actor: Actor, id: number): Promise<OrgDetail> {
    const org = await this.findInScope(actor, id, Permission.ORG_READ);
    const ancestorIds = pathIds(org.path).slice(0, -1);
    const ancestors = await this.db.byIds(Organization, ancestorIds);
    ancestors.sort((a, b) => a.depth - b.depth);
    const [summary] = await this.summaries([org]);
    return {
      ...summary,
      path: org.path,
      tags: org.tags ? org.tags.split(',').filter(Boolean) : [],
      contactPerson: org.contactPerson,
      address: org.address,
      phone: org.phone,
      fax: org.fax,
      postcode: org.postcode,
      // An administrator of a subtree sees the breadcrumb above it, by name only.
      ancestors: ancestors.map(toOrgRef),
      canManage: actor.covers(org.path, Permission.ORG_MANAGE),
    };
  }

  /**
   * The children first, with their paths: an organisation with children is in the caller's scope exactly when the
   * path above its children's is (a path is the parent's plus the child's id), so only a childless or unknown one is
   * looked up on its own — on MySQL one round trip instead of two for every branch of the tree opened.
   */
  async children(actor: Actor, id: number): Promise<OrgSummary[]> {
    const rows = await this.childrenOf(id);
    await this.checkScopeAfterRead(actor, id, rows.length ? parentPath(rows[0].path, rows[0].id) : null, Permission.ORG_READ);
    return this.summaries(rows);
  }

  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrgDetail> {
    const created = await this.db.tx(async (em) => {
      await lockTree(em);
      const parent = await this.findInScope(actor, dto.parentId, Permission.ORG_MANAGE, em);
      if (!canHoldChild(parent.level, dto.level)) {
        throw badRequest(ErrorCode.ORG_PARENT_INVALID, `A ${dto.level} cannot be placed under a ${parent.level}`);
      }
      if (dto.hasApprovalAuthority) {
        this.checkHoldsAuthority(dto.level);
        this.checkGrantsAuthority(actor, parent.path);
      }
      const now = new Date();
      const org = em.create(Organization, {
        ...this.fields(dto),
        parentId: parent.id,
        level: dto.level,
        code: dto.code,
        path: 'pending',
        depth: parent.depth + 1,
        memberCount: 0,
        subtreeMemberCount: 0,
        descendantCount: 0,
        sortOrder: 0,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await em.insert(Organization, org);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(ErrorCode.ORG_CODE_TAKEN, `Organisation code ${dto.code} is already used`);
        throw e;
      }
      org.path = childPath(parent.path, org.id);
      await em.update(Organization, { id: org.id }, { path: org.path });
      await adjustAncestorTotals(em, org.path, { descendants: 1, members: 0 });
      await this.audit.record(em, actor, {
        action: 'organization.create',
        targetType: 'organization',
        targetId: org.id,
        permission: Permission.ORG_MANAGE,
        path: parent.path,
        detail: { parentId: parent.id, name: org.name, code: org.code, level: org.level },
      });
      return org.id;
    });
    return this.get(actor, created);
  }

  async update(actor: Actor, id: number, dto: UpdateOrganizationDto): Promise<OrgDetail> {
    await this.db.tx(async (em) => {
      const org = await this.findInScope(actor, id, Permission.ORG_MANAGE, em);
      const changes = this.fields(dto);
      if (changes.hasApprovalAuthority !== undefined && changes.hasApprovalAuthority !== org.hasApprovalAuthority) {
        if (changes.hasApprovalAuthority) this.checkHoldsAuthority(org.level);
        this.checkGrantsAuthority(actor, org.path);
      }
      await em.update(Organization, { id }, { ...changes, updatedAt: new Date() });
      await this.audit.record(em, actor, {
        action: 'organization.update',
        targetType: 'organization',
        targetId: id,
        permission: Permission.ORG_MANAGE,
        path: org.path,
        detail: changesOf(org, changes),
      });
    });
    return this.get(actor, id);
  }

  /**
   * Moves a subtree under a new parent: every path below it (organisations and members) is rewritten in one
   * transaction, and the counts move from the old ancestors to the new.
   */
  async move(actor: Actor, id: number, parentId: number): Promise<OrgDetail> {
    await this.db.tx(async (em) => {
      await lockTree(em);
      const org = await this.findInScope(actor, id, Permission.ORG_MANAGE, em);
      const parent = await this.findInScope(actor, parentId, Permission.ORG_MANAGE, em);
      if (org.parentId === null) throw badRequest(ErrorCode.ORG_PARENT_INVALID, 'The root organisation cannot be moved');
      if (parent.path.startsWith(org.path)) {
        throw badRequest(ErrorCode.ORG_MOVE_CYCLE, 'An organisation cannot be moved under itself or its own subtree');
      }
      if (!canHoldChild(parent.level, org.level)) {
        throw badRequest(ErrorCode.ORG_PARENT_INVALID, `A ${org.level} cannot be placed under a ${parent.level}`);
      }
      if (org.parentId === parent.id) return;
      const oldPath = org.path;
      const newPath = childPath(parent.path, org.id);
      const depthDelta = parent.depth + 1 - org.depth;
      const moved = { descendants: org.descendantCount + 1, members: org.subtreeMemberCount };
      await adjustAncestorTotals(em, oldPath, { descendants: -moved.descendants, members: -moved.members });
      // Portable prefix rewrite: new prefix + the rest of the old path after the old prefix.
      await em.query(
        `UPDATE organizations SET path = CONCAT(?, SUBSTR(path, ?)), depth = depth + ? WHERE path LIKE ?`,
        [newPath, oldPath.length + 1, depthDelta, oldPath + '%'],
      );
      await rewriteSubtreePaths(em, 'members', 'org_path', oldPath, newPath);
      await em.update(Organization, { id: org.id }, { parentId: parent.id, updatedAt: new Date() });
      await adjustAncestorTotals(em, newPath, moved);
      for (const l of this.moveListeners) await l(em, oldPath, newPath);
      await this.audit.record(em, actor, {
        action: 'organization.move',
        targetType: 'organization',
        targetId: org.id,
        permission: Permission.ORG_MANAGE,
        path: oldPath,
        detail: { fromParentId: org.parentId, toParentId: parent.id, oldPath, newPath },
      });
    });
    return this.get(actor, id);
  }

  /** Organisations as the tree lists them; their child counts are counted here unless they were read with them. */
  async summaries(orgs: (OrgSummaryRow & { childCount?: number })[]): Promise<OrgSummary[]> {
    if (!orgs.length) return [];
    const counted = orgs.every((o) => o.childCount !== undefined);
    const counts: { parent_id: number; n: number }[] = counted
      ? []
      : await this.db.query(`SELECT parent_id, COUNT(*) AS n FROM organizations WHERE parent_id IN (${orgs.map(() => '?').join(',')}) GROUP BY parent_id`, orgs.map((o) => o.id));
    const childCount = new Map(counted ? orgs.map((o) => [o.id, o.childCount!]) : counts.map((c) => [Number(c.parent_id), Number(c.n)]));
    // Fields written out rather than spread from toOrgRef: on Node 20 an object spread followed by this many fields
    // takes microseconds per object, a fifth of this request's CPU in a profile of the tree's root.
    return orgs.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      level: o.level,
      code: o.code,
      type: o.type,
      parentId: o.parentId,
      depth: o.depth,
      hasApprovalAuthority: o.hasApprovalAuthority,
      childCount: childCount.get(o.id) ?? 0,
      descendantCount: o.descendantCount,
      memberCount: o.subtreeMemberCount,
    }));
  }

  /** Only a committee holds the authority to approve probationary members: receivers refuse letters a branch issued. */
  private checkHoldsAuthority(level: Organization['level']): void {
    if (level !== 'COMMITTEE' && level !== 'COUNTY_COMMITTEE') {
      throw invalidField('hasApprovalAuthority', 'committeeOnly', 'Only a committee can hold the authority to approve probationary members');
    }
  }

  /**
   * The authority decides who approves a transfer and who issues and receives its letter, so it is the county
   * organisation department's to grant or withdraw (domain §1–2), never a committee's to give to itself or below it.
   */
  private checkGrantsAuthority(actor: Actor, path: string): void {
    if (!actor.assignments.some((a) => (a.role === 'COUNTY_ADMIN' || a.role === 'SYSTEM_ADMIN') && path.startsWith(a.orgPath))) {
      throw forbidden('Only the county organisation department grants or withdraws the authority to approve probationary members');
    }
  }

  private fields(dto: UpdateOrganizationDto): Partial<Organization> {
    const out: Partial<Organization> = {};
    for (const k of ['name', 'shortName', 'type', 'hasApprovalAuthority', 'tags', 'contactPerson', 'address', 'phone', 'fax', 'postcode'] as const) {
      // null (accepted by @IsOptional on creation) means "not given", as undefined does: never a NULL in a NOT NULL column.
      if (dto[k] !== undefined && dto[k] !== null) (out as Record<string, unknown>)[k] = dto[k];
    }
    return out;
  }
}
