"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { gradeCard, setAside, undoLast } from "@/lib/db/reviews";
import { getSettings } from "@/lib/db/settings";
import { schedulerFor } from "@/lib/srs/config";
import { nextDayStart } from "@/lib/srs/day";

const gradeInput = z.object({
  cardId: z.string().min(1).max(500),
  token: z.string().min(1).max(600),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  durationMs: z.number().int().min(0).max(86_400_000),
});

const asideInput = z.object({
  cardId: z.string().min(1).max(500),
  token: z.string().min(1).max(600),
  kind: z.enum(["bury", "suspend"]),
});

export type ActionResult = { ok: true; leech?: boolean; undone?: string } | { ok: false; error: string };

const STALE = "This card changed in another tab; showing the current one.";

function refresh() {
  revalidatePath("/review");
  revalidatePath("/");
}

export async function gradeAction(input: z.input<typeof gradeInput>): Promise<ActionResult> {
  const parsed = gradeInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid grade request." };
  try {
    const db = getDb();
    const scheduler = schedulerFor(await getSettings(db));
    const r = await gradeCard(db, { ...parsed.data, now: new Date(), scheduler });
    refresh();
    if (!r.ok) return { ok: false, error: r.error === "stale" ? STALE : "Card not found." };
    return r.leech ? { ok: true, leech: true } : { ok: true };
  } catch (err) {
    console.error("grade failed", err);
    return { ok: false, error: "Could not save the grade. Nothing was changed; try again." };
  }
}

/** Bury (until the next study day) or suspend the card being shown. */
export async function setAsideAction(input: z.input<typeof asideInput>): Promise<ActionResult> {
  const parsed = asideInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request." };
  try {
    const db = getDb();
    const now = new Date();
    const { dayStartHour } = await getSettings(db);
    const r = await setAside(db, { ...parsed.data, now, until: nextDayStart(now, dayStartHour) });
    refresh();
    if (!r.ok) return { ok: false, error: r.error === "stale" ? STALE : "Card not found." };
    return { ok: true };
  } catch (err) {
    console.error("bury/suspend failed", err);
    return { ok: false, error: "Could not set the card aside. Nothing was changed; try again." };
  }
}

export async function undoAction(): Promise<ActionResult> {
  try {
    const r = await undoLast(getDb());
    refresh();
    return r.ok ? { ok: true, undone: r.undone } : { ok: false, error: "Nothing to undo." };
  } catch (err) {
    console.error("undo failed", err);
    return { ok: false, error: "Could not undo. Nothing was changed; try again." };
  }
}
