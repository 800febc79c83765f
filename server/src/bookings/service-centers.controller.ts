import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Authenticated, Permit } from '../common/decorators/permit.decorator';
import { BookingsService } from './bookings.service';
import { CheckInDto, ClosureDto, CreateCenterDto, DateRangeQuery, UpdateCenterDto } from './dto/service-center.dto';
import { ServiceCentersService } from './service-centers.service';

@ApiTags('service-centers')
@ApiBearerAuth()
@Controller('service-centers')
export class ServiceCentersController {
  constructor(
    private readonly centers: ServiceCentersService,
    private readonly bookings: BookingsService,
  ) {}

  @Authenticated()
  @Get()
  @ApiOkResponse({ description: 'Every centre in the county; your own committee’s first' })
  list(@CurrentActor() actor: Actor) {
    return this.centers.list(actor);
  }

  @Get('stats')
  @Permit(Permission.CENTER_MANAGE)
  @ApiOkResponse({ description: 'Bookings, attendance, no-shows and utilisation per centre in your scope' })
  stats(@CurrentActor() actor: Actor, @Query() q: DateRangeQuery) {
    return this.centers.stats(actor, q.from, q.to);
  }

  @Post()
  @Permit(Permission.CENTER_MANAGE)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCenterDto) {
    return this.centers.create(actor, dto);
  }

  @Authenticated()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.centers.get(actor, id);
  }

  @Patch(':id')
  @Permit(Permission.CENTER_MANAGE)
  @ApiOkResponse({ description: 'The centre, and the bookings that no longer fit its hours or capacity (kept, for you to rearrange)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateCenterDto) {
    return this.centers.update(actor, id, dto);
  }

  @Authenticated()
  @Get(':id/availability')
  @ApiOkResponse({ description: 'Per day: why it is closed, or its bookable slots with free places (at most 31 days)' })
  availability(@Param('id', ParseIntPipe) id: number, @Query() q: DateRangeQuery) {
    return this.centers.availability(id, q.from, q.to);
  }

  @Get(':id/bookings')
  @Permit(Permission.CENTER_MANAGE)
  @ApiOkResponse({ description: 'The centre’s bookings in a range: its day or week' })
  centerBookings(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: DateRangeQuery) {
    return this.centers.bookings(actor, id, q.from, q.to);
  }

  @Get(':id/conflicts')
  @Permit(Permission.CENTER_MANAGE)
  conflicts(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.centers.conflicts(actor, id);
  }

  @Get(':id/closures')
  @Permit(Permission.CENTER_MANAGE)
  closures(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.centers.closures(actor, id);
  }

  @Post(':id/closures')
  @Permit(Permission.CENTER_MANAGE)
  @ApiOkResponse({ description: 'Closes the centre for the dates; bookings in them are cancelled and the members told' })
  addClosure(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: ClosureDto) {
    return this.centers.addClosure(actor, id, dto);
  }

  @Delete(':id/closures/:closureId')
  @Permit(Permission.CENTER_MANAGE)
  @ApiOkResponse({ description: 'Withdraws a closure entered in error: its remaining days open again; visits it cancelled stay cancelled' })
  removeClosure(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('closureId', ParseIntPipe) closureId: number) {
    return this.centers.removeClosure(actor, id, closureId);
  }

  @Post(':id/check-in')
  @Permit(Permission.CENTER_MANAGE)
  @HttpCode(200)
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: CheckInDto) {
    return this.bookings.checkIn(actor, id, dto.code);
  }
}
