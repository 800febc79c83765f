import { Module } from '@nestjs/common';
import { LettersModule } from '../letters/letters.module';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { TransferActionsService } from './transfer-actions.service';
import { TransferExpiryJob } from './transfer-expiry.job';
import { TransferOverdueJob } from './transfer-overdue.job';
import { TransferDueJob } from './transfer-due.job';
import { TransferTalkJob } from './transfer-talk.job';
import { TransferServingJob } from './transfer-serving.job';
import { TransferLetterReminderJob } from './transfer-letter-reminder.job';
import { TransferLedgerService } from './transfer-ledger.service';
import { TransferLetterService } from './transfer-letter.service';
import { TransferQueuesService } from './transfer-queues.service';
import { TransferTimeline } from './transfer-timeline';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

@Module({
  imports: [OrganizationsModule, MembersModule, LettersModule],
  controllers: [TransfersController],
  providers: [TransfersService, TransferActionsService, TransferQueuesService, TransferTimeline, TransferLetterService, TransferLedgerService, TransferExpiryJob, TransferOverdueJob, TransferTalkJob, TransferDueJob, TransferLetterReminderJob, TransferServingJob],
  exports: [TransfersService, TransferActionsService, TransferExpiryJob, TransferOverdueJob, TransferTalkJob, TransferDueJob, TransferLetterReminderJob, TransferServingJob],
})
export class TransfersModule {}
