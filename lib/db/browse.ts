import "server-only";
import type { FSRS } from "ts-fsrs";
import { Prisma } from "@/lib/generated/prisma/client";
import { isBuried } from "@/lib/srs/queue";
import { retrievability } from "@/lib/srs/retrievability";
import { State } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { type ScheduleColumns, stateOf } from "./cards";
import { cardExercise } from "./columns";
import { sqliteDateText } from "./sync";

/**
 * The card browser's queries (Anki's Browse): one page of cards matching a
 * search, in a chosen order, at 100,000 cards.
 *
 * Why raw SQL and not Prisma's findMany with lib/db/filters.ts: Prisma writes
 * "the note is current" as a LEFT JOIN, and SQLite (with no statistics)
 * answers `retired = 0 … ORDER BY stability` by walking the (retired, due)
 * index and reading every card's row in index order: 150–400 ms for one page
 * at 100k cards. Prisma cannot order by a computed value either
 * (retrievability). Here every query reads the covering index
 * Card_browse_idx (migration 20261205120000_browse_index: every column a
 * filter or sort needs, ~10 MB at 100k cards), named with INDEXED BY so that a
 * schema change that loses it fails the tests instead of quietly slowing the
 * page; only a text search reads the cards' rows, in one sequential scan. The
 * page's rows are then read by rowid.
 *
 * "Which cards count" is lib/db/filters.ts's currentCards() — the card and its
 * note are in the content now — written once more here as SQL; the
 * integration test (tests/db/browse.test.ts) holds the two to the same cards.
 */

export const BROWSE_STATES = ["new", "learning", "review", "relearning", "suspended", "buried", "leech"] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];

export const BROWSE_SORTS = ["due", "interval", "stability", "difficulty", "retrievability", "lapses"] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

export const BROWSE_PAGE_SIZE = 50;

export interface BrowseFilter {
  /** Plain substring of the front or back (case-insensitive for ASCII letters; Chinese has no case). */
  text?: string;
  /** Plain substring of the note's title or file path (case-insensitive like `text`); `en/06-relu.md` names one note. */
  note?: string;
  /** One of the note's frontmatter tags, exactly. */
  tag?: string;
  state?: BrowseState;
  /** Due on or after this moment (cards already studied: a new card's due date is not a schedule). */
  dueFrom?: Date;
  /** Due before this moment. */
  dueBefore?: Date;
  /** Exercise cards of this generator. */
  generator?: string;
}

export interface BrowseQuery extends BrowseFilter {
  sort: BrowseSort;
  dir: "asc" | "desc";
  /** 1-based. */
  page: number;
}

export interface BrowseRow {
  id: string;
  noteId: string;
  noteTitle: string;
  notePath: string;
  /** The note's language (en, zh). */
  lang: string;
  kind: string;
  front: string;
  back: string;
  generator: string | null;
  state: State;
  suspended: boolean;
  /** Buried at `now` (out of reviews until buriedUntil). */
  buried: boolean;
  leech: boolean;
  due: Date;
  /** Days between the last review and the due date the scheduler gave (0 for new and learning steps). */
  intervalDays: number;
  stability: number;
  difficulty: number;
  /** Probability of recall at `now`; null for a card never studied. */
  retrievability: number | null;
  lapses: number;
  reps: number;
}

export interface BrowsePage {
  rows: BrowseRow[];
  /** Cards matching the search. */
  total: number;
  /** The page shown (clamped to the last page). */
  page: number;
  pages: number;
}

const DAY_MS = 86_400_000;

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The WHERE clause for a search (the alias `c` is the card). */
function whereSql(f: BrowseFilter, now: Date): Prisma.Sql {
  const noteTerms = [Prisma.sql`"retired" = 0`];
  if (f.note) {
    const p = containsPattern(f.note);
    noteTerms.push(Prisma.sql`("title" LIKE ${p} ESCAPE '\\' OR "path" LIKE ${p} ESCAPE '\\')`);
  }
  if (f.tag !== undefined) noteTerms.push(Prisma.sql`EXISTS (SELECT 1 FROM json_each("Note"."tags") WHERE json_each.value = ${f.tag})`);
  const terms: Prisma.Sql[] = [
    // currentCards(): the card and its note are in the content now.
    Prisma.sql`c."retired" = 0`,
    Prisma.sql`c."noteId" IN (SELECT "id" FROM "Note" WHERE ${Prisma.join(noteTerms, " AND ")})`,
  ];
  if (f.text) {
    const p = containsPattern(f.text);
    terms.push(Prisma.sql`(c."front" LIKE ${p} ESCAPE '\\' OR c."back" LIKE ${p} ESCAPE '\\')`);
  }
  switch (f.state) {
    case "new":
      terms.push(Prisma.sql`c."state" = ${State.New}`);
      break;
    case "learning":
      terms.push(Prisma.sql`c."state" = ${State.Learning}`);
      break;
    case "review":
      terms.push(Prisma.sql`c."state" = ${State.Review}`);
      break;
    case "relearning":
      terms.push(Prisma.sql`c."state" = ${State.Relearning}`);
      break;
    case "suspended":
      terms.push(Prisma.sql`c."suspended" = 1`);
      break;
    case "buried":
      terms.push(Prisma.sql`c."buriedUntil" > ${sqliteDateText(now)}`);
      break;
    case "leech":
      terms.push(Prisma.sql`c."leech" = 1`);
      break;
    case undefined:
      break;
  }
  if (f.dueFrom || f.dueBefore) terms.push(Prisma.sql`c."state" <> ${State.New}`);
  if (f.dueFrom) terms.push(Prisma.sql`c."due" >= ${sqliteDateText(f.dueFrom)}`);
  if (f.dueBefore) terms.push(Prisma.sql`c."due" < ${sqliteDateText(f.dueBefore)}`);
  // kind first: only exercise cards' rows are read for their JSON.
  if (f.generator !== undefined) terms.push(Prisma.sql`c."kind" = 'exercise' AND json_extract(c."exercise", '$.generator') = ${f.generator}`);
  return Prisma.join(terms, " AND ");
}

