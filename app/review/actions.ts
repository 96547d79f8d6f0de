"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { gradeCard, undoLastReview } from "@/lib/db/reviews";
import { scheduler } from "@/lib/srs/config";

const gradeInput = z.object({
  cardId: z.string().min(1).max(500),
  token: z.string().min(1).max(600),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  durationMs: z.number().int().min(0).max(86_400_000),
});

export type ActionResult = { ok: true } | { ok: false; error: string };

export async function gradeAction(input: z.input<typeof gradeInput>): Promise<ActionResult> {
  const parsed = gradeInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid grade request." };
  try {
    const r = await gradeCard(getDb(), { ...parsed.data, now: new Date(), scheduler });
    revalidatePath("/review");
    revalidatePath("/");
    if (!r.ok) return { ok: false, error: r.error === "stale" ? "This card changed in another tab; showing the current one." : "Card not found." };
    return { ok: true };
  } catch (err) {
    console.error("grade failed", err);
    return { ok: false, error: "Could not save the grade. Nothing was changed; try again." };
  }
}

export async function undoAction(): Promise<ActionResult> {
  try {
    const r = await undoLastReview(getDb());
    revalidatePath("/review");
    revalidatePath("/");
    return r.ok ? { ok: true } : { ok: false, error: "Nothing to undo." };
  } catch (err) {
    console.error("undo failed", err);
    return { ok: false, error: "Could not undo. Nothing was changed; try again." };
  }
}
