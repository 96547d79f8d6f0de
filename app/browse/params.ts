import { z } from "zod";
import { BROWSE_SORTS, BROWSE_STATES, type BrowseQuery } from "@/lib/db/browse";
import { GENERATOR_IDS } from "@/lib/exercises/registry";
import { dayIndex, dayStartOffset } from "@/lib/srs/day";

/**
 * The browser's URL (/browse?q=…&state=…&sort=…&page=…&card=…), checked with
 * zod before anything reads it. A parameter that does not fit is left out of
 * the search and named, so a mistyped link still shows cards.
 */

const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date written YYYY-MM-DD, or null when there is no such date. */
export function calendarDay(text: string): number | null {
  const m = YMD.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

/** The start of the study day on calendar day `day` (days since 1970-01-01), in the learner's zone and day start hour. */
export function studyDayStart(day: number, now: Date, study: { dayStartHour: number; timeZone: string }): Date {
  return dayStartOffset(now, study.dayStartHour, study.timeZone, day - dayIndex(now, study.dayStartHour, study.timeZone));
}

const text = (max: number) => z.string().trim().min(1).max(max);
const dateText = z.string().refine((s) => calendarDay(s) !== null && s >= "1970-01-01" && s <= "9999-12-31");

const fields = {
  q: text(200),
  note: text(500),
  tag: text(200),
  state: z.enum(BROWSE_STATES),
  gen: z.string().refine((g) => GENERATOR_IDS.includes(g)),
  from: dateText,
  to: dateText,
  sort: z.enum(BROWSE_SORTS),
  dir: z.enum(["asc", "desc"]),
  page: z.coerce.number().int().min(1).max(1_000_000),
  card: text(500),
} as const;

type Field = keyof typeof fields;
export type BrowseParams = { [K in Field]?: z.infer<(typeof fields)[K]> };

/** The parameters that fit, and the names of those that were given but did not. */
export function readParams(raw: Record<string, string | string[] | undefined>): { params: BrowseParams; ignored: Field[] } {
  const params: Record<string, unknown> = {};
  const ignored: Field[] = [];
  for (const key of Object.keys(fields) as Field[]) {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    // An empty field of the search form is no condition; a parameter given twice is not understood.
    if (value === undefined || (typeof value === "string" && value.trim() === "")) continue;
    const parsed = Array.isArray(value) ? null : fields[key].safeParse(value);
    if (parsed?.success) params[key] = parsed.data;
    else ignored.push(key);
  }
  return { params: params as BrowseParams, ignored };
}

/** The search the parameters ask for; the due range covers whole study days, `to` included. */
export function browseQuery(p: BrowseParams, now: Date, study: { dayStartHour: number; timeZone: string }): BrowseQuery {
  const from = p.from ? calendarDay(p.from) : null;
  const to = p.to ? calendarDay(p.to) : null;
  return {
    ...(p.q ? { text: p.q } : {}),
    ...(p.note ? { note: p.note } : {}),
    ...(p.tag ? { tag: p.tag } : {}),
    ...(p.state ? { state: p.state } : {}),
    ...(p.gen ? { generator: p.gen } : {}),
    ...(from !== null ? { dueFrom: studyDayStart(from, now, study) } : {}),
    ...(to !== null ? { dueBefore: studyDayStart(to + 1, now, study) } : {}),
    sort: p.sort ?? "due",
    dir: p.dir ?? "asc",
    page: p.page ?? 1,
  };
}

/** A /browse URL for these parameters (empty ones left out), e.g. for a sort link or a page link. */
export function browseHref(p: BrowseParams, change: BrowseParams = {}, drop: readonly Field[] = []): string {
  const merged: BrowseParams = { ...p, ...change };
  const search = new URLSearchParams();
  for (const key of Object.keys(fields) as Field[]) {
    const v = merged[key];
    if (v === undefined || v === "" || drop.includes(key)) continue;
    search.set(key, String(v));
  }
  const s = search.toString();
  return s ? `/browse?${s}` : "/browse";
}
