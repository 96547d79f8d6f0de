import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Issue 13 item 15: grades ran with synchronous=NORMAL in WAL mode, which
 * SQLite documents as possibly rolling back the last commits on power loss.
 * The promise (README, Configuration → Durability): every connection the app
 * opens runs WAL with synchronous=FULL. Read back from real connections.
 */
let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

const FULL = 2;
const NORMAL = 1;

async function pragma(db: ReturnType<typeof createDb>, name: "synchronous" | "journal_mode"): Promise<unknown> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const v = Object.values(rows[0]!)[0];
  return typeof v === "bigint" ? Number(v) : v;
}

describe("durability of grades", () => {
  it("a plain better-sqlite3 connection to the WAL database would run synchronous=NORMAL (what the app must not use)", () => {
    const raw = new Database(t.file);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("synchronous", { simple: true })).toBe(NORMAL);
    raw.close();
  });

  it("the app's connection runs WAL with synchronous=FULL", async () => {
    expect(await pragma(t.db, "journal_mode")).toBe("wal");
    expect(await pragma(t.db, "synchronous")).toBe(FULL);
  });

  it("also inside a transaction (where a grade is written) and on a fresh client after a reconnect", async () => {
    const inTx = await t.db.$transaction(async (tx) => pragma(tx as unknown as ReturnType<typeof createDb>, "synchronous"));
    expect(inTx).toBe(FULL);
    await t.db.$disconnect();
    expect(await pragma(t.db, "synchronous")).toBe(FULL);
    const other = createDb(t.url);
    try {
      expect(await pragma(other, "synchronous")).toBe(FULL);
    } finally {
      await other.$disconnect();
    }
  });

  it("a DATABASE_URL with a query string opens the same file the migrations used", async () => {
    const withQuery = createDb(`${t.url}?connection_limit=1`);
    try {
      await expect(withQuery.settings.findMany()).resolves.toEqual([]);
      await withQuery.settings.create({ data: { id: 1 } });
      await expect(t.db.settings.count()).resolves.toBe(1);
    } finally {
      await withQuery.$disconnect();
    }
  });
});
