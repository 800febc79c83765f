import type { Page } from '../common/pagination';
import type { OrgRef, OrgType } from '../organizations/organization';

/** Tailored study (定餐), domain.md §6: modules, tracks with an audience, assignments, progress, follow-up. */

export const StudyModuleKind = {
  ARTICLE: 'ARTICLE', // rich text with a minimum reading time
  VIDEO: 'VIDEO', // a video file or stream; complete at 90% actually watched
  QUIZ: 'QUIZ', // a question bank; complete when an attempt reaches the pass mark
} as const;
export type StudyModuleKind = (typeof StudyModuleKind)[keyof typeof StudyModuleKind];
export const STUDY_MODULE_KINDS = Object.values(StudyModuleKind);

export const QuestionKind = {
  SINGLE: 'SINGLE',
  MULTIPLE: 'MULTIPLE',
  TRUE_FALSE: 'TRUE_FALSE',
} as const;
export type QuestionKind = (typeof QuestionKind)[keyof typeof QuestionKind];
export const QUESTION_KINDS = Object.values(QuestionKind);

/** What a module or track serves (学习需求). */
export const StudyNeed = {
  POLICY: 'POLICY', // 政策理论
  RULES: 'RULES', // 党章党规
  SKILLS: 'SKILLS', // 业务技能
  INTEGRITY: 'INTEGRITY', // 廉洁自律
  HISTORY: 'HISTORY', // 党史学习
  SERVICE: 'SERVICE', // 为民服务
  GOVERNANCE: 'GOVERNANCE', // 基层治理
} as const;
export type StudyNeed = (typeof StudyNeed)[keyof typeof StudyNeed];
export const STUDY_NEEDS = Object.values(StudyNeed);

export const STUDY_NEED_LABELS_ZH: Record<StudyNeed, string> = {
  POLICY: '政策理论',
  RULES: '党章党规',
  SKILLS: '业务技能',
  INTEGRITY: '廉洁自律',
  HISTORY: '党史学习',
  SERVICE: '为民服务',
  GOVERNANCE: '基层治理',
};

/** Member groups a track's audience may name (any of them matches). */
export const AudienceGroup = {
  PROBATIONARY: 'PROBATIONARY', // 预备党员
  YOUTH: 'YOUTH', // 青年党员: under 35 on today's date in Xinyi
  MOBILE: 'MOBILE', // 流动党员
  RETIRED: 'RETIRED', // 离退休党员
  CADRES: 'CADRES', // 党支部书记和委员: post SECRETARY, DEPUTY_SECRETARY or COMMITTEE_MEMBER
  GRADUATE: 'GRADUATE', // 高校毕业生
} as const;
export type AudienceGroup = (typeof AudienceGroup)[keyof typeof AudienceGroup];
export const AUDIENCE_GROUPS = Object.values(AudienceGroup);

export const AUDIENCE_GROUP_LABELS_ZH: Record<AudienceGroup, string> = {
  PROBATIONARY: '预备党员',
  YOUTH: '青年党员',
  MOBILE: '流动党员',
  RETIRED: '离退休党员',
  CADRES: '党支部书记和委员',
  GRADUATE: '高校毕业生',
};

/**
 * Who a track is for. A member matches when (orgTypes is empty or includes their branch's type) and (groups is
 * empty or they are in any of the groups). Needs describe the track (and filter the catalogue); they never filter
 * members.
 */
export interface TrackAudience {
  orgTypes: OrgType[];
  groups: AudienceGroup[];
  needs: StudyNeed[];
}

export const ProgressStatus = {
  NOT_STARTED: 'NOT_STARTED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
} as const;
export type ProgressStatus = (typeof ProgressStatus)[keyof typeof ProgressStatus];

/** Limits shared by the editor and the API. */
export const STUDY_LIMITS = {
  titleMax: 100,
  summaryMax: 500,
  /** Characters; the sanitised HTML must also fit a 64 KiB text column. */
  bodyMax: 20_000,
  tagsMax: 10,
  tagMax: 20,
  classHoursMax: 20,
  minReadSecondsMax: 3_600,
  durationSecondsMax: 6 * 3_600,
  questionsPerAttemptMax: 100,
  attemptsAllowedMax: 20,
  timeLimitSecondsMax: 3 * 3_600,
  optionsMax: 8,
  trackModulesMax: 50,
  intervalsPerReportMax: 50,
  answersMax: 100,
  /** Disjoint watched intervals kept per video (a sane player never comes near). */
  intervalsMax: 2_000,
} as const;

