import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { sqliteFile } from "./sqlite-file";

export type Db = PrismaClient;

export const DEFAULT_DATABASE_URL = "file:./data/gradprep.db";

/**
 * Set on every connection the app opens. The database is in WAL mode, where
 * SQLite's documentation (PRAGMA synchronous) says that with NORMAL — what
 * better-sqlite3 builds in as the WAL default — a committed transaction "might
 * roll back following a power loss or system crash", while FULL syncs the WAL
 * on every commit so that it survives one. A grade is one small transaction
 * every few seconds at most, so the extra fsync costs nothing a learner can
 * notice, and a grade the page has acknowledged is never silently lost.
 */
export const CONNECTION_PRAGMAS = "PRAGMA synchronous = FULL;";

/** The SQLite URL from DATABASE_URL, defaulting to a file under the project. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

type AdapterFactory = Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;

/** Prisma's better-sqlite3 adapter, with CONNECTION_PRAGMAS run on each connection it opens. */
function adapterWithPragmas(url: string): AdapterFactory {
  const base = new PrismaBetterSqlite3({ url: `file:${sqliteFile(url)}` });
  const withPragmas = async (pending: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> => {
    const adapter = await pending;
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => withPragmas(base.connect()),
    connectToShadowDb: () => withPragmas(base.connectToShadowDb()),
  };
}

/** Called with each statement a client ran, its parameters (JSON) and how long it took, for tools that inspect the queries. */
export type QueryListener = (sql: string, params: string, ms: number) => void;

/** A client for one SQLite file; tests create one per temp database. */
export function createDb(url: string = databaseUrl(), onQuery?: QueryListener): Db {
  if (!onQuery) return new PrismaClient({ adapter: adapterWithPragmas(url) });
  const db = new PrismaClient({ adapter: adapterWithPragmas(url), log: [{ emit: "event", level: "query" }] });
  db.$on("query", (e) => onQuery(e.query, e.params, e.duration));
  return db as unknown as Db;
}

// One client per server process; survives module reloads in `next dev`.
const globalForDb = globalThis as unknown as { gradprepDb?: Db };

export function getDb(): Db {
  globalForDb.gradprepDb ??= createDb();
  return globalForDb.gradprepDb;
}
