/**
 * What the browser holds of one mock interview: the questions as rendered by
 * the server, and its own progress (kept in sessionStorage, so a reload goes
 * on where it was). Pure data and pure steps; the page's component drives them.
 */

export interface SessionFollowUpQuestion {
  kind: "question";
  html: string;
}
export interface SessionFollowUpExercise {
  kind: "exercise";
  title: string;
  href: string;
}

export interface SessionPoint {
  html: string;
  /** Global ids of the cards this point rests on. */
  cards: string[];
  followUp: SessionFollowUpQuestion | SessionFollowUpExercise | null;
}

export interface SessionQuestion {
  id: string;
  /** The language it is written in (for the lang attribute). */
  lang: "en" | "zh";
  topic: { id: string; title: string };
  questionHtml: string;
  answerHtml: string;
  points: SessionPoint[];
}

/** A card behind a key point, as the grading list names it. */
export interface SessionCard {
  id: string;
  html: string;
}

export type Phase = "answer" | "check" | "follow-up" | "done";

export interface QuestionProgress {
  phase: Phase;
  /** Answer time counted so far, not counting a running stretch. */
  usedMs: number;
  /** Epoch ms when the current stretch of answering began; null when the clock is stopped. */
  runningSince: number | null;
  notes: string;
  ticked: boolean[];
  timedOut: boolean;
}

export interface Progress {
  /** Index of the question on screen; equal to the number of questions once the summary shows. */
  index: number;
  questions: QuestionProgress[];
  /** Cards the learner chose not to grade. */
  unticked: string[];
  /** Set once the grades are saved: what happened to each card. */
  graded: { cardId: string; outcome: "graded" | "already" | "not-found" }[] | null;
}

export function freshProgress(questions: readonly SessionQuestion[]): Progress {
  return {
    index: 0,
    questions: questions.map((q) => ({ phase: "answer", usedMs: 0, runningSince: null, notes: "", ticked: q.points.map(() => false), timedOut: false })),
    unticked: [],
    graded: null,
  };
}

/** Answer time used on a question at `now`, capped at the limit. */
export function usedMs(p: QuestionProgress, now: number, limitMs: number): number {
  const running = p.runningSince === null ? 0 : Math.max(0, now - p.runningSince);
  return Math.min(limitMs, p.usedMs + running);
}

/** Stops the clock (answer shown, or time up). */
export function stopClock(p: QuestionProgress, now: number, limitMs: number): QuestionProgress {
  return { ...p, usedMs: usedMs(p, now, limitMs), runningSince: null };
}

/** The first missed point that has a follow-up, if any. */
export function followUpPoint(q: SessionQuestion, p: QuestionProgress): SessionPoint | null {
  return q.points.find((pt, i) => !p.ticked[i] && pt.followUp) ?? null;
}

/** The distinct cards behind the missed points of the questions asked, in order of first mention. */
export function missedCards(questions: readonly SessionQuestion[], progress: Progress): string[] {
  const ids = new Set<string>();
  questions.forEach((q, qi) => {
    const p = progress.questions[qi];
    if (!p || p.phase === "answer") return;
    q.points.forEach((pt, i) => {
      if (!p.ticked[i]) pt.cards.forEach((c) => ids.add(c));
    });
  });
  return [...ids];
}

/** Per topic, in order of first appearance: questions asked, points covered and in all. */
export function topicSummary(questions: readonly SessionQuestion[], progress: Progress): { topic: { id: string; title: string }; questions: number; covered: number; points: number }[] {
  const rows = new Map<string, { topic: { id: string; title: string }; questions: number; covered: number; points: number }>();
  questions.forEach((q, qi) => {
    const p = progress.questions[qi]!;
    const row = rows.get(q.topic.id) ?? { topic: q.topic, questions: 0, covered: 0, points: 0 };
    row.questions += 1;
    row.points += q.points.length;
    row.covered += p.ticked.filter(Boolean).length;
    rows.set(q.topic.id, row);
  });
  return [...rows.values()];
}

/**
 * A stored progress if it still fits these questions (same count, same
 * number of points each), else null: a stale or tampered entry starts over.
 */
export function restoreProgress(raw: unknown, questions: readonly SessionQuestion[]): Progress | null {
  if (!raw || typeof raw !== "object") return null;
  const p = raw as Partial<Progress>;
  if (typeof p.index !== "number" || !Number.isInteger(p.index) || p.index < 0 || p.index > questions.length) return null;
  if (!Array.isArray(p.questions) || p.questions.length !== questions.length) return null;
  const ok = p.questions.every(
    (qp, i) =>
      qp &&
      ["answer", "check", "follow-up", "done"].includes(qp.phase) &&
      typeof qp.usedMs === "number" &&
      (qp.runningSince === null || typeof qp.runningSince === "number") &&
      typeof qp.notes === "string" &&
      Array.isArray(qp.ticked) &&
      qp.ticked.length === questions[i]!.points.length &&
      qp.ticked.every((t) => typeof t === "boolean"),
  );
  if (!ok || !Array.isArray(p.unticked) || !p.unticked.every((c) => typeof c === "string")) return null;
  const graded = Array.isArray(p.graded) ? p.graded.filter((g) => g && typeof g.cardId === "string") : null;
  return { index: p.index, questions: p.questions, unticked: p.unticked, graded };
}
