import type { Faker } from '@faker-js/faker';
import { hoursToTenths, requiredClassHours, type StudyModuleKind } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Db } from '../../common/database/db.service';
import { addDays, shanghaiDate, shanghaiInstant } from '../../common/calendar/china-calendar';
import { sanitizeArticle } from '../../study/study-catalog.service';
import { rebuildStudyCounters } from '../../study/study-counters';
import { insertSubtreeEnrolments, REQUIRED_DONE } from '../../study/enrolment-sql';
import { ARTICLES, articleHtml, QUESTIONS, QUIZZES, TRACKS, VIDEOS } from './study-content';
import { intBetween } from './rng';

export interface StudySeedResult {
  modules: number;
  questions: number;
  tracks: number;
  assignments: number;
  enrolments: number;
  progress: number;
}

export interface SeededModule {
  id: number;
  kind: StudyModuleKind;
  title: string;
  classTenths: number;
  durationSeconds: number;
  passPercent: number;
  minReadSeconds: number;
}

/** mulberry32: a small fast PRNG, seeded from the seed's faker so every run writes the same progress. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded assignment's dates: due `dueInDays` from today (before it when negative), running up to 120 days before
 * that, both within this year's study (the year the tracks are for). Early in January a track already past its due
 * date would fall due last year, before it started: it falls due on New Year's Day instead.
 */
export function assignmentDates(today: string, dueInDays: number): { startsOn: string; dueOn: string } {
  const newYear = `${today.slice(0, 4)}-01-01`;
  const due = addDays(today, dueInDays);
  const dueOn = due < newYear ? newYear : due;
  const start = addDays(dueOn, -120);
  return { startsOn: start < newYear ? newYear : start, dueOn };
}

/**
 * The study demo: ~40 modules with a question bank, twelve tracks for different fields and groups, assignments across
 * the county (the county's own, and the rural towns' each), every matching member enrolled, and a year's progress
 * for the county's members at realistic rates — written in bulk, then every counter rebuilt from the base rows.
 * The demo `member` is left with an article to read, a quiz to pass and some class hours already earned.
 */
