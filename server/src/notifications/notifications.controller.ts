import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { Authenticated } from '../common/decorators/permit.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ListNotificationsQuery, NotificationPageDto, UnreadCountDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Authenticated()
  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q.cursor, q.limit, q.unread);
  }

  @Authenticated()
  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unread(@CurrentActor() actor: Actor) {
    return { unread: await this.notifications.unreadCount(actor) };
  }

  @Authenticated()
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ schema: { example: { marked: 3 } } })
  async readAll(@CurrentActor() actor: Actor) {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Authenticated()
  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.notifications.markRead(actor, id);
  }
}