/**
 * The ORDER BY for a sort. Ties go by rowid (the order cards were created), so
 * pages never overlap. Cards never studied have no memory state: they come
 * after the others when sorting by stability, difficulty or retrievability,
 * in either direction.
 *
 * Retrievability is R = (1 + F·t/S)^(−decay) with t the whole days since the
 * last review (ts-fsrs' get_retrievability): for any weights it falls as t/S
 * grows, so ordering by t/S (computed here in SQL at `now`) is ordering by R
 * without computing a power per card. The page's own values come from ts-fsrs.
 */
function orderSql(sort: BrowseSort, dir: "asc" | "desc", now: Date, tie: Prisma.Sql = Prisma.sql`c.rowid`): Prisma.Sql {
  const d = dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const unstudiedLast = Prisma.sql`(c."state" = ${State.New} OR c."stability" <= 0 OR c."lastReview" IS NULL)`;
  switch (sort) {
    case "due":
      return Prisma.sql`c."due" ${d}, ${tie} ${d}`;
    case "interval":
      return Prisma.sql`c."scheduledDays" ${d}, ${tie} ${d}`;
    case "lapses":
      return Prisma.sql`c."lapses" ${d}, ${tie} ${d}`;
    case "stability":
      return Prisma.sql`${unstudiedLast}, c."stability" ${d}, ${tie} ${d}`;
    case "difficulty":
      return Prisma.sql`${unstudiedLast}, c."difficulty" ${d}, ${tie} ${d}`;
    case "retrievability": {
      // Lowest retrievability first = most days per unit of stability first.
      const elapsedDays = Prisma.sql`max(0, (${now.getTime()} - CAST(unixepoch(c."lastReview", 'subsec') * 1000 AS INTEGER)) / ${DAY_MS})`;
      return Prisma.sql`${unstudiedLast}, CAST(${elapsedDays} AS REAL) / c."stability" ${dir === "asc" ? Prisma.sql`DESC` : Prisma.sql`ASC`}, ${tie} ${d}`;
    }
  }
}

/**
 * Where the cards are read from: the covering index, or the table itself when
 * the front and back are searched (one sequential pass beats a row lookup per
 * index entry).
 */
function fromSql(f: BrowseFilter): Prisma.Sql {
  return f.text ? Prisma.sql`"Card" AS c NOT INDEXED` : Prisma.sql`"Card" AS c INDEXED BY "Card_browse_idx"`;
}

/** One row of a browser page: a card's columns (schedule as stored) and its note's. */
interface PageRow extends ScheduleColumns {
  r: bigint | number;
  noteId: string;
  kind: string;
  front: string;
  back: string;
  exercise: string | null;
  suspended: boolean;
  buriedUntil: Date | null;
  leech: boolean;
  title: string;
  path: string;
  lang: string;
}

/** The generator of a card's exercise column (null for a flashcard, or a column that does not decode: listed, not fatal). */
function generatorOf(exercise: string | null, id: string): string | null {
  if (!exercise) return null;
  try {
    return cardExercise.decode(exercise, id).generator;
  } catch {
    return null;
  }
}

const countSql = (f: BrowseFilter, now: Date) => Prisma.sql`SELECT COUNT(*) AS n FROM ${fromSql(f)} WHERE ${whereSql(f, now)}`;

const pageClause = (page: number) => Prisma.sql`LIMIT ${BROWSE_PAGE_SIZE} OFFSET ${(page - 1) * BROWSE_PAGE_SIZE}`;

/**
 * The rowids of one page of cards, in order (the rows are read after). A text
 * search reads the table once for both the page and the count: the matches'
 * sort columns are materialised, then counted and sorted (one pass over 35 MB
 * at 100k cards instead of two).
 */
