import { http } from '@/api/http';

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** A client route to open, e.g. /m/transfers/12 or /admin/transfers/12; empty when there is nothing to open. */
  link: string;
  read: boolean;
  createdAt: string;
  /** The facts its title and text were written from, by kind (null for older ones): for wording it in English. */
  params?: Record<string, string | number> | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unread: number;
}

export async function fetchNotifications(cursor: string | null, limit = 20): Promise<NotificationPage> {
  const { data } = await http.get<NotificationPage>('/notifications', { params: { limit, ...(cursor ? { cursor } : {}) } });
  return data;
}

export async function fetchUnreadCount(): Promise<number> {
  const { data } = await http.get<{ unread: number }>('/notifications/unread-count');
  return data.unread;
}

export async function markNotificationRead(id: number): Promise<void> {
  await http.post(`/notifications/${id}/read`);
}

export async function markAllNotificationsRead(): Promise<number> {
  const { data } = await http.post<{ marked: number }>('/notifications/read-all');
  return data.marked;
}
