"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
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
