import type { Locale } from "./locale";

/**
 * Time spans in the interface language, with the units Intl knows for it
 * (nothing hand-written): the grade buttons' intervals, how long a session
 * took, and "in 5 minutes" / "5 minutes ago".
 */

type Unit = "second" | "minute" | "hour" | "day" | "month" | "year";

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A number with a short unit: en "10 min", "4 days", "1.5 yrs"; zh "10分钟", "4天", "1.5年". */
function withUnit(value: number, unit: Unit, locale: Locale): string {
  const key = `${locale} ${unit}`;
  let f = unitFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
    unitFormats.set(key, f);
  }
  return f.format(value);
}

/**
 * Anki-style short interval for a grade button: minutes (at least 1) under an
 * hour, whole hours under a day, whole days under 30, then months and years to
 * one decimal (a month is 30.4375 days, a year 365.25). The unit is Intl's
 * short one for the interface language, e.g. en "1 min", "3 hr", "4 days",
 * "1.5 mths", "2 yrs"; zh "1分钟", "3小时", "4天", "1.5个月", "2年".
 */
export function formatInterval(ms: number, locale: Locale): string {
  const min = Math.max(0, ms) / 60_000;
  if (min < 60) return withUnit(Math.max(1, Math.round(min)), "minute", locale);
  const h = min / 60;
  if (h < 24) return withUnit(Math.round(h), "hour", locale);
  const d = h / 24;
  if (d < 30) return withUnit(Math.round(d), "day", locale);
  const mo = d / 30.4375;
  if (mo < 12) return withUnit(Math.round(mo * 10) / 10, "month", locale);
  return withUnit(Math.round((d / 365.25) * 10) / 10, "year", locale);
}

const lists = new Map<Locale, Intl.ListFormat>();

/**
 * How long something took, from whole seconds: en "45 sec", "2 min 5 sec";
 * zh "45秒", "2分钟5秒".
 */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  const parts = s >= 60 ? [withUnit(Math.floor(s / 60), "minute", locale), withUnit(s % 60, "second", locale)] : [withUnit(s, "second", locale)];
  let list = lists.get(locale);
  if (!list) {
    list = new Intl.ListFormat(locale, { type: "unit", style: "narrow" });
    lists.set(locale, list);
  }
  return list.format(parts);
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

/**
 * A time relative to now, given in whole minutes (negative: in the past):
 * minutes under an hour, hours under two days, then days. en "in 5 minutes",
 * "3 hours ago"; zh "5分钟后", "3小时前". Under a minute ahead is `now`, the
 * caller's own word.
 */
export function formatRelative(minutes: number, locale: Locale): string {
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
    relativeFormats.set(locale, f);
  }
  const sign = minutes < 0 ? -1 : 1;
  const abs = Math.abs(minutes);
  if (abs < 60) return f.format(sign * abs, "minute");
  if (abs < 48 * 60) return f.format(sign * Math.round(abs / 60), "hour");
  return f.format(sign * Math.round(abs / 1440), "day");
}
