import { describe, expect, it } from 'vitest';
import { useOrgSearch, type OrgChoice } from './use-org-search';

/** A finder whose answers the test releases one by one, in any order. */
function heldFinder() {
  const calls: { q: string; signal: AbortSignal; answer: (orgs: OrgChoice[]) => void; fail: () => void }[] = [];
  const find = (q: string, _limit: number, signal: AbortSignal) =>
    new Promise<OrgChoice[]>((resolve, reject) => calls.push({ q, signal, answer: resolve, fail: () => reject(new Error('network')) }));
  return { find, calls };
}
const org = (id: number, shortName: string): OrgChoice => ({ id, shortName });

describe('an organisation picker searched by name', () => {
  it('shows the newest search’s answer, never a late answer to an older one', async () => {
    const { find, calls } = heldFinder();
    const picker = useOrgSearch([], find);
    const first = picker.search('新');
    const second = picker.search('新安');
    expect(calls.map((c) => c.q)).toEqual(['新', '新安']);
    expect(calls[0].signal.aborted).toBe(true);
    calls[1].answer([org(2, '新安街道党工委')]);
    await second;
    calls[0].answer([org(1, '新沂市委')]);
    await first;
    expect(picker.options.value).toEqual([org(2, '新安街道党工委')]);
    expect(picker.loading.value).toBe(false);
  });

  it('keeps its options on an empty query and empties them when a search fails', async () => {
    const { find, calls } = heldFinder();
    const own = [org(7, '北沟街道党工委')];
    const picker = useOrgSearch(own, find);
    await picker.search('   ');
    expect(calls).toHaveLength(0);
    expect(picker.options.value).toEqual(own);
    const failing = picker.search('北沟');
    expect(picker.loading.value).toBe(true);
    calls[0].fail();
    await failing;
    expect(picker.options.value).toEqual([]);
    expect(picker.loading.value).toBe(false);
  });
});
