import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

export const DEFAULT_DATABASE_URL = "file:./data/gradprep.db";

/** The SQLite URL from DATABASE_URL, defaulting to a file under the project. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** A client for one SQLite file; tests create one per temp database. */
export function createDb(url: string = databaseUrl()): Db {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
}

// One client per server process; survives module reloads in `next dev`.
const globalForDb = globalThis as unknown as { gradprepDb?: Db };

export function getDb(): Db {
  globalForDb.gradprepDb ??= createDb();
  return globalForDb.gradprepDb;
}
