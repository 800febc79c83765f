import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inSubtree } from './subtree-sql';

describe('inSubtree', () => {
  const paths = ['/1/', '/1/3/', '/1/3/7/', '/1/3/70/', '/1/30/', '/1/31/2/', '/1/4/', '/2/3/'];
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (path TEXT); CREATE INDEX t_path ON t (path)');
  const insert = db.prepare('INSERT INTO t (path) VALUES (?)');
  for (const p of paths) insert.run(p);

  it.each(['/1/', '/1/3/', '/1/3/7/', '/1/30/', '/2/'])('selects exactly the paths that start with %s', (root) => {
    const under = inSubtree('path', root);
    const got = db.prepare(`SELECT path FROM t WHERE ${under.sql} ORDER BY path`).all(...under.params).map((r) => (r as { path: string }).path);
    expect(got).toEqual(paths.filter((p) => p.startsWith(root)).sort());
  });

  it('is read as an index range, not a scan', () => {
    const under = inSubtree('path', '/1/3/');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT path FROM t WHERE ${under.sql}`).all(...under.params).map((r) => (r as { detail: string }).detail);
    expect(plan.join(' ')).toMatch(/USING COVERING INDEX t_path \(path>\? AND path<\?\)/);
  });
});