export async function seedStudy(db: Db, em: EntityManager, f: Faker, now: Date, demoMemberId: number): Promise<StudySeedResult> {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const [admin] = await em.query(`SELECT id FROM users WHERE username = 'admin'`);
  const authorId = admin ? Number(admin.id) : null;

  // Modules.
  const modules = new Map<string, SeededModule>();
  const addModule = async (row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    await em.query(`INSERT INTO study_modules (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(',')})`, Object.values(row));
    const [{ id }] = await em.query('SELECT MAX(id) AS id FROM study_modules');
    modules.set(String(row.title), {
      id: Number(id),
      kind: row.kind as StudyModuleKind,
      title: String(row.title),
      classTenths: Number(row.class_tenths),
      durationSeconds: Number(row.duration_seconds ?? 0),
      passPercent: Number(row.pass_percent ?? 0),
      minReadSeconds: Number(row.min_read_seconds ?? 0),
    });
    return Number(id);
  };
  const base = (title: string, kind: StudyModuleKind, need: string, classHours: number, tags: string[], summary: string) => ({
    kind,
    title,
    summary,
    tags: tags.join(','),
    need,
    class_tenths: hoursToTenths(classHours),
    published: 1,
    show_answers: 0,
    version: 1,
    created_by_user_id: authorId,
    created_at: now,
    updated_at: now,
  });
  let index = 0;
  for (const a of ARTICLES) {
    await addModule({ ...base(a.title, 'ARTICLE', a.need, a.classHours, a.tags, a.lead), body: sanitizeArticle(articleHtml(a, index++)), min_read_seconds: a.minReadSeconds });
  }
  for (const v of VIDEOS) {
    await addModule({ ...base(v.title, 'VIDEO', v.need, v.classHours, v.tags, `${Math.round(v.durationSeconds / 60)} 分钟视频`), video_url: `/media/study/${v.file}`, duration_seconds: v.durationSeconds });
  }
  let questions = 0;
  for (const q of QUIZZES) {
    const id = await addModule({
      ...base(q.title, 'QUIZ', q.need, q.classHours, ['知识测试'], `每次随机抽取 ${q.perAttempt} 题，${q.passPercent} 分及格`),
      questions_per_attempt: q.perAttempt,
      pass_percent: q.passPercent,
      attempts_allowed: q.attempts,
      time_limit_seconds: q.timeLimitSeconds,
      show_answers: 1,
    });
    // Its topics' questions first, then others to fill the bank.
    const pool = [...QUESTIONS.filter((x) => q.topics.includes(x.topic)), ...QUESTIONS.filter((x) => !q.topics.includes(x.topic))].slice(0, q.bank);
    await db.insertValues(
      em,
      'quiz_questions',
      ['module_id', 'kind', 'stem', 'options', 'answer', 'explanation', 'active', 'created_at', 'updated_at'],
      pool.map((x) => [
        id,
        x.kind,
        x.stem,
        JSON.stringify(x.kind === 'TRUE_FALSE' ? [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }] : x.options!.map(([key, text]) => ({ key, text }))),
        x.answer.join(','),
        x.explanation,
        1,
        now,
        now,
      ]),
    );
    questions += pool.length;
  }

  // Tracks and assignments.
  const rural: { id: number; path: string }[] = (await em.query(`SELECT id, path FROM organizations WHERE level = 'COMMITTEE' AND type = 'RURAL' AND depth = 1 ORDER BY id`)).map(
    (r: { id: number; path: string }) => ({ id: Number(r.id), path: r.path }),
  );
  const [root] = await em.query('SELECT id, path FROM organizations WHERE parent_id IS NULL');
  const assignments: { id: number; trackId: number; orgPath: string; startsOn: string; dueOn: string }[] = [];
  const trackModules = new Map<number, { moduleId: number; required: boolean }[]>();
  for (const t of TRACKS) {
    const audience = JSON.stringify({ orgTypes: t.orgTypes, groups: t.groups, needs: t.needs });
    await em.query(
      'INSERT INTO study_tracks (title, description, year, audience, needs, published, version, created_by_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?, ?)',
      [t.title, t.description, year, audience, t.needs.length ? `,${t.needs.join(',')},` : '', authorId, now, now],
    );
    const [{ id: trackId }] = await em.query('SELECT MAX(id) AS id FROM study_tracks');
    const links = t.modules.map((title) => {
      const m = modules.get(title.replace(/^\?/, ''));
      if (!m) throw new Error(`track ${t.title}: no module ${title}`);
      return { moduleId: m.id, required: !title.startsWith('?') };
    });
    trackModules.set(Number(trackId), links);
    await db.insertValues(em, 'track_modules', ['track_id', 'module_id', 'position', 'required'], links.map((l, i) => [Number(trackId), l.moduleId, i + 1, l.required ? 1 : 0]));
    const targets = t.assign === 'COUNTY' ? [{ id: Number(root.id), path: root.path as string }] : rural;
    for (const [k, org] of targets.entries()) {
      // The towns set their own dates around the county's.
      const { startsOn, dueOn } = assignmentDates(today, t.dueInDays + (t.assign === 'RURAL_TOWNS' ? (k % 5) * 14 : 0));
      await em.query(
        `INSERT INTO study_assignments (track_id, org_id, org_path, year, starts_on, due_on, status, assigned_by_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, 1, ?, ?)`,
        [Number(trackId), org.id, org.path, year, startsOn, dueOn, authorId, now, now],
      );
      const [{ id }] = await em.query('SELECT MAX(id) AS id FROM study_assignments');
      const a = { id: Number(id), trackId: Number(trackId), orgPath: org.path, startsOn, dueOn };
      assignments.push(a);
      await insertSubtreeEnrolments(em, a, audience, now);
    }
  }

  // A year's progress: each member studies their tracks' modules with their own diligence.
  const byAssignment = new Map(assignments.map((a) => [a.id, a]));
  const moduleById = new Map([...modules.values()].map((m) => [m.id, m]));
  const enrolments: { member_id: number; assignment_id: number; track_id: number }[] = await em.query(
    'SELECT member_id, assignment_id, track_id FROM study_enrolments ORDER BY member_id, assignment_id',
  );
  const rnd = prng(intBetween(f, 1, 2 ** 31 - 1));
  const rows: unknown[][] = [];
  // Electives: some diligent members go on in the study library (articles and videos beyond their tracks) until
  // they reach the year's class hours, so the follow-up's 学时达标 has members in it, as it would in December.
  const posts = new Map<number, string>((await em.query('SELECT id, post FROM members WHERE post IS NOT NULL')).map((m: { id: number; post: string }) => [Number(m.id), m.post]));
  const electives = [...modules.values()].filter((m) => m.kind !== 'QUIZ');
  const yearStart = shanghaiInstant(`${year}-01-01`).getTime();
  const nowMs = now.getTime();
  const minute = 60_000;
  let i = 0;
  while (i < enrolments.length) {
    const memberId = Number(enrolments[i].member_id);
    // Which modules, and the earliest start / latest due among the member's tracks that contain each.
    const wanted = new Map<number, { required: boolean; from: number; due: number }>();
    for (; i < enrolments.length && Number(enrolments[i].member_id) === memberId; i++) {
      const a = byAssignment.get(Number(enrolments[i].assignment_id))!;
      const from = shanghaiInstant(a.startsOn).getTime();
      const due = shanghaiInstant(addDays(a.dueOn, 1)).getTime();
      for (const l of trackModules.get(Number(enrolments[i].track_id))!) {
        const w = wanted.get(l.moduleId);
        wanted.set(l.moduleId, { required: (w?.required ?? false) || l.required, from: Math.min(w?.from ?? from, from), due: Math.max(w?.due ?? due, due) });
      }
    }
    const r = rnd();
    const diligence = r < 0.08 ? 0.02 : r < 0.3 ? 0.45 : r < 0.8 ? 0.85 : 1;
    let earned = 0;
    for (const [moduleId, w] of wanted) {
      const m = moduleById.get(moduleId)!;
      const pStart = Math.min(1, (w.required ? 0.15 : -0.2) + diligence);
      if (rnd() >= pStart) continue;
      const end = Math.min(nowMs - minute, w.due + (rnd() < 0.1 ? 10 * 86_400_000 : 0));
      const started = Math.max(w.from, Math.min(end, w.from + rnd() * (end - w.from)));
      const completed = rnd() < diligence * (w.required ? 1 : 0.7);
      const doneAt = completed ? Math.min(nowMs - minute, started + (m.kind === 'ARTICLE' ? m.minReadSeconds * 1000 + rnd() * 15 * minute : m.kind === 'VIDEO' ? m.durationSeconds * 1000 + rnd() * 60 * minute : rnd() * 20 * minute)) : null;
      const watched = m.kind === 'VIDEO' ? (completed ? m.durationSeconds : Math.floor(rnd() * 0.8 * m.durationSeconds)) : 0;
      const attempts = m.kind === 'QUIZ' ? (completed ? 1 + Math.floor(rnd() * 2) : rnd() < 0.6 ? 1 : 0) : 0;
      const best = m.kind === 'QUIZ' && attempts ? (completed ? m.passPercent + Math.floor(rnd() * (101 - m.passPercent)) : Math.floor(rnd() * m.passPercent)) : null;
      rows.push([
        memberId,
        moduleId,
        year,
        completed ? 'COMPLETED' : 'IN_PROGRESS',
        new Date(started),
        doneAt ? new Date(doneAt) : null,
        m.kind === 'VIDEO' ? new Date(doneAt ?? started + watched * 1000) : null,
        watched,
        watched,
        m.kind === 'VIDEO' && watched ? JSON.stringify([[0, watched]]) : null,
        attempts,
        best,
        completed ? m.classTenths : 0,
        1,
        new Date(doneAt ?? started),
      ]);
      if (completed) earned += m.classTenths;
    }
    // In the year's first days nobody has gone beyond their tracks yet (and there is no time behind to place it in).
    if (diligence < 0.85 || rnd() >= (diligence === 1 ? 0.6 : 0.3) || nowMs - yearStart < 3 * 86_400_000) continue;
    const target = hoursToTenths(requiredClassHours(posts.get(memberId) ?? null));
    const open = electives.filter((e) => !wanted.has(e.id));
    // Fisher–Yates with the seeded generator: the same electives in the same order on every run.
    for (let k = open.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [open[k], open[j]] = [open[j], open[k]];
    }
    for (const m of open) {
      if (earned >= target) break;
      const started = yearStart + rnd() * (nowMs - 2 * 86_400_000 - yearStart);
      const doneAt = started + (m.kind === 'ARTICLE' ? m.minReadSeconds * 1000 + rnd() * 15 * minute : m.durationSeconds * 1000 + rnd() * 60 * minute);
      const watched = m.kind === 'VIDEO' ? m.durationSeconds : 0;
      rows.push([
        memberId,
        m.id,
        year,
        'COMPLETED',
        new Date(started),
        new Date(doneAt),
        m.kind === 'VIDEO' ? new Date(doneAt) : null,
        watched,
        watched,
        watched ? JSON.stringify([[0, watched]]) : null,
        0,
        null,
        m.classTenths,
        1,
        new Date(doneAt),
      ]);
      earned += m.classTenths;
    }
  }
  const demo = demoRows(rows, demoMemberId, modules, year, now);
  await db.insertValues(
    em,
    'study_progress',
    ['member_id', 'module_id', 'year', 'status', 'started_at', 'completed_at', 'last_report_at', 'position_seconds', 'covered_seconds', 'intervals', 'attempts_used', 'best_score', 'hours_tenths', 'version', 'updated_at'],
    demo,
  );
  // Enrolments whose required modules are all done are complete (at the latest of those completions).
  await em.query(
    `UPDATE study_enrolments SET completed_at = (
        SELECT MAX(p.completed_at) FROM study_progress p JOIN track_modules tm ON tm.module_id = p.module_id AND tm.required = 1
         WHERE tm.track_id = study_enrolments.track_id AND p.member_id = study_enrolments.member_id AND p.status = 'COMPLETED')
      WHERE ${REQUIRED_DONE}`,
  );
  await rebuildStudyCounters(em);
  return { modules: modules.size, questions, tracks: TRACKS.length, assignments: assignments.length, enrolments: enrolments.length, progress: demo.length };
}

