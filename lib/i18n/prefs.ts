import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { getLanguageChoice } from "@/lib/db/settings";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locale";

/**
 * The learner's language preferences, stored in the settings row of the
 * database (one learner per database): the interface language and the
 * content languages they study. Until chosen, the interface follows the
 * browser's Accept-Language and study languages follow the interface.
 */
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

/** Where earlier versions kept the two choices; read only until a choice is saved in the database. */
const LEGACY_COOKIES = { locale: "gp_locale", study: "gp_study" } as const;

export async function getPrefs(): Promise<Prefs> {
  // Request data first: it makes the page dynamic, so `next build` never reaches the database.
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const choice = await getLanguageChoice(getDb());
  return prefsFrom(
    { locale: choice.locale ?? jar.get(LEGACY_COOKIES.locale)?.value ?? null, study: choice.study ?? jar.get(LEGACY_COOKIES.study)?.value ?? null },
    h.get("accept-language"),
  );
}

/** Pure: the preferences from the stored choice and the browser's Accept-Language. */
export function prefsFrom(choice: { locale: string | null; study: string | null }, acceptLanguage: string | null): Prefs {
  const locale = isLocale(choice.locale) ? choice.locale : (localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE);
  const chosen = parseStudy(choice.study ?? undefined);
  return { locale, study: chosen.length ? chosen : [locale], studyChosen: chosen.length > 0 };
}
