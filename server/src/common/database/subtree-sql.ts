import { subtreeEnd } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';

/** A condition with its parameters, to be joined into a larger WHERE. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * `column` holds a path within the subtree at `path`, said as an index range: `path <= column < subtreeEnd(path)`.
 * Not `column LIKE 'path%'`: SQLite compiles a LIKE pattern's prefix into the query plan, so a statement whose
 * pattern is a bound parameter is prepared again at every execution — on the transfer queues that cost more than
 * running the queries. The range reads the same index entries on both drivers and binds like any other value.
 */
export function inSubtree(column: string, path: string): SqlPart {
  return { sql: `(${column} >= ? AND ${column} < ?)`, params: [path, subtreeEnd(path)] };
}

/**
 * `subtreeEnd` said in SQL, for a path read in the same statement (a joined organisation's): a path ends with '/',
 * whose successor is '0', so the end is the path with its last character replaced by '0' (portable as below).
 */
export const subtreeEndSql = (pathColumn: string): string => `CONCAT(SUBSTR(${pathColumn}, 1, LENGTH(${pathColumn}) - 1), '0')`;

/**
 * A subtree moved from `oldPath` to `newPath`: every path of `column` under the old one is rewritten to the new
 * prefix plus the rest (portable: CONCAT and SUBSTR mean the same on SQLite and MySQL).
 */
export async function rewriteSubtreePaths(em: EntityManager, table: string, column: string, oldPath: string, newPath: string): Promise<void> {
  const under = inSubtree(column, oldPath);
  await em.query(`UPDATE ${table} SET ${column} = CONCAT(?, SUBSTR(${column}, ?)) WHERE ${under.sql}`, [newPath, oldPath.length + 1, ...under.params]);
}