export interface StudyModuleSummary {
  id: number;
  kind: StudyModuleKind;
  title: string;
  summary: string;
  tags: string[];
  need: StudyNeed;
  /** Class hours (学时) the module gives once a year, in hours (one decimal). */
  classHours: number;
  published: boolean;
  /** Article: the minimum reading time; video: the duration; quiz: the time limit (0 = none). */
  seconds: number;
  version: number;
}

export interface QuizSettings {
  questionsPerAttempt: number;
  passPercent: number;
  attemptsAllowed: number;
  /** 0 = no limit. */
  timeLimitSeconds: number;
  showAnswers: boolean;
  /** Active questions in the bank. */
  bankSize: number;
}

/** A module as a learner opens it (never the answer key). */
export interface StudyModuleDetail extends StudyModuleSummary {
  /** Article: sanitised HTML. */
  body: string | null;
  minReadSeconds: number;
  videoUrl: string | null;
  durationSeconds: number;
  quiz: QuizSettings | null;
  progress: ModuleProgressView;
}

export interface QuestionOption {
  key: string;
  text: string;
}

/** A question in the author's bank, answer key included (study.author only). */
export interface QuizQuestionView {
  id: number;
  moduleId: number;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  explanation: string;
  active: boolean;
}

/** A question as issued in an attempt: no answer, no explanation. */
export interface IssuedQuestion {
  id: number;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
}

export interface QuizAttemptView {
  id: number;
  moduleId: number;
  startedAt: string;
  /** Submissions after this instant are refused; null when the quiz has no time limit. */
  deadline: string | null;
  status: 'OPEN' | 'SUBMITTED' | 'EXPIRED';
  questions: IssuedQuestion[];
}

export interface QuizReviewItem {
  questionId: number;
  correct: boolean;
  selected: string[];
  answer: string[];
  explanation: string;
}

export interface QuizResultView {
  attemptId: number;
  correct: number;
  total: number;
  scorePercent: number;
  passed: boolean;
  /** Only when the module shows answers after an attempt. */
  review: QuizReviewItem[] | null;
}

/** The caller's progress on one module this year; everything needed to resume on another device. */
export interface ModuleProgressView {
  moduleId: number;
  kind: StudyModuleKind;
  year: number;
  status: ProgressStatus;
  startedAt: string | null;
  completedAt: string | null;
  /** Class hours this module gave this year (0 until completed). */
  classHoursEarned: number;
  /** The server's clock, so a client can show time left without trusting its own. */
  serverTime: string;
  article: { minReadSeconds: number; secondsLeft: number } | null;
  video: { durationSeconds: number; coveredSeconds: number; coveredPercent: number; positionSeconds: number; intervals: [number, number][] } | null;
  quiz: { attemptsAllowed: number; attemptsUsed: number; attemptsLeft: number; bestScore: number | null; passPercent: number; openAttempt: { id: number; deadline: string | null } | null } | null;
}

/** Every learner action answers with the module's progress, plus the attempt or the grading where relevant. */
export interface StudyActionResponse {
  progress: ModuleProgressView;
  attempt?: QuizAttemptView;
  result?: QuizResultView;
}

export interface TrackModuleView {
  position: number;
  required: boolean;
  module: StudyModuleSummary;
}

export interface TrackView {
  id: number;
  title: string;
  description: string;
  year: number;
  audience: TrackAudience;
  published: boolean;
  modules: TrackModuleView[];
  /** Sum of the required modules' class hours. */
  requiredClassHours: number;
  /**
   * Whom the track's active assignments reach, county-wide — for its authors only (an assigner sees no figures beyond
   * their scope): the composer warns before a change of required modules re-judges these members.
   */
  reach?: { assignments: number; enrolled: number; completed: number };
  version: number;
}

export interface TrackSummary {
  id: number;
  title: string;
  year: number;
  audience: TrackAudience;
  published: boolean;
  moduleCount: number;
  requiredCount: number;
  version: number;
}

export interface AudiencePreview {
  org: OrgRef;
  /** Members of the subtree the audience matches. */
  matched: number;
  /** Members of the subtree. */
  total: number;
  /**
   * For a track's preview: an active assignment of the track to this organisation, one above it or one below it,
   * which a new assignment would overlap (and be refused with ASSIGNMENT_OVERLAP); null when there is none.
   */
  overlap?: { assignmentId: number; org: { id: number; shortName: string } } | null;
}

export interface AssignmentView {
  id: number;
  track: { id: number; title: string; year: number };
  org: OrgRef;
  startsOn: string;
  dueOn: string;
  status: 'ACTIVE' | 'CANCELLED';
  /** Enrolled and completed members now in the assigned subtree. */
  enrolled: number;
  completed: number;
  createdAt: string;
  version: number;
}

