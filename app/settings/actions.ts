"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { saveLanguageChoice, saveSettings } from "@/lib/db/settings";
import { isLocale, LOCALES } from "@/lib/i18n/locale";

/** Saves the study languages; an empty choice falls back to the interface language. */
export async function setStudyAction(langs: string[]): Promise<{ ok: boolean }> {
  if (!Array.isArray(langs) || langs.some((l) => !isLocale(l))) return { ok: false };
  const chosen = LOCALES.filter((l) => langs.includes(l));
  try {
    await saveLanguageChoice(getDb(), { study: chosen.length ? chosen.join(",") : null });
  } catch (err) {
    console.error("saving the study languages failed", err);
    return { ok: false };
  }
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
