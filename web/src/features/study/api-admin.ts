import type {
  AssignmentView,
  AudiencePreview,
  MemberStudyFilter,
  MemberStudyStatus,
  MemberStudyStatusPage,
  Page,
  QuestionKind,
  QuestionOption,
  QuizQuestionView,
  StudyModuleDetail,
  StudyModuleKind,
  StudyModuleSummary,
  StudyNeed,
  StudyStats,
  TrackAudience,
  TrackSummary,
  TrackView,
} from '@zhdj/shared';
import { downloadFile } from '@/api/download';
import { http } from '@/api/http';

/** Administration of study: the catalogue (study.author), assignments (study.assign) and follow-up (study.stats). */

const clean = (params: object): Record<string, string | number> =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>;

export interface ModuleFilters {
  kind?: StudyModuleKind;
  need?: StudyNeed;
  q?: string;
}

export async function fetchModules(filters: ModuleFilters, cursor: string | null, limit = 20, signal?: AbortSignal): Promise<Page<StudyModuleSummary>> {
  const { data } = await http.get<Page<StudyModuleSummary>>('/study/catalog/modules', { params: clean({ ...filters, q: filters.q?.trim(), cursor, limit }), signal });
  return data;
}

export async function fetchAuthorModule(id: number, signal?: AbortSignal): Promise<StudyModuleDetail> {
  const { data } = await http.get<StudyModuleDetail>(`/study/catalog/modules/${id}`, { signal });
  return data;
}

export interface ModuleFields {
  title: string;
  summary: string;
  tags: string[];
  need: StudyNeed;
  classHours: number;
  published: boolean;
  body?: string;
  minReadSeconds?: number;
  videoUrl?: string;
  durationSeconds?: number;
  questionsPerAttempt?: number;
  passPercent?: number;
  attemptsAllowed?: number;
  timeLimitSeconds?: number;
  showAnswers?: boolean;
}

export async function createModule(kind: StudyModuleKind, fields: ModuleFields): Promise<StudyModuleDetail> {
  const { data } = await http.post<StudyModuleDetail>('/study/catalog/modules', { kind, ...fields });
  return data;
}

export async function updateModule(id: number, version: number, fields: Partial<ModuleFields>): Promise<StudyModuleDetail> {
  const { data } = await http.patch<StudyModuleDetail>(`/study/catalog/modules/${id}`, { ...fields, version });
  return data;
}

