import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqliteDateText } from "./sync";

/**
 * Small pieces for the raw SQL that aggregates in SQLite. Dates are stored
 * as ISO text (`2026-12-03T06:49:24.000+00:00`, what Prisma writes), which
 * compares in time order as text: a date parameter is written the same way.
 */

/** A date as a parameter to compare with a stored date column. */
export function dateSql(d: Date): Prisma.Sql {
  return Prisma.sql`${sqliteDateText(d)}`;
}

/** A stored date column as milliseconds since the epoch (an integer). */
export function msSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`;
}

/** A card's effective due date (the end of its burial when that is later), as lib/srs/queue effectiveDue. */
export const EFFECTIVE_DUE = Prisma.sql`CASE WHEN c."buriedUntil" > c."due" THEN c."buriedUntil" ELSE c."due" END`;

/** A number from a raw result (SQLite integers may come back as bigint; an empty SUM as null). */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** A date from a raw result (stored text, or null). */
export function dateOf(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}
