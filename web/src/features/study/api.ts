import type { LibraryPage, MyStudy, StudyActionResponse, StudyModuleDetail, StudyModuleKind, StudyNeed } from '@zhdj/shared';
import { takeEarly } from '@/api/early';
import { http } from '@/api/http';

/** The member's side of study (study.learn). Every action answers with the module's progress for the caller. */

export async function fetchMyStudy(signal?: AbortSignal): Promise<MyStudy> {
  const { data } = await http.get<MyStudy>('/study/my', { signal });
  return data;
}

export interface LibraryFilters {
  q?: string;
  kind?: StudyModuleKind;
  need?: StudyNeed;
  /** Only modules not completed this year. */
  todo?: boolean;
}

/** The elective library: every published module, newest first, a page at a time. */
export async function fetchLibrary(filters: LibraryFilters, cursor: string | null, signal?: AbortSignal): Promise<LibraryPage> {
  const params = { ...filters, todo: filters.todo || undefined, cursor: cursor ?? undefined, limit: 20 };
  const { data } = await http.get<LibraryPage>('/study/library', { params, signal });
  return data;
}

export async function fetchStudyModule(id: number, signal?: AbortSignal): Promise<StudyModuleDetail> {
  const url = `/study/modules/${id}`;
  const { data } = await (takeEarly<StudyModuleDetail>(url) ?? http.get<StudyModuleDetail>(url, { signal }));
  return data;
}

export async function startModule(id: number): Promise<StudyActionResponse> {
  const { data } = await http.post<StudyActionResponse>(`/study/modules/${id}/start`);
  return data;
}

/** What was actually played since the last report, and where the player is now (to resume on any device). */
export async function reportWatched(id: number, intervals: [number, number][], positionSeconds: number): Promise<StudyActionResponse> {
  const { data } = await http.post<StudyActionResponse>(`/study/modules/${id}/progress`, {
    intervals: intervals.map(([from, to]) => ({ from, to })),
    positionSeconds,
  });
  return data;
}

export async function completeModule(id: number): Promise<StudyActionResponse> {
  const { data } = await http.post<StudyActionResponse>(`/study/modules/${id}/complete`);
  return data;
}

/** Draws a quiz attempt, or returns the one still open (started on another device, or before a reload). */
export async function drawAttempt(moduleId: number): Promise<StudyActionResponse> {
  const { data } = await http.post<StudyActionResponse>(`/study/modules/${moduleId}/attempts`);
  return data;
}

export async function submitAttempt(attemptId: number, answers: { questionId: number; selected: string[] }[]): Promise<StudyActionResponse> {
  const { data } = await http.post<StudyActionResponse>(`/study/attempts/${attemptId}/submit`, { answers });
  return data;
}
