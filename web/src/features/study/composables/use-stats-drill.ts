import type { MemberStudyStatus, MemberStudyStatusPage, OrgRef, StudyStats } from '@zhdj/shared';
import { computed, ref, shallowRef } from 'vue';
import type { MemberStatusFilter, StatsParams } from '../api-admin';

export interface StatsQuery {
  orgId?: number;
  trackId?: number;
  period: number;
}

export interface StatsDrillDeps {
  stats: (params: StatsParams, signal: AbortSignal) => Promise<StudyStats>;
  members: (params: StatsParams & { status?: MemberStatusFilter }, cursor: string | null, signal: AbortSignal) => Promise<MemberStudyStatusPage>;
  /** The organisations from the root down to `orgId`'s parent (to rebuild the trail of an address opened directly). */
  ancestors: (orgId: number) => Promise<OrgRef[]>;
  /** The top of the caller's scope, when known before the first answer (an address opened directly). */
  scopeRoot?: () => number | null;
}

const refOf = (row: StudyStats['org']): OrgRef => ({ id: row.org.id, name: row.org.name, shortName: row.org.shortName, level: row.org.level });

/**
 * The follow-up, level by level: the figures of an organisation and its children, the trail back up to the top of
 * the caller's scope, and at a branch (or on request) its members with their status, a page at a time in the
 * server's order (branch, then membership roll — never by score). A newer query drops the answer of an older one.
 */
export function useStatsDrill(deps: StatsDrillDeps) {
  const stats = shallowRef<StudyStats | null>(null);
  const trail = ref<OrgRef[]>([]);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let scopeRootId: number | null = null;
  let controller: AbortController | null = null;

  const members = shallowRef<MemberStudyStatus[]>([]);
  const membersCursor = ref<string | null>(null);
  const membersLoading = ref(false);
  const membersError = shallowRef<unknown>(null);
  const memberStatus = ref<MemberStatusFilter | undefined>(undefined);
  let membersController: AbortController | null = null;
  let query: StatsQuery = { period: new Date().getFullYear() };

  /** A branch has no organisations below it: its members are what there is to see. */
  const atBranch = computed(() => !!stats.value && stats.value.org.org.childCount === 0);

  async function trailTo(current: OrgRef): Promise<OrgRef[]> {
    const known = trail.value.findIndex((o) => o.id === current.id);
    if (known >= 0) return trail.value.slice(0, known + 1);
    const parent = trail.value.at(-1);
    if (parent && stats.value?.children.some((c) => c.org.id === current.id) && stats.value.org.org.id === parent.id) return [...trail.value, current];
    const root = scopeRootId ?? deps.scopeRoot?.() ?? null;
    if (root === current.id) return [current];
    const above = await deps.ancestors(current.id);
    const from = root === null ? 0 : above.findIndex((o) => o.id === root);
    return [...(from >= 0 ? above.slice(from) : []), current];
  }

  async function load(next: StatsQuery): Promise<void> {
    query = next;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      const result = await deps.stats({ orgId: next.orgId, trackId: next.trackId, period: next.period }, mine.signal);
      if (next.orgId === undefined) scopeRootId = result.org.org.id;
      const path = await trailTo(refOf(result.org));
      if (controller !== mine) return;
      stats.value = result;
      trail.value = path;
      members.value = [];
      membersCursor.value = null;
      if (result.org.org.childCount === 0) await loadMembers(true);
    } catch (e) {
      if (controller === mine && !mine.signal.aborted) error.value = e;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  /** The members of the organisation in view; `fresh` starts again from the first page. */
  async function loadMembers(fresh = false): Promise<void> {
    const org = stats.value?.org.org;
    if (!org) return;
    membersController?.abort();
    const mine = new AbortController();
    membersController = mine;
    membersLoading.value = true;
    membersError.value = null;
    try {
      const page = await deps.members(
        { orgId: org.id, trackId: query.trackId, period: query.period, status: memberStatus.value },
        fresh ? null : membersCursor.value,
        mine.signal,
      );
      if (membersController !== mine) return;
      members.value = fresh ? page.items : [...members.value, ...page.items];
      membersCursor.value = page.nextCursor;
    } catch (e) {
      if (membersController === mine && !mine.signal.aborted) membersError.value = e;
    } finally {
      if (membersController === mine) membersLoading.value = false;
    }
  }

  function filterMembers(status: MemberStatusFilter | undefined): Promise<void> {
    memberStatus.value = status;
    return loadMembers(true);
  }

  function dispose(): void {
    controller?.abort();
    membersController?.abort();
  }

  return {
    stats,
    trail,
    loading,
    error,
    atBranch,
    members,
    membersCursor,
    membersLoading,
    membersError,
    memberStatus,
    load,
    loadMembers,
    filterMembers,
    dispose,
  };
}
