"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyBrowseAction, MAX_SELECTION, undoBrowseAction } from "@/lib/db/browse-actions";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { dayIndex, nextDayStart } from "@/lib/srs/day";
import { calendarDay, studyDayStart } from "./params";

const cardIds = z.array(z.string().min(1).max(500)).min(1).max(MAX_SELECTION);

const actionInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["suspend", "unsuspend", "bury", "reset"]), cardIds }),
  z.object({ kind: z.literal("reschedule"), cardIds, date: z.string().max(10) }),
]);

/** Failures as codes; the page words them (messages.browse.actions.errors). Every one of them changed nothing. */
export type BrowseActionError = "invalid" | "empty" | "too-many" | "not-found" | "bad-date" | "changed-since" | "nothing-to-undo" | "save-failed";

export type BrowseActionResult = { ok: true; batch: string; changed: number; unchanged: number } | { ok: false; error: BrowseActionError };

function refresh() {
  revalidatePath("/browse");
  revalidatePath("/");
  revalidatePath("/review");
}

/** Suspend, unsuspend, bury, reset or reschedule the selected cards, all or none. */
export async function browseAction(input: z.input<typeof actionInput>): Promise<BrowseActionResult> {
  const parsed = actionInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const a = parsed.data;
  try {
    const db = getDb();
    const now = new Date();
    const study = await getSettings(db);
    let r;
    if (a.kind === "reschedule") {
      // A study day from today on (the learner's day start and zone), at most the longest interval away.
      const day = calendarDay(a.date);
      const today = dayIndex(now, study.dayStartHour, study.timeZone);
      if (day === null || day < today || day > today + study.maximumInterval) return { ok: false, error: "bad-date" };
      r = await applyBrowseAction(db, { kind: "reschedule", cardIds: a.cardIds, now, due: studyDayStart(day, now, study) });
    } else if (a.kind === "bury") {
      r = await applyBrowseAction(db, { kind: "bury", cardIds: a.cardIds, now, until: nextDayStart(now, study.dayStartHour, study.timeZone) });
    } else {
      r = await applyBrowseAction(db, { kind: a.kind, cardIds: a.cardIds, now });
    }
    refresh();
    return r;
  } catch (err) {
    console.error(`browse ${a.kind} failed`, err);
    return { ok: false, error: "save-failed" };
  }
}

/** Takes back one action of the browser (its batch), all or none. */
export async function undoBrowseActionAction(batch: string): Promise<{ ok: true; restored: number } | { ok: false; error: BrowseActionError }> {
  const parsed = z.uuid().safeParse(batch);
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const r = await undoBrowseAction(getDb(), parsed.data);
    refresh();
    return r;
  } catch (err) {
    console.error("browse undo failed", err);
    return { ok: false, error: "save-failed" };
  }
}
