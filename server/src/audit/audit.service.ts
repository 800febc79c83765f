import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditTargetType, Permission } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  /** One of the listed actions, which the log's screen and export have words for. */
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | number | null;
  /** Structured facts about the change. Never a plaintext ID number or password. */
  detail?: Record<string, unknown>;
  /** The permission the action was done under, to record the capacity (role, organisation) the actor used. */
  permission?: Permission;
  /** The path of the organisation acted on, to pick the most specific capacity. */
  path?: string;
}

/** Appends to the audit log inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(em: EntityManager, actor: Actor | null, entry: AuditEntry, ip?: string): Promise<void> {
    const row = this.row(actor, entry, ip);
    // Someone acting as a member (a booking, their own application) acts in their branch: looked up here, by key in
    // the same transaction, as the session's roles do not carry it.
    if (row.actorRole === 'MEMBER' && row.actorOrgId == null && actor?.memberId != null) {
      const [member] = (await em.query('SELECT org_id FROM members WHERE id = ?', [actor.memberId])) as { org_id: number }[];
      row.actorOrgId = member ? Number(member.org_id) : null;
    }
    await em.insert(AuditLog, row);
  }

  /**
   * Many entries by one actor in one go — an import's record per member — as multi-row INSERTs: 10,000 single inserts
   * through TypeORM held the embedded database for most of a second. Recorded in the order given.
   */
  async recordMany(em: EntityManager, actor: Actor | null, entries: AuditEntry[], ip?: string): Promise<void> {
    await this.db.insertRows(
      em,
      AuditLog,
      entries.map((entry) => this.row(actor, entry, ip)),
    );
  }

  private row(actor: Actor | null, entry: AuditEntry, ip?: string): Partial<AuditLog> {
    const who = actor?.auditIdentity(entry.permission, entry.path) ?? { role: null, orgId: null };
    return {
      at: new Date(),
      actorUserId: actor && actor.userId > 0 ? actor.userId : null,
      actorRole: who.role,
      actorOrgId: who.orgId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      ip: (ip ?? actor?.ip ?? '').slice(0, 64),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    };
  }
}
