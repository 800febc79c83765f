import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Permit } from '../common/decorators/permit.decorator';
import { PageQuery } from '../common/pagination/page-query';
import { CreateModuleDto, CreateQuestionDto, ListModulesQuery, UpdateModuleDto, UpdateQuestionDto } from './dto/study-module.dto';
import { CreateTrackDto, UpdateTrackDto } from './dto/study-track.dto';
import { StudyCatalogService } from './study-catalog.service';
import { StudyTracksService } from './study-tracks.service';

/** The county's authoring: modules, question banks (answer keys included) and tracks. */
@ApiTags('study-catalog')
@ApiBearerAuth()
@Controller('study')
export class StudyCatalogController {
  constructor(
    private readonly catalog: StudyCatalogService,
    private readonly tracks: StudyTracksService,
  ) {}

  @Get('catalog/modules')
  @Permit(Permission.STUDY_AUTHOR)
  list(@Query() q: ListModulesQuery) {
    return this.catalog.list(q);
  }

  @Post('catalog/modules')
  @Permit(Permission.STUDY_AUTHOR)
  @ApiOkResponse({ description: 'Article HTML is sanitised; kind-specific settings are required for the kind' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateModuleDto) {
    return this.catalog.create(actor, dto);
  }

  @Get('catalog/modules/:id')
  @Permit(Permission.STUDY_AUTHOR)
  get(@Param('id', ParseIntPipe) id: number) {
    return this.catalog.authorView(id);
  }

  @Patch('catalog/modules/:id')
  @Permit(Permission.STUDY_AUTHOR)
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateModuleDto) {
    return this.catalog.update(actor, id, dto);
  }

  @Get('catalog/modules/:id/questions')
  @Permit(Permission.STUDY_AUTHOR)
  questions(@Param('id', ParseIntPipe) id: number, @Query() q: PageQuery) {
    return this.catalog.questions(id, q.cursor, q.limit);
  }

  @Post('catalog/modules/:id/questions')
  @Permit(Permission.STUDY_AUTHOR)
  addQuestion(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: CreateQuestionDto) {
    return this.catalog.addQuestion(actor, id, dto);
  }

  @Patch('catalog/questions/:id')
  @Permit(Permission.STUDY_AUTHOR)
  @ApiOkResponse({ description: 'active: false retires a question (kept for past attempts)' })
  updateQuestion(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateQuestionDto) {
    return this.catalog.updateQuestion(actor, id, dto);
  }

  @Post('tracks')
  @Permit(Permission.STUDY_AUTHOR)
  createTrack(@CurrentActor() actor: Actor, @Body() dto: CreateTrackDto) {
    return this.tracks.create(actor, dto);
  }

  @Patch('tracks/:id')
  @Permit(Permission.STUDY_AUTHOR)
  @ApiOkResponse({ description: 'A new module list re-derives completion of the track’s assignments' })
  updateTrack(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTrackDto) {
    return this.tracks.update(actor, id, dto);
  }
}
