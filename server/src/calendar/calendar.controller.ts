import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Permit } from '../common/decorators/permit.decorator';
import { CalendarService } from './calendar.service';
import { CalendarDateParam, CalendarDayDto, CalendarYearQuery } from './dto/calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/days')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Permit(Permission.CALENDAR_MANAGE)
  @ApiOkResponse({ description: "A year's entered days, and whether the official calendar package carries that year" })
  year(@Query() q: CalendarYearQuery) {
    return this.calendar.year(q.year);
  }

  @Get(':date/bookings')
  @Permit(Permission.CALENDAR_MANAGE)
  @ApiOkResponse({ description: 'The visits still booked for the date, and at how many centres: what entering it as a day off would cancel' })
  bookings(@Param() p: CalendarDateParam) {
    return this.calendar.bookingsOn(p.date);
  }

  @Put(':date')
  @Permit(Permission.CALENDAR_MANAGE)
  @ApiOkResponse({ description: 'The day as entered, and cancelledBookings: a day off cancels the visits booked for it (members are told)' })
  put(@CurrentActor() actor: Actor, @Param() p: CalendarDateParam, @Body() dto: CalendarDayDto) {
    return this.calendar.put(actor, p.date, dto);
  }

  @Delete(':date')
  @HttpCode(204)
  @Permit(Permission.CALENDAR_MANAGE)
  async remove(@CurrentActor() actor: Actor, @Param() p: CalendarDateParam): Promise<void> {
    await this.calendar.remove(actor, p.date);
  }
}
