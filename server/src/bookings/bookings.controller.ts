import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { FastifyReply } from 'fastify';
import { download } from '../common/download';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ApiExportLanguage, ExportLang } from '../common/decorators/export-language.decorator';
import type { ExportLanguage } from '../common/language';
import { Authenticated, Permit } from '../common/decorators/permit.decorator';
import { bookingIcs, bookingQrSvg } from './booking-calendar-file';
import { BookingsService } from './bookings.service';
import { CancelDto, CreateBookingDto, MineQuery, RescheduleDto } from './dto/booking.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @Permit(Permission.BOOKING_CREATE)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the same booking' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateBookingDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new BadRequestException('Idempotency-Key must be 8–64 letters, digits, - or _');
    const { booking, replayed } = await this.bookings.create(actor, dto, key);
    res.status(replayed ? 200 : 201);
    return booking;
  }

  @Get('mine')
  @Permit(Permission.BOOKING_CREATE)
  mine(@CurrentActor() actor: Actor, @Query() q: MineQuery) {
    return this.bookings.mine(actor, q.past === 'true');
  }

  @Authenticated()
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.bookings.visibleView(actor, id);
  }

  @Post(':id/reschedule')
  @Permit(Permission.BOOKING_CREATE)
  @HttpCode(200)
  reschedule(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: RescheduleDto) {
    return this.bookings.reschedule(actor, id, dto);
  }

  @Authenticated()
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The member until the cut-off; the centre’s administrators any time, with a reason' })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: CancelDto) {
    return this.bookings.cancel(actor, id, dto.reason);
  }

  @Post(':id/attended')
  @Permit(Permission.CENTER_MANAGE)
  @HttpCode(200)
  attended(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.bookings.mark(actor, id, 'ATTENDED');
  }

  @Post(':id/no-show')
  @Permit(Permission.CENTER_MANAGE)
  @HttpCode(200)
  noShow(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.bookings.mark(actor, id, 'NO_SHOW');
  }

  @Post(':id/undo-mark')
  @Permit(Permission.CENTER_MANAGE)
  @HttpCode(200)
  @ApiOkResponse({ description: 'A check-in or no-show marked by mistake, undone on the visit’s day: the visit is booked again' })
  undoMark(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.bookings.undoMark(actor, id);
  }

  @Authenticated()
  @Get(':id/booking.ics')
  @ApiProduces('text/calendar')
  @ApiExportLanguage()
  async ics(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @ExportLang() lang: ExportLanguage) {
    const view = await this.bookings.visibleView(actor, id);
    return download(bookingIcs(view, lang), 'text/calendar; charset=utf-8', `attachment; filename="booking-${id}.ics"`);
  }

  @Authenticated()
  @Get(':id/qr.svg')
  @ApiProduces('image/svg+xml')
  async qr(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    const view = await this.bookings.visibleView(actor, id);
    return download(await bookingQrSvg(view), 'image/svg+xml');
  }
}
