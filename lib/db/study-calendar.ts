import "server-only";
import type Database from "better-sqlite3";
import { studyCalendar } from "@/lib/stats/calendar";
import type { Db } from "./client";

/**
 * The review aggregates (ReviewDay, OverdueDay, CardHistory) count study days
 * the way the triggers of migration 20261212000000_review_aggregates number
 * them: from StudyCalendar, which only this module writes. The calendar is
 * written for one day start hour and time zone (StudyCalendarKey); when the
 * settings or the server's zone differ, it is rewritten for them, and writing
 * the key rebuilds every aggregate from the whole log, in the same
 * transaction (at a million reviews, seconds, once per change). The server
 * does it at start (lib/db/start.ts), the settings when the day start
 * changes, and every reader of the aggregates checks the key first.
 */

const KEY = `SELECT "dayStartHour", "timeZone" FROM "StudyCalendarKey" WHERE "id" = 1`;
const CLEAR = `DELETE FROM "StudyCalendar"`;
const INSERT = `INSERT INTO "StudyCalendar" ("fromMs", "day") SELECT value ->> 0, value ->> 1 FROM json_each(?)`;
const ADD_KEY = `INSERT OR IGNORE INTO "StudyCalendarKey" ("id", "dayStartHour", "timeZone") VALUES (1, ?, ?)`;
// The key's update trigger rebuilds the aggregates from the log with the new calendar.
const SET_KEY = `UPDATE "StudyCalendarKey" SET "dayStartHour" = ?, "timeZone" = ? WHERE "id" = 1`;

const matches = (key: { dayStartHour: unknown; timeZone: unknown } | undefined, dayStartHour: number, timeZone: string) =>
  !!key && Number(key.dayStartHour) === dayStartHour && key.timeZone === timeZone;

const segments = (dayStartHour: number, timeZone: string) => JSON.stringify(studyCalendar(dayStartHour, timeZone).map((s) => [s.fromMs, s.day]));

/** Makes the aggregates count days as `dayStartHour` in `timeZone` do; true when they had to be rebuilt. */
export async function ensureStudyCalendar(db: Db, dayStartHour: number, timeZone: string): Promise<boolean> {
  const key = async (tx: Pick<Db, "$queryRawUnsafe">) => (await tx.$queryRawUnsafe<{ dayStartHour: unknown; timeZone: unknown }[]>(KEY))[0];
  if (matches(await key(db), dayStartHour, timeZone)) return false;
  const calendar = segments(dayStartHour, timeZone);
  await db.$transaction(
    async (tx) => {
      // Another request may have rewritten it meanwhile.
      if (matches(await key(tx), dayStartHour, timeZone)) return;
      await tx.$executeRawUnsafe(CLEAR);
      await tx.$executeRawUnsafe(INSERT, calendar);
      await tx.$executeRawUnsafe(ADD_KEY, dayStartHour, timeZone);
      await tx.$executeRawUnsafe(SET_KEY, dayStartHour, timeZone);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return true;
}

/** ensureStudyCalendar on a better-sqlite3 connection (the server's start, before Prisma opens the file). */
export function ensureStudyCalendarSync(sql: Database.Database, dayStartHour: number, timeZone: string): boolean {
  const key = () => sql.prepare(KEY).get() as { dayStartHour: unknown; timeZone: unknown } | undefined;
  if (matches(key(), dayStartHour, timeZone)) return false;
  const calendar = segments(dayStartHour, timeZone);
  sql.transaction(() => {
    sql.prepare(CLEAR).run();
    sql.prepare(INSERT).run(calendar);
    sql.prepare(ADD_KEY).run(dayStartHour, timeZone);
    sql.prepare(SET_KEY).run(dayStartHour, timeZone);
  }).immediate();
  return true;
}
