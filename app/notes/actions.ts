"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { unsuspend } from "@/lib/db/reviews";

import type { ActionError } from "@/app/review/actions";
import { UNDONE_COOKIE } from "@/app/review/undone-cookie";

export async function unsuspendAction(cardId: string): Promise<{ ok: true } | { ok: false; error: ActionError }> {
  const parsed = z.string().min(1).max(500).safeParse(cardId);
  if (!parsed.success) return { ok: false, error: "invalid" };
  try {
    const r = await unsuspend(getDb(), parsed.data);
    // An undone card waiting to be shown first is no longer the last thing done.
    if (r.ok) (await cookies()).delete({ name: UNDONE_COOKIE.name, path: UNDONE_COOKIE.path });
    revalidatePath("/", "layout");
    return r.ok ? { ok: true } : { ok: false, error: "not-found" };
  } catch (err) {
    console.error("unsuspend failed", err);
    return { ok: false, error: "save-failed" };
  }
}
