import type { OrgSummary } from '@zhdj/shared';
import { ref, shallowRef } from 'vue';
import { searchOrgs } from '../api';

export type OrgChoice = Pick<OrgSummary, 'id' | 'shortName'>;
export type FindOrgs = (q: string, limit: number, signal: AbortSignal) => Promise<OrgChoice[]>;

/**
 * The options of an organisation picker searched by name or code (Element Plus's remote select): `search` is its
 * remote method, `options` and `loading` what it shows. Typing fast sends a search per keystroke; a newer search
 * aborts the one before, so an answer that arrives late never replaces the newer one's. An empty query keeps the
 * options shown (the chosen organisation's name stays among them); a failed search empties them.
 */
export function useOrgSearch(initial: OrgChoice[] = [], find: FindOrgs = searchOrgs) {
  const options = shallowRef<OrgChoice[]>(initial);
  const loading = ref(false);
  let controller: AbortController | null = null;

  async function search(text: string): Promise<void> {
    const q = text.trim().slice(0, 50);
    if (!q) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    loading.value = true;
    try {
      const found = await find(q, 20, mine.signal);
      if (mine === controller) options.value = found;
    } catch {
      if (mine === controller) options.value = [];
    } finally {
      if (mine === controller) loading.value = false;
    }
  }

  return { options, loading, search };
}
