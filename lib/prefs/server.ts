import "server-only";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "@/lib/i18n/messages";

/**
 * The learner's display preferences, kept in cookies (per browser, no login):
 * the interface language and the content languages they study. Study
 * languages default to the interface language.
 */
export const LOCALE_COOKIE = "gp_locale";
export const STUDY_COOKIE = "gp_study";
export const PREFS_MAX_AGE = 60 * 60 * 24 * 365 * 5;

export interface Prefs {
  locale: Locale;
  /** Content languages to study; never empty. */
  study: Locale[];
  /** True when the learner chose study languages explicitly. */
  studyChosen: boolean;
}

/** First supported language in an Accept-Language header, if any. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    const base = tag.split("-")[0]!;
    if (isLocale(base)) return base;
  }
  return null;
}

export function parseStudy(value: string | undefined): Locale[] {
  if (!value) return [];
  const langs = value.split(",").map((s) => s.trim());
  return LOCALES.filter((l) => langs.includes(l));
}

export async function getPrefs(): Promise<Prefs> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const fromCookie = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : (localeFromAcceptLanguage(h.get("accept-language")) ?? DEFAULT_LOCALE);
  const chosen = parseStudy(jar.get(STUDY_COOKIE)?.value);
  return { locale, study: chosen.length ? chosen : [locale], studyChosen: chosen.length > 0 };
}
