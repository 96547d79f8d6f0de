"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { gradeCard, setAside, undoLast } from "@/lib/db/reviews";
import { getSettings } from "@/lib/db/settings";
import { schedulerFor } from "@/lib/srs/config";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { Rating } from "@/lib/srs/schedule";
import { UNDONE_COOKIE } from "./undone-cookie";

const gradeInput = z.object({
  cardId: z.string().min(1).max(500),
  token: z.string().min(1).max(600),
  rating: z.union([z.literal(Rating.Again), z.literal(Rating.Hard), z.literal(Rating.Good), z.literal(Rating.Easy)]),
  durationMs: z.number().int().min(0).max(86_400_000),
});

const asideInput = z.object({
  cardId: z.string().min(1).max(500),
  token: z.string().min(1).max(600),
  kind: z.enum(["bury", "suspend"]),
});

/** Failures as codes; the client words them in the interface language (messages.review.errors). */
export type ActionError = "invalid" | "stale" | "not-found" | "nothing-to-undo" | "save-failed";
export type ActionResult = { ok: true; leech?: boolean; undone?: string } | { ok: false; error: ActionError };

async function clearUndone() {
  (await cookies()).delete({ name: UNDONE_COOKIE.name, path: UNDONE_COOKIE.path });
}

function refresh() {
  revalidatePath("/review");
  revalidatePath("/");
}

export async function gradeAction(input: z.input<typeof gradeInput>): Promise<ActionResult> {
  const parsed = gradeInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const db = getDb();
    const settings = await getSettings(db);
    const r = await gradeCard(db, { ...parsed.data, now: new Date(), scheduler: schedulerFor(settings), studyDay: settings });
    if (r.ok) await clearUndone();
    refresh();
    if (!r.ok) return { ok: false, error: r.error };
    return r.leech ? { ok: true, leech: true } : { ok: true };
  } catch (err) {
    console.error("grade failed", err);
    return { ok: false, error: "save-failed" };
  }
}

/** Bury (until the next study day) or suspend the card being shown. */
export async function setAsideAction(input: z.input<typeof asideInput>): Promise<ActionResult> {
  const parsed = asideInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const db = getDb();
    const now = new Date();
    const { dayStartHour, timeZone } = await getSettings(db);
    const r = await setAside(db, { ...parsed.data, now, until: nextDayStart(now, dayStartHour, timeZone) });
    if (r.ok) await clearUndone();
    refresh();
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true };
  } catch (err) {
    console.error("bury/suspend failed", err);
    return { ok: false, error: "save-failed" };
  }
}

export async function undoAction(): Promise<ActionResult> {
  try {
    const db = getDb();
    const { dayStartHour, timeZone } = await getSettings(db);
    // Only today's actions: undo never deletes the history of earlier days.
    const r = await undoLast(db, dayStart(new Date(), dayStartHour, timeZone));
    // Show the restored card next, unless the undo set it aside again.
    if (r.ok && r.undone !== "unsuspend" && r.undone !== "unbury") (await cookies()).set({ ...UNDONE_COOKIE, value: r.cardId });
    refresh();
    return r.ok ? { ok: true, undone: r.undone } : { ok: false, error: "nothing-to-undo" };
  } catch (err) {
    console.error("undo failed", err);
    return { ok: false, error: "save-failed" };
  }
}
