import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Permit } from '../common/decorators/permit.decorator';
import { ProgressReportDto, SubmitAttemptDto } from './dto/study-learning.dto';
import { LibraryQuery } from './dto/study-module.dto';
import { StudyLibraryService } from './study-library.service';
import { StudyLearningService } from './study-learning.service';
import { StudyMyService } from './study-my.service';

/** The member's side: their tracks, and studying a module. Every action answers with the module's progress. */
@ApiTags('study')
@ApiBearerAuth()
@Controller('study')
export class StudyController {
  constructor(
    private readonly learning: StudyLearningService,
    private readonly mine: StudyMyService,
    private readonly library: StudyLibraryService,
  ) {}

  @Get('my')
  @Permit(Permission.STUDY_LEARN)
  @ApiOkResponse({ description: 'Your tracks with progress, due dates and overdue marks; this year’s class hours against the requirement' })
  my(@CurrentActor() actor: Actor) {
    return this.mine.my(actor);
  }

  @Get('library')
  @Permit(Permission.STUDY_LEARN)
  @ApiOkResponse({ description: 'Every published module, newest first, with your status this year: study beyond your tracks for class hours' })
  libraryPage(@CurrentActor() actor: Actor, @Query() q: LibraryQuery) {
    return this.library.list(actor, q);
  }

  @Get('modules/:id')
  @Permit(Permission.STUDY_LEARN)
  @ApiOkResponse({ description: 'A published module with your progress (resume here on any device)' })
  open(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.learning.open(actor, id);
  }

  @Post('modules/:id/start')
  @Permit(Permission.STUDY_LEARN)
  @HttpCode(200)
  start(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.learning.start(actor, id);
  }

  @Post('modules/:id/progress')
  @Permit(Permission.STUDY_LEARN)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Video: watched intervals since the last report; coverage is credited no faster than it could be watched' })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ProgressReportDto) {
    return this.learning.report(actor, id, dto);
  }

  @Post('modules/:id/complete')
  @Permit(Permission.STUDY_LEARN)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Article after its minimum reading time; video at 90% covered; quizzes complete by passing' })
  complete(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.learning.complete(actor, id);
  }

  @Post('modules/:id/attempts')
  @Permit(Permission.STUDY_LEARN)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Draws a quiz attempt (questions without answers), or returns the open one' })
  draw(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.learning.draw(actor, id);
  }

  @Post('attempts/:id/submit')
  @Permit(Permission.STUDY_LEARN)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Grades the attempt on the server' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: SubmitAttemptDto) {
    return this.learning.submit(actor, id, dto);
  }
}
