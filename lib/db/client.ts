import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
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
 *
 * cache_size: SQLite's page cache of 4 MB per connection rather than the
 * 16 MB better-sqlite3 builds in. The operating system caches the file
 * anyway; on the 100,000-card bench collection the pages took as long with
 * 4 MB and the server kept about 12 MB less (issue 12's memory target).
 */
export const CONNECTION_PRAGMAS = "PRAGMA synchronous = FULL; PRAGMA cache_size = -4000;";

/** The SQLite URL from DATABASE_URL, defaulting to a file under the project. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

type AdapterFactory = Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;

/** The adapter a client connected with, kept for the synchronous paths below (sqlite). */
interface Connection {
  adapter: SqlDriverAdapter | null;
}

/** Prisma's better-sqlite3 adapter, with CONNECTION_PRAGMAS run on each connection it opens. */
function adapterWithPragmas(url: string, connection: Connection): AdapterFactory {
  const base = new PrismaBetterSqlite3({ url: `file:${sqliteFile(url)}` });
  const withPragmas = async (pending: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> => {
    const adapter = await pending;
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => (connection.adapter = await withPragmas(base.connect())),
    connectToShadowDb: () => withPragmas(base.connectToShadowDb()),
  };
}

/** Called with each statement a client ran, its parameters (JSON) and how long it took, for tools that inspect the queries. */
export type QueryListener = (sql: string, params: string, ms: number) => void;

/** A client for one SQLite file; tests create one per temp database. */
export function createDb(url: string = databaseUrl(), onQuery?: QueryListener): Db {
  const connection: Connection = { adapter: null };
  if (!onQuery) return remember(new PrismaClient({ adapter: adapterWithPragmas(url, connection) }), connection);
  const db = new PrismaClient({ adapter: adapterWithPragmas(url, connection), log: [{ emit: "event", level: "query" }] });
  db.$on("query", (e) => onQuery(e.query, e.params, e.duration));
  return remember(db as unknown as Db, connection);
}

/*
 * The hot paths of a review session (lib/db/reviews gradeCard, lib/db/queue's
 * gathering) run their SQL synchronously on the very better-sqlite3 connection
 * the client's adapter opened, with prepared statements kept per connection:
 * through Prisma each statement costs 0.3 ms or more and a round of promises
 * (an interactive transaction of 8 reads: 2.3 ms median, 5.7 ms p95, against
 * 0.05 ms here), more than the grade's whole SQLite work on a busy machine.
 * The same connection, so the same pragmas (synchronous=FULL: a grade is as
 * durable as before) and no second writer to wait for; a write holds the
 * adapter's own transaction lock, so it never runs inside one of Prisma's
 * interactive transactions, and, being synchronous, nothing else runs inside it.
 */

// On globalThis, like getDb's client: Next bundles this module into more than one chunk (a page and a
// route handler each get a copy), and a client made by one copy is used by the others.
const globalForConnections = globalThis as unknown as { gradprepConnections?: WeakMap<Db, Connection> };
const connections = (globalForConnections.gradprepConnections ??= new WeakMap<Db, Connection>());

function remember(db: Db, connection: Connection): Db {
  connections.set(db, connection);
  return db;
}

/** The better-sqlite3 connection behind `db`'s adapter (connecting first when needed). */
async function connected(db: Db): Promise<{ adapter: SqlDriverAdapter; sql: Database.Database }> {
  const connection = connections.get(db);
  if (!connection) throw new Error("lib/db: this client was not made by createDb");
  if (!connection.adapter || !openSql(connection.adapter)) await db.$connect();
  const adapter = connection.adapter;
  const sql = adapter && openSql(adapter);
  if (!adapter || !sql) throw new Error("lib/db: the Prisma adapter did not open a better-sqlite3 connection (has @prisma/adapter-better-sqlite3 changed?)");
  return { adapter, sql };
}

/** The adapter's better-sqlite3 Database (its `client`), when it is one and open. */
function openSql(adapter: SqlDriverAdapter): Database.Database | null {
  const client: unknown = (adapter as unknown as { client?: unknown }).client;
  return client instanceof Database && client.open ? client : null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement for `text` on `sql`, prepared once per connection; integers come back as numbers. */
export function statement(sql: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sql);
  if (!cache) statements.set(sql, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    st = sql.prepare(text);
    if (st.reader) st.safeIntegers(false);
    cache.set(text, st);
  }
  return st;
}

/** A bound value as the adapter writes it: dates as ISO text with +00:00, booleans as 0/1. */
function bindValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** The rows of a read (a Prisma.sql query), run synchronously on `db`'s connection. */
export async function queryRows<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const { sql } = await connected(db);
  return statement(sql, query.sql).all(...query.values.map(bindValue)) as T[];
}

/**
 * Runs `write` in one transaction on `db`'s connection: it waits for the
 * adapter's transaction lock (an interactive transaction of Prisma's in
 * progress finishes first), then runs BEGIN, `write` and COMMIT without
 * yielding; anything `write` throws rolls it all back.
 */
export async function writeTransaction<T>(db: Db, write: (sql: Database.Database) => T): Promise<T> {
  const { adapter } = await connected(db);
  const tx = await adapter.startTransaction();
  const sql = openSql(adapter)!;
  try {
    const result = write(sql);
    sql.exec("COMMIT");
    await tx.commit();
    return result;
  } catch (err) {
    if (sql.inTransaction) sql.exec("ROLLBACK");
    await tx.rollback();
    throw err;
  }
}

// One client per server process; survives module reloads in `next dev`.
const globalForDb = globalThis as unknown as { gradprepDb?: Db };

export function getDb(): Db {
  globalForDb.gradprepDb ??= createDb();
  return globalForDb.gradprepDb;
}