export interface MyTrackModule {
  position: number;
  required: boolean;
  module: StudyModuleSummary;
  status: ProgressStatus;
  completedAt: string | null;
  /**
   * A quiz not passed with every attempt of this year used: the member cannot go on alone (a follower of their study
   * may grant one more attempt), so their home says so rather than "in progress".
   */
  attemptsExhausted: boolean;
}

export interface MyTrack {
  assignmentId: number;
  track: { id: number; title: string; description: string; year: number };
  assignedBy: OrgRef;
  startsOn: string;
  dueOn: string;
  /** Past the due date and not complete. */
  overdue: boolean;
  /** Due within three days and not complete. */
  dueSoon: boolean;
  completedAt: string | null;
  requiredTotal: number;
  requiredDone: number;
  /** Share of required modules done, 0–100. */
  percent: number;
  modules: MyTrackModule[];
}

export interface MyStudy {
  year: number;
  classHours: { earned: number; required: number };
  tracks: MyTrack[];
}

/**
 * A published module in the member's elective library (自选学习): any of the county's modules can be studied for class
 * hours, not only those of assigned tracks, so a member whose tracks add up to less than the year's requirement can
 * reach it. The status is this year's (hours count once a year per module).
 */
export interface LibraryModule {
  module: StudyModuleSummary;
  status: ProgressStatus;
  /** When it was completed this year. */
  completedAt: string | null;
  /** A quiz failed with every attempt of this year used (as in `MyTrackModule`). */
  attemptsExhausted: boolean;
}

export type LibraryPage = Page<LibraryModule>;

/** Participation of one organisation's subtree — never a person's score. */
export interface StudyStatsRow {
  org: OrgRef & { childCount: number };
  members: number;
  enrolled: number;
  completed: number;
  /** completed / enrolled, 0–100 with one decimal; null when nobody is enrolled. */
  completionRate: number | null;
  /** Enrolled and not complete in assignments past their due date. */
  overdue: number;
  /** Class hours earned this period per member of the subtree (all study, not only this track). */
  avgClassHours: number;
  /**
   * Members of the subtree who have reached this period's class-hour requirement (32, or 56 for secretaries and
   * committee members; all study, not only this track).
   */
  hoursMet: number;
  /** hoursMet / members, 0–100 with one decimal; null when the subtree has no members. */
  hoursMetRate: number | null;
}

export interface StudyStats {
  period: number;
  track: { id: number; title: string } | null;
  org: StudyStatsRow;
  children: StudyStatsRow[];
}

export interface MemberTrackStatus {
  assignmentId: number;
  trackTitle: string;
  dueOn: string;
  requiredDone: number;
  requiredTotal: number;
  completedAt: string | null;
  overdue: boolean;
  /**
   * Required quizzes of the track the member failed with every attempt of this year used: the track cannot be completed
   * until an administrator grants another attempt (`POST /api/study/stats/members/:id/extra-attempt`).
   */
  blockedQuizzes: { moduleId: number; title: string }[];
}

/** A member's study status for the follow-up list (ordered by branch and record, never by score). */
export interface MemberStudyStatus {
  member: { id: number; name: string };
  org: OrgRef;
  classHours: number;
  requiredClassHours: number;
  tracks: MemberTrackStatus[];
}

export type MemberStudyStatusPage = Page<MemberStudyStatus>;

/** Class hours a member needs a year: 32, or 56 for branch secretaries and committee members (domain.md §6). */
export const CLASS_HOURS_REQUIRED = 32;
export const CLASS_HOURS_REQUIRED_CADRES = 56;
export const CADRE_POSTS = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER'] as const;

export function requiredClassHours(post: string | null): number {
  return post && (CADRE_POSTS as readonly string[]).includes(post) ? CLASS_HOURS_REQUIRED_CADRES : CLASS_HOURS_REQUIRED;
}

/** The follow-up's member filters: an enrolment's state, or the year's class hours short of the requirement. */
export const MEMBER_STUDY_FILTERS = ['OVERDUE', 'INCOMPLETE', 'COMPLETED', 'HOURS_SHORT'] as const;
export type MemberStudyFilter = (typeof MEMBER_STUDY_FILTERS)[number];

/** Class hours are stored as whole tenths of an hour (no floating point in sums). */
export const tenthsToHours = (tenths: number): number => Math.round(tenths) / 10;
export const hoursToTenths = (hours: number): number => Math.round(hours * 10);