function pageSql(q: BrowseQuery, now: Date, page: number): Prisma.Sql {
  if (!q.text) return Prisma.sql`SELECT c.rowid AS r FROM ${fromSql(q)} WHERE ${whereSql(q, now)} ORDER BY ${orderSql(q.sort, q.dir, now)} ${pageClause(page)}`;
  return Prisma.sql`WITH m AS MATERIALIZED (
      SELECT c.rowid AS r, c."state", c."stability", c."difficulty", c."lastReview", c."due", c."scheduledDays", c."lapses" FROM ${fromSql(q)} WHERE ${whereSql(q, now)})
    SELECT c.r AS r, (SELECT COUNT(*) FROM m) AS n FROM m AS c ORDER BY ${orderSql(q.sort, q.dir, now, Prisma.sql`c.r`)} ${pageClause(page)}`;
}

/** One page's rowids, with the total when the query gave it (a text search's page that has cards). */
async function pageOf(db: Db, q: BrowseQuery, now: Date, page: number): Promise<{ rowids: number[]; total: number | null }> {
  const rows = await db.$queryRaw<{ r: bigint | number; n?: bigint | number }[]>(pageSql(q, now, page));
  const n = rows[0]?.n;
  return { rowids: rows.map((x) => Number(x.r)), total: n === undefined ? null : Number(n) };
}

/** SQLite's plans for a search's count and page queries (EXPLAIN QUERY PLAN), for the tests and the benchmark. */
export async function explainBrowse(db: Db, query: BrowseQuery, now: Date): Promise<{ count: string[]; page: string[] }> {
  const plan = async (sql: Prisma.Sql) => (await db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${sql}`).map((r) => r.detail);
  return { count: await plan(countSql(query, now)), page: await plan(pageSql(query, now, query.page)) };
}

/** How many cards match a search. */
export async function countBrowse(db: Db, f: BrowseFilter, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>(countSql(f, now));
  return Number(row?.n ?? 0);
}

/**
 * One page of the cards matching `query`, in its order, with the total. The
 * scheduler (the learner's weights) gives each card's retrievability at `now`.
 */
export async function browseCards(db: Db, query: BrowseQuery, opts: { now: Date; scheduler: FSRS }): Promise<BrowsePage> {
  const { now } = opts;
  const asked = Math.max(1, Math.floor(query.page));
  // A text search's first statement says how many cards match, unless its page is empty: then none
  // match (page 1) or the page is past the end (count, then read the last page).
  const first = query.text ? await pageOf(db, query, now, asked) : null;
  const total = first?.total ?? (first && asked === 1 ? 0 : await countBrowse(db, query, now));
  const pages = Math.max(1, Math.ceil(total / BROWSE_PAGE_SIZE));
  const page = Math.min(asked, pages);
  if (total === 0) return { rows: [], total, page, pages };
  const rowids = first && page === asked ? first.rowids : (await pageOf(db, query, now, page)).rowids;
  if (rowids.length === 0) return { rows: [], total, page, pages };
  const found = await db.$queryRaw<PageRow[]>`
    SELECT c.rowid AS r, c."id", c."noteId", c."kind", c."front", c."back", c."exercise", c."state", c."suspended", c."buriedUntil", c."leech",
           c."due", c."stability", c."difficulty", c."elapsedDays", c."scheduledDays", c."learningSteps", c."reps", c."lapses", c."lastReview",
           n."title", n."path", n."lang"
    FROM "Card" AS c JOIN "Note" AS n ON n."id" = c."noteId"
    WHERE c.rowid IN (${Prisma.join(rowids)})`;
  const byRowid = new Map(found.map((row) => [Number(row.r), row]));
  const rows: BrowseRow[] = [];
  for (const rowid of rowids) {
    const row = byRowid.get(rowid);
    if (!row) continue; // removed between the two statements
    const schedule = stateOf(row);
    rows.push({
      id: row.id,
      noteId: row.noteId,
      noteTitle: row.title,
      notePath: row.path,
      lang: row.lang,
      kind: row.kind,
      front: row.front,
      back: row.back,
      generator: generatorOf(row.exercise, row.id),
      state: schedule.state,
      suspended: Boolean(row.suspended),
      buried: isBuried({ buriedUntil: row.buriedUntil }, now),
      leech: Boolean(row.leech),
      due: row.due,
      intervalDays: row.scheduledDays,
      stability: row.stability,
      difficulty: row.difficulty,
      retrievability: schedule.state === State.New || schedule.stability <= 0 || !schedule.lastReview ? null : retrievability(opts.scheduler, schedule, now),
      lapses: row.lapses,
      reps: row.reps,
    });
  }
  return { rows, total, page, pages };
}

/**
 * The tags a search can be narrowed to, sorted. (Notes are searched by title
 * or path instead of offered as a list: 800 of them would double the page.)
 */
export async function browseTags(db: Db): Promise<string[]> {
  const tags = await db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT json_each.value AS tag FROM "Note", json_each("Note"."tags") WHERE "Note"."retired" = 0 AND json_each.type = 'text' ORDER BY tag`;
  return tags.map((t) => t.tag);
}
