import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import { XLSX, attachment, streamDownload } from '../common/download';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ApiExportLanguage, ExportLang } from '../common/decorators/export-language.decorator';
import type { ExportLanguage } from '../common/language';
import { Permit } from '../common/decorators/permit.decorator';
import { ExtraAttemptDto, MemberFilterQuery, MemberStatusQuery, StatsQuery } from './dto/study-learning.dto';
import { StudyAttemptsService } from './study-attempts.service';
import { StudyFollowupService } from './study-followup.service';

/** Follow-up within scope: participation per organisation, then members' status — no rankings anywhere. */
@ApiTags('study-stats')
@ApiBearerAuth()
@Controller('study/stats')
export class StudyStatsController {
  constructor(
    private readonly followup: StudyFollowupService,
    private readonly attempts: StudyAttemptsService,
  ) {}

  @Get()
  @Permit(Permission.STUDY_STATS)
  @ApiOkResponse({ description: 'For the organisation and each child: enrolled, completed, completion rate, overdue, average class hours' })
  stats(@CurrentActor() actor: Actor, @Query() q: StatsQuery) {
    return this.followup.stats(actor, q);
  }

  @Get('members')
  @Permit(Permission.STUDY_STATS)
  @ApiOkResponse({ description: 'Members of the subtree with their status, by branch (never by score)' })
  members(@CurrentActor() actor: Actor, @Query() q: MemberStatusQuery) {
    return this.followup.members(actor, q);
  }

  @Get('members/:memberId')
  @Permit(Permission.STUDY_STATS)
  @ApiOkResponse({ description: 'One member in scope: the year’s class hours against the requirement and their tracks (the member’s record shows it)' })
  member(@CurrentActor() actor: Actor, @Param('memberId', ParseIntPipe) memberId: number, @Query() q: StatsQuery) {
    return this.followup.member(actor, memberId, q.period);
  }

  @Post('members/:memberId/extra-attempt')
  @HttpCode(200)
  @Permit(Permission.STUDY_STATS)
  @ApiOkResponse({ description: 'One more attempt this year at a quiz the member failed with every attempt used (audited; the member is told)' })
  extraAttempt(@CurrentActor() actor: Actor, @Param('memberId', ParseIntPipe) memberId: number, @Body() dto: ExtraAttemptDto) {
    return this.attempts.grant(actor, memberId, dto.moduleId);
  }

  @Get('export')
  @Permit(Permission.STUDY_STATS)
  @ApiProduces(XLSX)
  @ApiExportLanguage()
  async export(@CurrentActor() actor: Actor, @Query() q: MemberFilterQuery, @ExportLang() lang: ExportLanguage) {
    const { filename, write } = await this.followup.prepareExport(actor, q, lang);
    return streamDownload(write, XLSX, attachment(filename, 'study.xlsx'));
  }
}
