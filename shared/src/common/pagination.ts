/** Lists are keyset-paginated: the server hands back an opaque cursor for the next page, or null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;
