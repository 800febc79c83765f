import { Injectable } from '@nestjs/common';
import { type HolderKind, type Page } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Db, toDate } from '../common/database/db.service';
import { notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { Notification } from './entities/notification.entity';
import { nearestAdmins } from './nearest-admins';
import { isoString } from '../common/calendar/iso-string';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key, same user: sent once however often a job runs. */
  dedupeKey?: string;
  /**
   * The facts the title and text say (names, dates, codes such as a transfer's state), by name: the web app words
   * the notification from its kind and these in a language other than the Chinese it is written in.
   */
  params?: NotificationParams;
  /**
   * Kept as already read: a record of what the person did themselves (their own cancellation), which completes the
   * story in their list without calling for their attention.
   */
  read?: boolean;
}

export type NotificationParams = Record<string, string | number>;

/** Kept only whole: a notification whose facts do not fit is shown as written. */
const PARAMS_MAX = 500;

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
  createdAt: string;
  params: NotificationParams | null;
}

@Injectable()
export class NotificationsService {
  constructor(private readonly db: Db) {}

  /**
   * Inside the caller's transaction, so a notification exists exactly when its change does. Returns how many were new:
   * with a `dedupeKey`, a user who already has that notification is skipped. One statement for all the users (a
   * study reminder goes to thousands at once).
   */
  async notify(em: EntityManager, userIds: number[], input: NotificationInput): Promise<number> {
    const now = new Date();
    const params = input.params ? JSON.stringify(input.params) : null;
    const rows = [...new Set(userIds)].map((userId) => ({
      userId,
      kind: input.kind,
      title: input.title.slice(0, 200),
      body: (input.body ?? '').slice(0, 500),
      link: input.link ?? '',
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${userId}`.slice(0, 100) : null,
      params: params && params.length <= PARAMS_MAX ? params : null,
      readAt: input.read ? now : null,
      createdAt: now,
    }));
    return this.db.insertRows(em, Notification, rows, { skipDuplicates: !!input.dedupeKey });
  }

  /**
   * Settles the to-dos of these kinds sent about a link (a transfer's page): once the step they asked for is taken — by
   * whoever took it — they no longer call for anyone's attention, and the unread count stops counting them.
   */
  async settle(em: EntityManager, link: string, kinds: string[]): Promise<void> {
    await em.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('link = :link AND kind IN (:...kinds) AND read_at IS NULL', { link, kinds }).execute();
  }

  /**
   * The administrators who must act at a holder tier over an organisation: those assigned to it, or failing that to
   * the nearest organisation above it that has any (a branch without an administrator is served by its committee).
   */
  async adminsFor(em: EntityManager, kind: HolderKind, orgPath: string | null): Promise<number[]> {
    return (await nearestAdmins((sql, params) => em.query(sql, params), kind, orgPath)).userIds;
  }

  async userOfMember(em: EntityManager, memberId: number | null): Promise<number[]> {
    if (!memberId) return [];
    const rows: { id: number }[] = await em.query('SELECT id FROM users WHERE member_id = ?', [memberId]);
    return rows.map((r) => Number(r.id));
  }

  async list(actor: Actor, cursor: string | undefined, limit = 20, unreadOnly = false): Promise<Page<NotificationView> & { unread: number }> {
    const before = decodeCursor<[number]>(cursor, ['number']);
    const rows = await this.db.query<{ id: number; kind: string; title: string; body: string; link: string; read_at: unknown; created_at: unknown; params: string | null }>(
      `SELECT id, kind, title, body, link, read_at, created_at, params FROM notifications
        WHERE user_id = ? ${before ? 'AND id < ?' : ''} ${unreadOnly ? 'AND read_at IS NULL' : ''}
        ORDER BY id DESC LIMIT ${limit + 1}`,
      before ? [actor.userId, before[0]] : [actor.userId],
    );
    const items = rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      read: r.read_at !== null,
      createdAt: isoString(toDate(r.created_at)!),
      params: r.params ? (JSON.parse(r.params) as NotificationParams) : null,
    }));
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null,
      unread: await this.unreadCount(actor),
    };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [actor.userId]);
    return Number(row.n);
  }

  async markRead(actor: Actor, id: number): Promise<void> {
    const result = await this.db.tx((em) =>
      em.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('id = :id AND user_id = :u AND read_at IS NULL', { id, u: actor.userId }).execute(),
    );
    if (!result.affected && !(await this.db.em.exists(Notification, { where: { id, userId: actor.userId } }))) throw notFound('Notification');
  }

  async markAllRead(actor: Actor): Promise<number> {
    const result = await this.db.tx((em) =>
      em.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('user_id = :u AND read_at IS NULL', { u: actor.userId }).execute(),
    );
    return result.affected ?? 0;
  }
}
