"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { unsuspend } from "@/lib/db/reviews";

import type { ActionError } from "@/app/review/actions";

export async function unsuspendAction(cardId: string): Promise<{ ok: true } | { ok: false; error: ActionError }> {
  const parsed = z.string().min(1).max(500).safeParse(cardId);
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const r = await unsuspend(getDb(), parsed.data);
    revalidatePath("/", "layout");
    return r.ok ? { ok: true } : { ok: false, error: "not-found" };
  } catch (err) {
    console.error("unsuspend failed", err);
    return { ok: false, error: "save-failed" };
  }
}
