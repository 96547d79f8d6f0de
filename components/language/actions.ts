"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { saveLanguageChoice } from "@/lib/db/settings";
import { isLocale } from "@/lib/i18n/locale";

/** The header's language switch: saves the interface language. */
export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  try {
    await saveLanguageChoice(getDb(), { locale });
  } catch (err) {
    console.error("saving the interface language failed", err);
    return { ok: false };
  }
  revalidatePath("/", "layout");
  return { ok: true };
}
