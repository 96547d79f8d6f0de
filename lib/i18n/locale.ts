/**
 * The interface languages. Pure data, safe for client, server and the pure
 * lib folders (an exercise's text is typed per locale).
 */

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/**
 * The language a note's exercises are written in: the note's own language
 * when the app speaks it (a Chinese note's exercise is Chinese, whatever the
 * interface language), else the default.
 */
export function noteLocale(noteLang: string): Locale {
  return isLocale(noteLang) ? noteLang : DEFAULT_LOCALE;
}
