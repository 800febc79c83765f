import { Foundation1764300000000 } from './1764300000000-foundation';
import { Transfers1764400000000 } from './1764400000000-transfers';
import { Bookings1764500000000 } from './1764500000000-bookings';
import { AuditChain1764650000000 } from './1764650000000-audit-chain';
import { AccountSecurity1764660000000 } from './1764660000000-account-security';
import { TransferCompletedIndex1764670000000 } from './1764670000000-transfer-completed-index';
import { InboundOpenHash1764680000000 } from './1764680000000-inbound-open-hash';
import { Study1764700000000 } from './1764700000000-study';
import { TransferHolderKindIndex1764710000000 } from './1764710000000-transfer-holder-kind-index';
import { TransferIssuerIndex1764720000000 } from './1764720000000-transfer-issuer-index';
import { TransferOverviewIndexes1764730000000 } from './1764730000000-transfer-overview-indexes';
import { TransferWorkingDays1764740000000 } from './1764740000000-transfer-working-days';
import { TransferTally1764750000000 } from './1764750000000-transfer-tally';
import { TransferOverdueRollup1764760000000 } from './1764760000000-transfer-overdue-rollup';
import { CalendarDays1764770000000 } from './1764770000000-calendar-days';
import { BookingStatusStartIndex1764780000000 } from './1764780000000-booking-status-start-index';
import { AuditActionIndex1764790000000 } from './1764790000000-audit-action-index';
import { TransferSubmittedIndex1764800000000 } from './1764800000000-transfer-submitted-index';
import { TransferTalk1764810000000 } from './1764810000000-transfer-talk';
import { NotificationParams1764820000000 } from './1764820000000-notification-params';
import { NotificationLinkIndex1764830000000 } from './1764830000000-notification-link-index';
import { StudyHoursMet1764840000000 } from './1764840000000-study-hours-met';
import { TransferServedOrg1764850000000 } from './1764850000000-transfer-served-org';
import { IncomingLetterOpen1764860000000 } from './1764860000000-incoming-letter-open';
import { BookingIdempotencyHash1764870000000 } from './1764870000000-booking-idempotency-hash';
import { TransferTallyPlacedBranch1764880000000 } from './1764880000000-transfer-tally-placed-branch';

/** Every migration in order. Listed explicitly so the compiled app needs no file globbing. */
export const MIGRATIONS = [Foundation1764300000000, Transfers1764400000000, Bookings1764500000000, AuditChain1764650000000, AccountSecurity1764660000000, TransferCompletedIndex1764670000000, InboundOpenHash1764680000000, Study1764700000000, TransferHolderKindIndex1764710000000, TransferIssuerIndex1764720000000, TransferOverviewIndexes1764730000000, TransferWorkingDays1764740000000, TransferTally1764750000000, TransferOverdueRollup1764760000000, CalendarDays1764770000000, BookingStatusStartIndex1764780000000, AuditActionIndex1764790000000, TransferSubmittedIndex1764800000000, TransferTalk1764810000000, NotificationParams1764820000000, NotificationLinkIndex1764830000000, StudyHoursMet1764840000000, TransferServedOrg1764850000000, IncomingLetterOpen1764860000000, BookingIdempotencyHash1764870000000, TransferTallyPlacedBranch1764880000000];
