import type { MyStudy, StudyActionResponse, StudyModuleDetail } from '@zhdj/shared';
import { takeEarly } from '@/api/early';
import { http } from '@/api/http';

/** The member's side of study (study.learn). Every action answers with the module's progress for the caller. */

export async function fetchMyStudy(signal?: AbortSignal): Promise<MyStudy> {
  const { data } = await http.get<MyStudy>('/study/my', { signal });
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
