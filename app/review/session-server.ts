import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { showingOf, studyBatch, type HeldRef } from "@/lib/db/queue";
import { gradeCard, setAside, undoLast } from "@/lib/db/reviews";
import { getSettings } from "@/lib/db/settings";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { schedulerFor } from "@/lib/srs/config";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { State, type Rating } from "@/lib/srs/schedule";
import type { GradeResponse, SessionBatch, SetAsideResponse, UndoResponse } from "./session-types";
import { toSessionBatch, toShownCard, type ShowContext } from "./showing";
import { UNDONE_COOKIE } from "./undone-cookie";

/**
 * The review session's server side, for the page's first render and for the
 * session API (app/review/api): each call reads the settings and languages
 * afresh, so a change in Settings applies to the next card.
 */

/** Cards of the review/new queue per batch; the browser asks for more before it runs out. */
export const BATCH_SIZE = 8;

async function context(now: Date) {
  const db = getDb();
  const [prefs, settings] = await Promise.all([getPrefs(), getSettings(db)]);
  const show: ShowContext = { scheduler: schedulerFor(settings), now, locale: prefs.locale, brokenMessage: messages(prefs.locale).review.brokenCard };
  return { db, prefs, settings, show };
}

/** The next batch for a browser holding `held`; `preferId` first (the card an undo restored). */
export async function loadBatch(held: HeldRef[], preferId?: string, now: Date = new Date()): Promise<SessionBatch> {
  const { db, prefs, settings, show } = await context(now);
  const batch = await studyBatch(db, { now, settings, langs: prefs.study, held, size: BATCH_SIZE, ...(preferId ? { preferId } : {}) });
  return toSessionBatch(batch, show);
}

/** The first batch of the review page (the card an undo restored before a reload first). */
export async function firstBatch(): Promise<SessionBatch> {
  const preferId = (await cookies()).get(UNDONE_COOKIE.name)?.value;
  return loadBatch([], preferId);
}

async function clearUndone() {
  (await cookies()).delete({ name: UNDONE_COOKIE.name, path: UNDONE_COOKIE.path });
}

/**
 * Saves one grade (idempotent by its token), burying siblings as the settings
 * say. When the card stays in (re)learning today, its next showing comes back
 * with the answer, so the browser can show it when its step is due.
 */
export async function gradeOp(input: { cardId: string; token: string; rating: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy; durationMs: number }): Promise<GradeResponse> {
  const now = new Date();
  const { db, prefs, settings, show } = await context(now);
  const until = nextDayStart(now, settings.dayStartHour, settings.timeZone);
  const r = await gradeCard(db, {
    ...input,
    now,
    scheduler: show.scheduler,
    studyDay: settings,
    bury: { newSiblings: settings.buryNewSiblings, reviewSiblings: settings.buryReviewSiblings, until },
  });
  if (!r.ok) return { ok: false, error: r.error };
  await clearUndone();
  const learningToday = (r.state === State.Learning || r.state === State.Relearning) && r.due < until;
  const next = learningToday ? await showingOf(db, r.cardId, now, prefs.study) : null;
  return { ok: true, ...(r.leech ? { leech: true } : {}), next: next ? toShownCard(next, show) : null };
}

/** Buries (until the next study day) or suspends a card. A repeat is a no-op, so a retried request is safe. */
export async function setAsideOp(input: { cardId: string; token: string; kind: "bury" | "suspend" }): Promise<SetAsideResponse> {
  const now = new Date();
  const db = getDb();
  const { dayStartHour, timeZone } = await getSettings(db);
  const r = await setAside(db, { ...input, now, until: nextDayStart(now, dayStartHour, timeZone) });
  if (!r.ok) return { ok: false, error: r.error };
  await clearUndone();
  return { ok: true };
}

/**
 * Undoes today's last grade, bury or suspend, and answers with a fresh batch
 * that starts with the restored card (unless the undo set it aside again).
 * Not idempotent: the browser sends it once, after every earlier grade is saved.
 */
export async function undoOp(): Promise<UndoResponse> {
  const now = new Date();
  const db = getDb();
  const { dayStartHour, timeZone } = await getSettings(db);
  // Only today's actions: undo never deletes the history of earlier days.
  const r = await undoLast(db, dayStart(now, dayStartHour, timeZone), now);
  if (!r.ok) return { ok: false, error: "nothing-to-undo" };
  const restored = r.undone !== "unsuspend" && r.undone !== "unbury";
  // Kept for a reload too: the page shows the restored card first.
  if (restored) (await cookies()).set({ ...UNDONE_COOKIE, value: r.cardId });
  return { ok: true, undone: r.undone, cardId: r.cardId, batch: await loadBatch([], restored ? r.cardId : undefined, now) };
}
