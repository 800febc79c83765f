import { PERMISSIONS } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every operation in the API description declares who may call it — a permission from the shared role table,
 * `authenticated` or `public` — so that new endpoints cannot slip past the scope-isolation suite unnoticed.
 */
describe('every API operation declares its access', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('has x-permission on every operation, naming a known permission', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const allowed = new Set<string>([...PERMISSIONS, 'authenticated', 'public']);
    const undeclared: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        if (!op['x-permission'] || !allowed.has(op['x-permission'])) undeclared.push(`${method.toUpperCase()} ${path} (${op['x-permission'] ?? 'none'})`);
      }
    }
    expect(undeclared, `operations without a declared access:\n${undeclared.join('\n')}`).toEqual([]);
    expect(operations).toBeGreaterThan(50);
  });
});
