import { AuditChain } from '../audit/entities/audit-chain.entity';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { BookingSlot } from '../bookings/entities/booking-slot.entity';
import { Booking } from '../bookings/entities/booking.entity';
import { CenterClosure } from '../bookings/entities/center-closure.entity';
import { ServiceCenter } from '../bookings/entities/service-center.entity';
import { PasswordHistory } from '../auth/entities/password-history.entity';
import { RecoveryCode } from '../auth/entities/recovery-code.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RoleAssignment } from '../auth/entities/role-assignment.entity';
import { Session } from '../auth/entities/session.entity';
import { UserTotp } from '../auth/entities/user-totp.entity';
import { User } from '../auth/entities/user.entity';
import { MemberOrgHistory } from '../members/entities/member-org-history.entity';
import { Member } from '../members/entities/member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { LetterPrint } from '../letters/entities/letter-print.entity';
import { LetterSequence } from '../letters/entities/letter-sequence.entity';
import { Letter } from '../letters/entities/letter.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { TransferEvent } from '../transfers/entities/transfer-event.entity';
import { TransferOrgCompletion, TransferOrgState, TransferOverdueClock, TransferOverdueRollup } from '../transfers/entities/transfer-tally.entity';
import { Transfer } from '../transfers/entities/transfer.entity';
import { QuizAttempt } from '../study/entities/quiz-attempt.entity';
import { QuizQuestion } from '../study/entities/quiz-question.entity';
import { StudyAssignment } from '../study/entities/study-assignment.entity';
import { StudyMemberHours, StudyOrgCounter, StudyOrgHours } from '../study/entities/study-counters.entity';
import { StudyEnrolment } from '../study/entities/study-enrolment.entity';
import { StudyModule } from '../study/entities/study-module.entity';
import { StudyProgress } from '../study/entities/study-progress.entity';
import { StudyTrack } from '../study/entities/study-track.entity';
import { TrackModule } from '../study/entities/track-module.entity';
import { CalendarDay } from '../calendar/entities/calendar-day.entity';

/** Every entity, in one list shared by the app, the migrations CLI, the seed and the tests. */
export const ENTITIES = [
  Organization,
  Member,
  MemberOrgHistory,
  User,
  RoleAssignment,
  Session,
  RefreshToken,
  UserTotp,
  RecoveryCode,
  PasswordHistory,
  AuditLog,
  AuditChain,
  Transfer,
  TransferEvent,
  TransferOrgState,
  TransferOrgCompletion,
  TransferOverdueRollup,
  TransferOverdueClock,
  Letter,
  LetterSequence,
  LetterPrint,
  Notification,
  ServiceCenter,
  CenterClosure,
  BookingSlot,
  Booking,
  StudyModule,
  QuizQuestion,
  StudyTrack,
  TrackModule,
  StudyAssignment,
  StudyEnrolment,
  StudyProgress,
  QuizAttempt,
  StudyMemberHours,
  StudyOrgCounter,
  StudyOrgHours,
  CalendarDay,
];
