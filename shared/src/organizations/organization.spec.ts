import { describe, expect, it } from 'vitest';
import { isInSubtree, subtreeEnd } from './organization';

describe('subtreeEnd', () => {
  it('bounds exactly the paths of a subtree, in string order', () => {
    expect(subtreeEnd('/1/23/')).toBe('/1/230');
    const root = '/1/23/';
    const paths = ['/1/', '/1/2/', '/1/22/', '/1/23/', '/1/23/4/', '/1/23/456/7/', '/1/230/', '/1/231/', '/1/24/', '/1/3/'];
    for (const p of paths) expect(p >= root && p < subtreeEnd(root), p).toBe(isInSubtree(p, root));
  });
});
