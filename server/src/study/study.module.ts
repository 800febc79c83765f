import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { StudyAssignmentsController } from './study-assignments.controller';
import { StudyAttemptsService } from './study-attempts.service';
import { StudyAssignmentsService } from './study-assignments.service';
import { StudyCatalogController } from './study-catalog.controller';
import { StudyCatalogService } from './study-catalog.service';
import { StudyController } from './study.controller';
import { StudyEnrolmentService } from './study-enrolment.service';
import { StudyFollowupService } from './study-followup.service';
import { StudyLearningService } from './study-learning.service';
import { StudyLibraryService } from './study-library.service';
import { StudyMyService } from './study-my.service';
import { StudyReminderJob } from './study-reminder.job';
import { StudyStatsController } from './study-stats.controller';
import { StudyTracksService } from './study-tracks.service';

@Module({
  imports: [OrganizationsModule, MembersModule],
  controllers: [StudyController, StudyCatalogController, StudyAssignmentsController, StudyStatsController],
  providers: [
    StudyCatalogService,
    StudyTracksService,
    StudyEnrolmentService,
    StudyAssignmentsService,
    StudyLearningService,
    StudyAttemptsService,
    StudyMyService,
    StudyLibraryService,
    StudyFollowupService,
    StudyReminderJob,
  ],
  exports: [StudyEnrolmentService, StudyReminderJob],
})
export class StudyModule {}
