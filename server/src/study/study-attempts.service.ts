import { Injectable } from '@nestjs/common';
import { ErrorCode, Permission } from '@zhdj/shared';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { conflict, notFound } from '../common/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { studyYear } from './study-views';

/**
 * Another quiz attempt for a member who used every attempt of the year without passing — without it, a required quiz
 * failed three times leaves the member's track unfinishable for the rest of the year. Granted by an administrator who
 * follows the member's study; the attempts already made stay on record, the member is told, and the grant is audited.
 */
@Injectable()
export class StudyAttemptsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async grant(actor: Actor, memberId: number, moduleId: number, now = new Date()): Promise<{ attemptsLeft: number }> {
    const [member] = await this.db.query<{ id: number; name: string; org_path: string }>('SELECT id, name, org_path FROM members WHERE id = ?', [memberId]);
    // Outside the administrator's scope a member is as unknown as one that does not exist.
    if (!member || !actor.covers(member.org_path, Permission.STUDY_STATS)) throw notFound('Member');
    const [quiz] = await this.db.query<{ id: number; title: string; attempts_allowed: number }>(
      "SELECT id, title, attempts_allowed FROM study_modules WHERE id = ? AND kind = 'QUIZ'",
      [moduleId],
    );
    if (!quiz) throw notFound('Quiz');
    const year = studyYear(now);
    return this.db.tx(async (em) => {
      // One attempt left, only while every one is used and the quiz is not passed: a second grant sent at once (a
      // double click) finds one left and changes nothing. Set, not decremented: an author who lowered the allowance
      // since could leave more used than allowed.
      const changed = await this.db.run(
        "UPDATE study_progress SET attempts_used = ?, version = version + 1, updated_at = ? WHERE member_id = ? AND module_id = ? AND year = ? AND status <> 'COMPLETED' AND attempts_used >= ?",
        [Number(quiz.attempts_allowed) - 1, now, memberId, moduleId, year, Number(quiz.attempts_allowed)],
        em,
      );
      if (!changed) throw conflict(ErrorCode.ATTEMPTS_LEFT, 'This member has passed this quiz or still has attempts this year');
      await this.audit.record(em, actor, {
        action: 'study.quiz.grantAttempt',
        targetType: 'member',
        targetId: memberId,
        permission: Permission.STUDY_STATS,
        path: member.org_path,
        detail: { member: member.name, quiz: quiz.title, year },
      });
      await this.notifications.notify(em, await this.notifications.userOfMember(em, memberId), {
        kind: 'study.attemptGranted',
        title: `可以再答一次：${quiz.title}`,
        body: '所在党组织为您增加了一次答题机会，请打开这项测验重新作答。',
        link: `/m/study/modules/${moduleId}`,
        params: { quiz: quiz.title },
      });
      return { attemptsLeft: 1 };
    });
  }
}