/** The whole question bank (banks hold tens of questions: pages of 100 until the end). */
export async function fetchQuestionBank(moduleId: number, signal?: AbortSignal): Promise<QuizQuestionView[]> {
  const all: QuizQuestionView[] = [];
  let cursor: string | null = null;
  do {
    const { data }: { data: Page<QuizQuestionView> } = await http.get<Page<QuizQuestionView>>(`/study/catalog/modules/${moduleId}/questions`, {
      params: clean({ cursor, limit: 100 }),
      signal,
    });
    all.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return all;
}

export interface QuestionFields {
  kind: QuestionKind;
  stem: string;
  options?: QuestionOption[];
  answer: string[];
  explanation: string;
}

export async function addQuestion(moduleId: number, fields: QuestionFields): Promise<QuizQuestionView> {
  const { data } = await http.post<QuizQuestionView>(`/study/catalog/modules/${moduleId}/questions`, fields);
  return data;
}

export async function updateQuestion(id: number, fields: Partial<QuestionFields> & { active?: boolean }): Promise<QuizQuestionView> {
  const { data } = await http.patch<QuizQuestionView>(`/study/catalog/questions/${id}`, fields);
  return data;
}

export async function fetchTracks(params: { year?: number; need?: StudyNeed }, cursor: string | null, limit = 50, signal?: AbortSignal): Promise<Page<TrackSummary>> {
  const { data } = await http.get<Page<TrackSummary>>('/study/tracks', { params: clean({ ...params, cursor, limit }), signal });
  return data;
}

export async function fetchTrack(id: number, signal?: AbortSignal): Promise<TrackView> {
  const { data } = await http.get<TrackView>(`/study/tracks/${id}`, { signal });
  return data;
}

export interface TrackFields {
  title: string;
  description: string;
  year: number;
  audience: TrackAudience;
  modules: { moduleId: number; required: boolean }[];
  published: boolean;
}

export async function createTrack(fields: TrackFields): Promise<TrackView> {
  const { data } = await http.post<TrackView>('/study/tracks', fields);
  return data;
}

export async function updateTrack(id: number, version: number, fields: Partial<TrackFields>): Promise<TrackView> {
  const { data } = await http.patch<TrackView>(`/study/tracks/${id}`, { ...fields, version });
  return data;
}

/** How many members of a subtree an audience being composed matches. */
export async function previewAudience(orgId: number, audience: TrackAudience, signal?: AbortSignal): Promise<AudiencePreview> {
  const { data } = await http.post<AudiencePreview>('/study/audience/preview', { orgId, audience }, { signal });
  return data;
}

export async function previewTrack(trackId: number, orgId: number, signal?: AbortSignal): Promise<AudiencePreview> {
  const { data } = await http.get<AudiencePreview>(`/study/tracks/${trackId}/preview`, { params: { orgId }, signal });
  return data;
}

export async function fetchAssignments(params: { orgId?: number; year?: number; trackId?: number }, cursor: string | null, limit = 20, signal?: AbortSignal): Promise<Page<AssignmentView>> {
  const { data } = await http.get<Page<AssignmentView>>('/study/assignments', { params: clean({ ...params, cursor, limit }), signal });
  return data;
}

export async function createAssignment(fields: { trackId: number; orgId: number; startsOn: string; dueOn: string }): Promise<AssignmentView> {
  const { data } = await http.post<AssignmentView>('/study/assignments', fields);
  return data;
}

export async function updateAssignment(id: number, version: number, fields: { startsOn?: string; dueOn?: string }): Promise<AssignmentView> {
  const { data } = await http.patch<AssignmentView>(`/study/assignments/${id}`, { ...fields, version });
  return data;
}

export async function cancelAssignment(id: number): Promise<AssignmentView> {
  const { data } = await http.post<AssignmentView>(`/study/assignments/${id}/cancel`);
  return data;
}

export interface StatsParams {
  orgId?: number;
  trackId?: number;
  period?: number;
}

export async function fetchStats(params: StatsParams, signal?: AbortSignal): Promise<StudyStats> {
  const { data } = await http.get<StudyStats>('/study/stats', { params: clean(params), signal });
  return data;
}

/** The follow-up's member filters (an enrolment's state, or the year's hours short). */
export type MemberStatusFilter = MemberStudyFilter;

export async function fetchMemberStatuses(
  params: StatsParams & { status?: MemberStatusFilter },
  cursor: string | null,
  limit = 20,
  signal?: AbortSignal,
): Promise<MemberStudyStatusPage> {
  const { data } = await http.get<MemberStudyStatusPage>('/study/stats/members', { params: clean({ ...params, cursor, limit }), signal });
  return data;
}

/** One more attempt this year at a quiz the member failed with every attempt used (audited; the member is told). */
export async function grantExtraAttempt(memberId: number, moduleId: number): Promise<void> {
  await http.post(`/study/stats/members/${memberId}/extra-attempt`, { moduleId });
}

/** The member-level status of a subtree as .xlsx (streamed by the server). */
/** One member's year (their record shows it): class hours against the requirement, and tracks. */
export async function fetchMemberStudy(memberId: number, signal?: AbortSignal): Promise<MemberStudyStatus> {
  const { data } = await http.get<MemberStudyStatus>(`/study/stats/members/${memberId}`, { signal });
  return data;
}

export function exportStudy(params: StatsParams & { status?: MemberStatusFilter }, onProgress?: (bytes: number) => void): Promise<string> {
  return downloadFile('/study/stats/export', { params: clean(params), fallbackName: 'study.xlsx', onProgress });
}