/**
 * The demo member's progress, replaced so the browser journey has something to do: the county track's article and
 * quiz are still open (the article started, the quiz not passed), while two community modules are done (class hours).
 */
export function demoRows(rows: unknown[][], memberId: number, modules: Map<string, SeededModule>, year: number, now: Date): unknown[][] {
  const kept = rows.filter((r) => r[0] !== memberId);
  // Over the last nine days, or squeezed into the days of this year gone by when fewer than ten are (early January):
  // this year's class hours are never studied last year.
  const squeeze = Math.max(0, Math.min(1, (now.getTime() - shanghaiInstant(`${year}-01-01`).getTime()) / (10 * 86_400_000)));
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000 * squeeze);
  // 认真学习党章 自觉遵守党章 (30 s reading time) is left unstarted: the journey opens it, waits and completes it.
  const quiz = modules.get('全体党员年度学习测试')!;
  const video = modules.get('社区网格员工作实务')!;
  const read = modules.get('坚持和发展新时代“枫桥经验”')!;
  const lecture = modules.get('党的二十大精神宣讲')!;
  kept.push(
    [memberId, read.id, year, 'COMPLETED', at(60 * 24 * 9), at(60 * 24 * 9 - 5), null, 0, 0, null, 0, null, read.classTenths, 1, at(60 * 24 * 9 - 5)],
    [memberId, video.id, year, 'COMPLETED', at(60 * 24 * 6), at(60 * 24 * 6 - 25), at(60 * 24 * 6 - 25), video.durationSeconds, video.durationSeconds, JSON.stringify([[0, video.durationSeconds]]), 0, null, video.classTenths, 1, at(60 * 24 * 6 - 25)],
    [memberId, lecture.id, year, 'IN_PROGRESS', at(60 * 24 * 2), null, at(60 * 24 * 2 - 12), 720, 720, JSON.stringify([[0, 720]]), 0, null, 0, 1, at(60 * 24 * 2 - 12)],
    [memberId, quiz.id, year, 'IN_PROGRESS', at(60 * 24), null, null, 0, 0, null, 1, 60, 0, 1, at(60 * 24)],
  );
  return kept;
}
