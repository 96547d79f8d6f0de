import "server-only";
import { DEFAULT_SETTINGS, settingsSchema, type StudySettings } from "@/lib/srs/settings";
import type { Db } from "./client";
import { ColumnDecodeError, settingsWeights } from "./columns";
import { ensureStudyCalendar } from "./study-calendar";

/**
 * The time zone study days are counted in, decided here for the whole server
 * (pages, actions, stats, CLI) and passed down from getSettings: the machine's
 * zone (Node takes it from the TZ environment variable when that is set). The
 * app runs on the learner's own machine, so that is the learner's zone.
 */
export function studyTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** The settings as the server uses them: with the zone of the study days. */
export type ServerSettings = StudySettings & { timeZone: string };

/** The learner's settings; the defaults until something was saved. */
export async function getSettings(db: Db): Promise<ServerSettings> {
  const row = await db.settings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULT_SETTINGS, timeZone: studyTimeZone() };
  const parsed = settingsSchema.safeParse(row);
  // A row edited by hand into nonsense falls back to the defaults field by field.
  const base = parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, ...pickValid(row) };
  let weights: number[] | null = null;
  if (row.weights) {
    try {
      weights = settingsWeights.decode(row.weights, row.id);
    } catch (err) {
      // Like the other fields: weights that cannot be read fall back to the defaults (null).
      if (!(err instanceof ColumnDecodeError)) throw err;
    }
  }
  return { ...base, weights, optimizedAt: row.optimizedAt, timeZone: studyTimeZone() };
}

function pickValid(row: Record<string, unknown>): Partial<StudySettings> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    if (field.safeParse(row[key]).success) out[key] = row[key];
  }
  return out as Partial<StudySettings>;
}

export type SaveSettingsResult = { ok: true; settings: StudySettings } | { ok: false; errors: Record<string, string> };

/** Validates and saves a change; an invalid field saves nothing and says which field is wrong. */
export async function saveSettings(db: Db, change: Partial<Omit<StudySettings, "weights" | "optimizedAt">>): Promise<SaveSettingsResult> {
  const current = await getSettings(db);
  const { weights: _w, optimizedAt: _o, timeZone: _z, ...rest } = current;
  const parsed = settingsSchema.safeParse({ ...rest, ...change });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  await db.settings.upsert({ where: { id: 1 }, create: { id: 1, ...parsed.data }, update: parsed.data });
  // Statistics count study days from the day start: recount them now rather than on the next page.
  if (parsed.data.dayStartHour !== current.dayStartHour) await ensureStudyCalendar(db, parsed.data.dayStartHour, current.timeZone);
  return { ok: true, settings: await getSettings(db) };
}

/** Adopts optimised FSRS weights (or, with null, goes back to the defaults). */
export async function saveWeights(db: Db, weights: readonly number[] | null, at: Date): Promise<void> {
  const data = { weights: weights ? settingsWeights.encode([...weights]) : null, optimizedAt: weights ? at : null };
  await db.settings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

/** The language choices as stored (null = not chosen: the app falls back to the browser's language). */
export interface LanguageChoice {
  locale: string | null;
  study: string | null;
}

export async function getLanguageChoice(db: Db): Promise<LanguageChoice> {
  const row = await db.settings.findUnique({ where: { id: 1 }, select: { locale: true, study: true } });
  return { locale: row?.locale ?? null, study: row?.study ?? null };
}

/** Saves the interface language and/or the study languages (validated by the caller; null clears a choice). */
export async function saveLanguageChoice(db: Db, change: Partial<LanguageChoice>): Promise<void> {
  await db.settings.upsert({ where: { id: 1 }, create: { id: 1, ...change }, update: change });
}
