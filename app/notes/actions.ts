"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { restoreCard } from "@/lib/db/reviews";
import type { ActionError } from "@/app/review/actions";
import { UNDONE_COOKIE } from "@/app/review/undone-cookie";

/** Unsuspends or unburies a card from its note's page. */
export async function restoreCardAction(cardId: string, kind: "unsuspend" | "unbury"): Promise<{ ok: true } | { ok: false; error: ActionError }> {
  const parsed = z.string().min(1).max(500).safeParse(cardId);
  if (kind !== "unsuspend" && kind !== "unbury") return { ok: false, error: "invalid" };
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const r = await restoreCard(getDb(), parsed.data, kind);
    // An undone card waiting to be shown first is no longer the last thing done.
    if (r.ok) (await cookies()).delete({ name: UNDONE_COOKIE.name, path: UNDONE_COOKIE.path });
    revalidatePath("/", "layout");
    return r.ok ? { ok: true } : { ok: false, error: "not-found" };
  } catch (err) {
    console.error(`${kind} failed`, err);
    return { ok: false, error: "save-failed" };
  }
}
