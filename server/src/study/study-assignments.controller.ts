import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Permit } from '../common/decorators/permit.decorator';
import { CreateAssignmentDto, ListAssignmentsQuery, ListTracksQuery, PreviewDto, TrackPreviewQuery, UpdateAssignmentDto } from './dto/study-track.dto';
import { StudyAssignmentsService } from './study-assignments.service';
import { StudyTracksService } from './study-tracks.service';

/** Tracks as assigners see them, audience previews, and assignments within the caller's scope. */
@ApiTags('study-assignments')
@ApiBearerAuth()
@Controller('study')
export class StudyAssignmentsController {
  constructor(
    private readonly tracks: StudyTracksService,
    private readonly assignments: StudyAssignmentsService,
  ) {}

  @Get('tracks')
  @Permit(Permission.STUDY_ASSIGN)
  @ApiOkResponse({ description: 'Published tracks (authors also see drafts), filterable by year and need' })
  listTracks(@CurrentActor() actor: Actor, @Query() q: ListTracksQuery) {
    return this.tracks.list(actor, q);
  }

  @Get('tracks/:id')
  @Permit(Permission.STUDY_ASSIGN)
  getTrack(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.tracks.get(actor, id);
  }

  @Get('tracks/:id/preview')
  @Permit(Permission.STUDY_ASSIGN)
  @ApiOkResponse({ description: 'How many members of the subtree the track’s audience matches' })
  previewTrack(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: TrackPreviewQuery) {
    return this.tracks.previewTrack(actor, id, q.orgId);
  }

  @Post('audience/preview')
  @Permit(Permission.STUDY_ASSIGN)
  @HttpCode(200)
  @ApiOkResponse({ description: 'How many members of the subtree an audience being composed matches' })
  preview(@CurrentActor() actor: Actor, @Body() dto: PreviewDto) {
    return this.tracks.preview(actor, dto.orgId, dto.audience);
  }

  @Get('assignments')
  @Permit(Permission.STUDY_ASSIGN)
  list(@CurrentActor() actor: Actor, @Query() q: ListAssignmentsQuery) {
    return this.assignments.list(actor, q);
  }

  @Post('assignments')
  @Permit(Permission.STUDY_ASSIGN)
  @ApiOkResponse({ description: 'Assigns a published track to an organisation in your scope and enrols its matching members' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssignmentDto) {
    return this.assignments.create(actor, dto);
  }

  @Get('assignments/:id')
  @Permit(Permission.STUDY_ASSIGN)
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.assignments.get(actor, id);
  }

  @Patch('assignments/:id')
  @Permit(Permission.STUDY_ASSIGN)
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAssignmentDto) {
    return this.assignments.update(actor, id, dto);
  }

  @Post('assignments/:id/cancel')
  @Permit(Permission.STUDY_ASSIGN)
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.assignments.cancel(actor, id);
  }
}
