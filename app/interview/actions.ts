"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { gradeInterviewMisses } from "@/lib/db/interview";
import { getSettings } from "@/lib/db/settings";
import { keyPointCardIds } from "@/lib/interview/server";
import { INTERVIEW_SESSION_RE } from "@/lib/interview/session-id";
import { schedulerFor } from "@/lib/srs/config";

const input = z.object({
  session: z.string().regex(INTERVIEW_SESSION_RE),
  cardIds: z.array(z.string().min(1).max(500)).min(1).max(200),
  durationMs: z.number().int().min(0).max(86_400_000),
});

export type ConfirmMissesResult =
  | { ok: true; results: { cardId: string; outcome: "graded" | "already" | "not-found" }[] }
  | { ok: false; error: "invalid" | "save-failed" };

/**
 * Grades Again the cards behind an interview's missed points, all in one
 * transaction and once per interview (lib/db/interview). Only cards that some
 * key point rests on may be graded here; anything else changes nothing.
 */
export async function confirmMisses(raw: unknown): Promise<ConfirmMissesResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const allowed = keyPointCardIds();
  if (!parsed.data.cardIds.every((id) => allowed.has(id))) return { ok: false, error: "invalid" };
  try {
    const db = getDb();
    const settings = await getSettings(db);
    const results = await gradeInterviewMisses(db, { ...parsed.data, now: new Date(), scheduler: schedulerFor(settings), studyDay: settings });
    return { ok: true, results: results.map(({ cardId, outcome }) => ({ cardId, outcome })) };
  } catch (err) {
    console.error("interview grades failed", err);
    return { ok: false, error: "save-failed" };
  }
}
