import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Issue 12's memory target: the app's connection keeps SQLite's page cache at
 * 4 MB (cache_size = -4000, in KiB), not the 16 MB better-sqlite3 builds in.
 * Read back from real connections.
 */
let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function cacheSize(db: TempDb["db"]): Promise<number> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA cache_size");
  return Number(Object.values(rows[0]!)[0]);
}

describe("SQLite's page cache", () => {
  it("is 16 MB on a plain better-sqlite3 connection (what the app does not use)", () => {
    const raw = new Database(t.file);
    expect(raw.pragma("cache_size", { simple: true })).toBe(-16000);
    raw.close();
  });

  it("is 4 MB on the app's connection, also after a reconnect", async () => {
    expect(await cacheSize(t.db)).toBe(-4000);
    await t.db.$disconnect();
    expect(await cacheSize(t.db)).toBe(-4000);
  });
});
