import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { conflict } from '../common/errors/app.exception';
import type { Organization } from '../organizations/entities/organization.entity';
import { adjustMemberCounts } from '../organizations/org-counts';
import { MemberOrgHistory } from './entities/member-org-history.entity';
import { Member } from './entities/member.entity';
import { MemberWriter, type NewMember } from './member-writer';

/** Listeners told when a member's branch changes (study enrolment follows the member). */
export type MemberMovedListener = (em: EntityManager, memberId: number, toBranch: Organization | null) => Promise<void>;

/**
 * How a completed transfer changes the member record, in the transfer's transaction: the branch and status change,
 * counts move between the old and new ancestors, and the history keeps where they were.
 */
@Injectable()
export class MemberMoves {
  private readonly listeners: MemberMovedListener[] = [];

  constructor(
    private readonly writer: MemberWriter,
    private readonly cipher: IdNumberCipher,
  ) {}

  onMoved(listener: MemberMovedListener): void {
    this.listeners.push(listener);
  }

  async setStatus(em: EntityManager, memberId: number, status: Member['status']): Promise<void> {
    await em.query('UPDATE members SET status = ?, version = version + 1, updated_at = ? WHERE id = ?', [status, new Date(), memberId]);
  }

  /** In-county: the member now belongs to the destination branch. */
  async moveToBranch(em: EntityManager, memberId: number, to: Organization, transferId: number): Promise<void> {
    const m = await em.findOneByOrFail(Member, { id: memberId });
    const today = shanghaiDate(new Date());
    await adjustMemberCounts(em, m.orgId, m.orgPath, -1);
    await em.query('UPDATE members SET org_id = ?, org_path = ?, status = ?, version = version + 1, updated_at = ? WHERE id = ?', [
      to.id,
      to.path,
      'ACTIVE',
      new Date(),
      memberId,
    ]);
    await adjustMemberCounts(em, to.id, to.path, 1);
    await this.closeHistory(em, memberId, today, transferId);
    await em.insert(MemberOrgHistory, { memberId, orgId: to.id, fromDate: today, toDate: null, transferId });
    for (const l of this.listeners) await l(em, memberId, to);
  }

  /** Outbound: the member has left the county; the record stays, marked transferred out. */
  async leaveCounty(em: EntityManager, memberId: number, transferId: number): Promise<void> {
    const m = await em.findOneByOrFail(Member, { id: memberId });
    await adjustMemberCounts(em, m.orgId, m.orgPath, -1);
    await this.setStatus(em, memberId, 'TRANSFERRED_OUT');
    await this.closeHistory(em, memberId, shanghaiDate(new Date()), transferId);
    for (const l of this.listeners) await l(em, memberId, null);
  }

  /**
   * Inbound: places an arriving member in a branch (status "in transfer" until they report). A member who left the
   * county earlier keeps their one record, reactivated here.
   */
  async placeIncoming(em: EntityManager, incoming: Omit<NewMember, 'orgId' | 'orgPath' | 'idNumber'> & { idNumberEnc: string; idNumberHash: string }, branch: Organization, transferId: number): Promise<number> {
    const existing = await em.findOne(Member, { where: { idNumberHash: incoming.idNumberHash } });
    const today = shanghaiDate(new Date());
    let memberId: number;
    if (existing) {
      if (existing.status !== 'TRANSFERRED_OUT') throw conflict(ErrorCode.ID_NUMBER_TAKEN, 'This member is already active in the county');
      await em.query(
        'UPDATE members SET org_id = ?, org_path = ?, status = ?, category = ?, probation_ends_at = ?, dues_paid_through = ?, phone = ?, version = version + 1, updated_at = ? WHERE id = ?',
        [branch.id, branch.path, 'IN_TRANSFER', incoming.category, incoming.probationEndsAt, incoming.duesPaidThrough, incoming.phone, new Date(), existing.id],
      );
      await adjustMemberCounts(em, branch.id, branch.path, 1);
      await em.insert(MemberOrgHistory, { memberId: existing.id, orgId: branch.id, fromDate: today, toDate: null, transferId });
      memberId = existing.id;
    } else {
      const [id] = await this.writer.insert(em, [{ ...incoming, idNumber: this.cipher.decrypt(incoming.idNumberEnc), orgId: branch.id, orgPath: branch.path, since: today }]);
      await em.query('UPDATE member_org_history SET transfer_id = ? WHERE member_id = ?', [transferId, id]);
      await this.setStatus(em, id, 'IN_TRANSFER');
      memberId = id;
    }
    for (const l of this.listeners) await l(em, memberId, branch);
    return memberId;
  }

  private async closeHistory(em: EntityManager, memberId: number, today: string, transferId: number): Promise<void> {
    await em.query('UPDATE member_org_history SET to_date = ?, transfer_id = COALESCE(transfer_id, ?) WHERE member_id = ? AND to_date IS NULL', [
      today,
      transferId,
      memberId,
    ]);
  }
}
