import { Injectable } from '@nestjs/common';
import { chinaDate, type Education, type MemberCategory, type MemberPost, type Sex } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { changedAny, changesOf, type Changes } from '../common/changes';
import { Db } from '../common/database/db.service';
import { adjustMemberCountsOf } from '../organizations/org-counts';
import { MemberOrgHistory } from './entities/member-org-history.entity';
import { Member } from './entities/member.entity';

export interface NewMember {
  name: string;
  sex: Sex;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  education: Education;
  category: MemberCategory;
  joinedAt: string;
  probationEndsAt: string | null;
  orgId: number;
  orgPath: string;
  duesPaidThrough: string;
  post: MemberPost | null;
  isRetired: boolean;
  isMobile: boolean;
  isGraduate: boolean;
  /** When the member arrived in this branch (history); defaults to today. */
  since?: string;
}

/** An argon2 hash no password matches: accounts created this way cannot log in until a password is set. */
export const NO_PASSWORD = '!';

const CHUNK = 400;

/** Listeners told of new member records, in the creating transaction (study enrolment follows new members). */
export type MembersCreatedListener = (em: EntityManager, created: { id: number; orgPath: string }[]) => Promise<void>;

/**
 * Listeners told when a member's record changes in place, in the updating transaction, with the record as it was and
 * the fields whose values changed (study follows the member's post and the facts its audiences look at).
 */
export type MemberUpdatedListener = (em: EntityManager, memberId: number, before: Member, changed: Partial<Member>) => Promise<void>;

/**
 * The one way member records come into being — a single create, a 5,000-row import and the 48,000-member seed all
 * go through here: the ID number is protected, the history opened, the member's login account created (username
 * = mobile number) and the organisation counts adjusted, in the caller's transaction.
 */
@Injectable()
export class MemberWriter {
  private readonly createdListeners: MembersCreatedListener[] = [];
  private readonly updatedListeners: MemberUpdatedListener[] = [];

  constructor(
    private readonly cipher: IdNumberCipher,
    private readonly db: Db,
  ) {}

  onCreated(listener: MembersCreatedListener): void {
    this.createdListeners.push(listener);
  }

  onUpdated(listener: MemberUpdatedListener): void {
    this.updatedListeners.push(listener);
  }

  /**
   * Tells the listeners of a change already written to the member's row in this transaction (nothing if no value
   * changed), and answers what changed, for the audit record.
   */
  async updated(em: EntityManager, memberId: number, before: Member, fields: Partial<Member>): Promise<Changes<Member>> {
    const changes = changesOf(before, fields);
    if (!changedAny(changes)) return changes;
    for (const l of this.updatedListeners) await l(em, memberId, before, changes.after);
    return changes;
  }

  async insert(em: EntityManager, members: NewMember[], passwordHash: string = NO_PASSWORD, today = chinaDate()): Promise<number[]> {
    const now = new Date();
    const ids: number[] = [];
    for (let i = 0; i < members.length; i += CHUNK) {
      const chunk = members.slice(i, i + CHUNK);
      const rows = chunk.map((m) => {
        const id = this.cipher.protect(m.idNumber);
        return {
          name: m.name,
          sex: m.sex,
          ethnicity: m.ethnicity,
          birthDate: m.birthDate,
          idNumberEnc: id.enc,
          idNumberHash: id.hash,
          idNumberMasked: id.masked,
          phone: m.phone,
          education: m.education,
          category: m.category,
          joinedAt: m.joinedAt,
          probationEndsAt: m.probationEndsAt,
          orgId: m.orgId,
          orgPath: m.orgPath,
          duesPaidThrough: m.duesPaidThrough,
          post: m.post,
          isRetired: m.isRetired,
          isMobile: m.isMobile,
          isGraduate: m.isGraduate,
          status: 'ACTIVE' as const,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
      });
      await this.db.insertRows(em, Member, rows);
      // Read the ids back by the unique hash: multi-row inserts need not hand out consecutive ids on every driver.
      const found: { id: number; id_number_hash: string }[] = await em.query(
        `SELECT id, id_number_hash FROM members WHERE id_number_hash IN (${rows.map(() => '?').join(',')})`,
        rows.map((r) => r.idNumberHash),
      );
      const byHash = new Map(found.map((f) => [f.id_number_hash, Number(f.id)]));
      const chunkIds = rows.map((r) => byHash.get(r.idNumberHash)!);
      ids.push(...chunkIds);
      await this.db.insertRows(
        em,
        MemberOrgHistory,
        chunk.map((m, k) => ({ memberId: chunkIds[k], orgId: m.orgId, fromDate: m.since ?? today, toDate: null, transferId: null })),
      );
      await this.db.insertRows(
        em,
        User,
        chunk.map((m, k) => ({
          username: m.phone,
          passwordHash,
          displayName: m.name,
          memberId: chunkIds[k],
          failedLogins: 0,
          lockedUntil: null,
          disabled: false,
          passwordChangedAt: passwordHash === NO_PASSWORD ? null : now,
          lastLoginAt: null,
          createdAt: now,
        })),
      );
    }
    const perBranch = new Map<number, { path: string; n: number }>();
    for (const m of members) {
      const b = perBranch.get(m.orgId) ?? { path: m.orgPath, n: 0 };
      b.n++;
      perBranch.set(m.orgId, b);
    }
    await adjustMemberCountsOf(em, [...perBranch].map(([id, b]) => ({ id, ...b })));
    for (const l of this.createdListeners) await l(em, ids.map((id, i) => ({ id, orgPath: members[i].orgPath })));
    return ids;
  }
}
