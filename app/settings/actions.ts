"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { saveSettings } from "@/lib/db/settings";
import { isLocale, LOCALES } from "@/lib/i18n/messages";
import { LOCALE_COOKIE, PREFS_MAX_AGE, STUDY_COOKIE } from "@/lib/prefs/server";

const cookieOptions = { path: "/", maxAge: PREFS_MAX_AGE, sameSite: "lax" as const, httpOnly: false };

export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, locale, cookieOptions);
  revalidatePath("/", "layout");
  return { ok: true };
}

/** Saves the study languages; an empty choice falls back to the interface language. */
export async function setStudyAction(langs: string[]): Promise<{ ok: boolean }> {
  if (!Array.isArray(langs) || langs.some((l) => !isLocale(l))) return { ok: false };
  const jar = await cookies();
  const chosen = LOCALES.filter((l) => langs.includes(l));
  if (chosen.length) jar.set(STUDY_COOKIE, chosen.join(","), cookieOptions);
  else jar.delete(STUDY_COOKIE);
  revalidatePath("/", "layout");
  return { ok: true };
}

export type StudySettingsResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Saves the review settings; an invalid field saves nothing and is named. */
export async function saveStudySettingsAction(input: unknown): Promise<StudySettingsResult> {
  if (typeof input !== "object" || input === null) return { ok: false, errors: { form: "Invalid request." } };
  try {
    const r = await saveSettings(getDb(), input as Parameters<typeof saveSettings>[1]);
    if (!r.ok) return r;
    revalidatePath("/", "layout");
    return { ok: true };
  } catch (err) {
    console.error("saving settings failed", err);
    return { ok: false, errors: { form: "Could not save the settings. Nothing was changed; try again." } };
  }
}
