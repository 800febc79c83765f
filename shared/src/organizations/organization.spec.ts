import { describe, expect, it } from 'vitest';
import { childPath, isInSubtree, parentPath, subtreeEnd } from './organization';

describe('subtreeEnd', () => {
  it('bounds exactly the paths of a subtree, in string order', () => {
    expect(subtreeEnd('/1/23/')).toBe('/1/230');
    const root = '/1/23/';
    const paths = ['/1/', '/1/2/', '/1/22/', '/1/23/', '/1/23/4/', '/1/23/456/7/', '/1/230/', '/1/231/', '/1/24/', '/1/3/'];
    for (const p of paths) expect(p >= root && p < subtreeEnd(root), p).toBe(isInSubtree(p, root));
  });
});

describe('childPath and parentPath', () => {
  it('append a child’s id to its parent’s path, and take it off again', () => {
    expect(childPath('/1/23/', 456)).toBe('/1/23/456/');
    expect(parentPath('/1/23/456/', 456)).toBe('/1/23/');
    expect(parentPath('/1/5/', 5)).toBe('/1/');
    // The last segment is the id's alone: 3 under 23 is not confused with 23.
    expect(parentPath(childPath('/1/23/', 3), 3)).toBe('/1/23/');
  });
});
