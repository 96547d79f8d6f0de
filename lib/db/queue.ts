import "server-only";
import { randomBytes } from "node:crypto";
import { noteLocale, type Locale } from "@/lib/i18n/locale";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { LEARN_AHEAD_MS, limitsLeft, progress, type DoneToday, type QueueCounts } from "@/lib/srs/limits";
import { mixQueue, QueueGatherer, type BuryOptions, type QueueCard } from "@/lib/srs/queue";
import { parseReviewToken, Rating, reviewToken, showingToken, State } from "@/lib/srs/schedule";
import { Prisma, type Card as CardRow } from "@/lib/generated/prisma/client";
import { queryRows, type Db } from "./client";
import { toCardView, type CardView } from "./cards";
import { sqlDate, studyableSql } from "./filters";
import { decodeCardState } from "./columns";
import { doneSince } from "./queries";

/**
 * Today's review queue in batches, for a browser that holds the next cards
 * and shows each one the moment a key is pressed (app/review). The order is
 * Anki's (lib/srs QueueGatherer, mixQueue, pickNext): learning cards due now,
 * then reviews and new cards mixed under the daily limits, with sibling
 * burying and the daily exercise cap applied while gathering; learning cards
 * due within LEARN_AHEAD_MS come with their due time, and the browser learns
 * them ahead when nothing else is left.
 */

/** Which queue a card was taken from: the header counts it there until it is answered. */
export type QueueName = "learning" | "review" | "new";

export interface QueuedCard extends CardView {
  noteTitle: string;
  /** The language of the card's note, which its exercise is written in. */
  noteLocale: Locale;
  /** A fresh showing token (lib/srs showingToken). */
  token: string;
  queue: QueueName;
  /** A live exercise whose last grade was Again (not learned ahead; lib/srs pickNext). */
  failed: boolean;
}

/** What the session settings say about the queue. */
export interface QueueSettings {
  newPerDay: number;
  reviewsPerDay: number;
  exercisesPerDay: number;
  buryNewSiblings: boolean;
  buryReviewSiblings: boolean;
  dayStartHour: number;
  timeZone: string;
}

/** A card the browser holds, with the token it was shown with. */
export interface HeldRef {
  id: string;
  token: string;
}

export interface StudyBatch {
  /** Learning cards (due now or within the learn-ahead window, earliest first), then the next `size` cards of the review/new queue; none the browser holds. */
  cards: QueuedCard[];
  /** What is left today, the cards the browser holds included: learning within the learn-ahead window, reviews and new cards after the limits. */
  counts: QueueCounts;
  /** Learning cards within the window that the browser does not hold (its own it counts itself). */
  learningNotHeld: number;
  done: DoneToday;
  /** The review/new queue goes on past these cards. */
  more: boolean;
  /** Held cards that are no longer to be shown: changed since (graded or set aside elsewhere, edited), or out of today's queue. */
  drop: string[];
  /** When the queue has run out: whether the daily limits hold cards back ("done for today"), and when the next card falls due. */
  limited: boolean;
  nextDue: Date | null;
}

const PAGE = 200;

const nonce = () => randomBytes(6).toString("base64url");

/** Grades of live exercises taken from the review and new queues since `since` (what the daily exercise cap counts). */
export async function exercisesDoneSince(db: Db, since: Date): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, Prisma.sql`SELECT count(*) AS "n" FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId"
    WHERE l."reviewedAt" >= ${sqlDate(since)} AND l."state" IN (${State.New}, ${State.Review}) AND c."exercise" IS NOT NULL`);
  return Number(rows[0]?.n ?? 0);
}

/*
 * The gathering queries in SQL. Prisma writes the note's language filter as a
 * LEFT JOIN that SQLite plans badly on a large collection (16-40 ms each at
 * 100,000 cards, against under 1 ms here), and `state IN (…)` makes it choose
 * the (retired, due) index over (retired, state, due). The conditions are
 * filters.ts studyableSql, studyableCards written for `"Card" c JOIN "Note" n`.
 * They run synchronously on the client's connection (lib/db/client
 * queryRows): a session asks for its queue after every few grades, and
 * through Prisma a dozen small queries cost more than their SQLite work.
 * Pages go on from the last row taken (keyset), never by OFFSET, which
 * reads every earlier page again.
 */

interface RawQueueRow {
  id: string;
  noteId: string;
  state: number;
  due: string;
  ex: number;
}

const rawQueueCard = (r: RawQueueRow): QueueCard => ({
  id: r.id,
  noteId: r.noteId,
  state: decodeCardState("Card", r.id, Number(r.state)),
  due: new Date(r.due),
  exercise: Number(r.ex) !== 0,
});

/** Read from the due index alone (prisma/migrations/20261213000000_queue_indexes holds `"exercise" IS NOT NULL` in it too). */
const QUEUE_COLUMNS = Prisma.sql`c."id", c."noteId", c."state", c."due", c."exercise" IS NOT NULL AS "ex"`;

async function queueRows<Row extends RawQueueRow = RawQueueRow>(db: Db, where: Prisma.Sql, order: Prisma.Sql, take?: number, extra: Prisma.Sql = Prisma.empty): Promise<Row[]> {
  const limit = take === undefined ? Prisma.empty : Prisma.sql`LIMIT ${take}`;
  return queryRows<Row>(db, Prisma.sql`SELECT ${QUEUE_COLUMNS} ${extra} FROM "Card" c JOIN "Note" n ON n."id" = c."noteId" WHERE ${where} ORDER BY ${order} ${limit}`);
}

/**
 * The first new card (by position) of each note after `afterNote`, in note
 * order: one indexed look-up per note in the (retired, state, noteId, ord)
 * index, instead of grouping every new card of the collection by note.
 * `fresh` is the new cards' condition over `"Card" c` and its note `n`.
 */
async function firstNewPerNote(db: Db, fresh: Prisma.Sql, langs: readonly string[] | undefined, afterNote: string, take: number): Promise<RawQueueRow[]> {
  const lang = langs ? (langs.length ? Prisma.sql`AND n."lang" IN (${Prisma.join([...langs])})` : Prisma.sql`AND 0`) : Prisma.empty;
  return queryRows<RawQueueRow>(
    db,
    Prisma.sql`SELECT q."id", q."noteId", q."state", q."due", q."exercise" IS NOT NULL AS "ex"
    FROM "Note" n JOIN "Card" q ON q."rowid" = (SELECT c."rowid" FROM "Card" c WHERE c."noteId" = n."id" AND ${fresh} ORDER BY c."ord" LIMIT 1)
    WHERE n."retired" = 0 ${lang} AND n."id" > ${afterNote} ORDER BY n."id" LIMIT ${take}`,
  );
}

/** Rows to read for a queue that can still take `left` cards: a few more than that (some are siblings or capped exercises), at most PAGE. */
const pageFor = (left: number) => Math.min(PAGE, Math.max(32, 2 * left));

/** Studyable cards in `state` due in [from, to) (either end open when null), the (retired, state, due) index's range. */
function dueRange(studyable: Prisma.Sql, state: State, range: { after?: Date; upTo?: Date; before?: Date }): Prisma.Sql {
  return Prisma.sql`${studyable} AND c."state" = ${state}
    ${range.after ? Prisma.sql`AND c."due" > ${sqlDate(range.after)}` : Prisma.empty}
    ${range.upTo ? Prisma.sql`AND c."due" <= ${sqlDate(range.upTo)}` : Prisma.empty}
    ${range.before ? Prisma.sql`AND c."due" < ${sqlDate(range.before)}` : Prisma.empty}`;
}

/** Today's queue gathered as the session takes it (ids, states and due dates only), with what the gathering needed. */
interface Gathered {
  g: QueueGatherer;
  done: DoneToday;
  dayEnd: Date;
  aheadUntil: Date;
  /** studyableSql at `now`. */
  studyable: Prisma.Sql;
}

/**
 * The counting rule of today's queue, written once: learning cards due within
 * the learn-ahead window, then reviews due today in due order and new cards in
 * note order, taken under the daily limits and the exercise cap with sibling
 * burying (lib/srs QueueGatherer). Both the review session (studyBatch) and the
 * home page (todayCounts) count what this gathers.
 */
async function gatherToday(db: Db, input: { now: Date; settings: QueueSettings; langs?: readonly string[] }): Promise<Gathered> {
  const { now, settings, langs } = input;
  const studyable = studyableSql(now, langs);
  const since = dayStart(now, settings.dayStartHour, settings.timeZone);
  const dayEnd = nextDayStart(now, settings.dayStartHour, settings.timeZone);
  const aheadUntil = new Date(now.getTime() + LEARN_AHEAD_MS);
  const [done, exercisesDone, learningRows] = await Promise.all([
    doneSince(db, since),
    exercisesDoneSince(db, since),
    Promise.all([State.Learning, State.Relearning].map(async (st) => (await queueRows(db, dueRange(studyable, st, { upTo: aheadUntil }), Prisma.sql`c."due", c."id"`)).map(rawQueueCard))),
  ]);
  const limits = { ...limitsLeft(settings, done), exercisesLeft: Math.max(0, settings.exercisesPerDay - exercisesDone) };
  const bury: BuryOptions = { newSiblings: settings.buryNewSiblings, reviewSiblings: settings.buryReviewSiblings };
  const g = new QueueGatherer(limits, bury);
  for (const c of learningRows.flat().sort((a, b) => a.due.getTime() - b.due.getTime())) g.addLearning(c);
  // Reviews due today in due order, then new cards in note order, page by page until the limits are met.
  const reviews = dueRange(studyable, State.Review, { before: dayEnd });
  for (let last: RawQueueRow | undefined; !g.reviewsFull; ) {
    const page = pageFor(limits.reviewsLeft - g.reviews.length);
    const after = last ? Prisma.sql`AND c."due" >= ${last.due} AND (c."due" > ${last.due} OR c."id" > ${last.id})` : Prisma.empty;
    const rows = await queueRows(db, Prisma.sql`${reviews} ${after}`, Prisma.sql`c."due", c."id"`, page);
    for (const c of rows) if (g.offerReview(rawQueueCard(c)) === "full") break;
    if (rows.length < page) break;
    last = rows.at(-1);
  }
  const fresh = dueRange(studyable, State.New, { upTo: now });
  for (let last: (RawQueueRow & { ord?: number }) | undefined; !g.newFull; ) {
    // With new siblings buried only a note's first new card can be taken: one row per note.
    let rows: (RawQueueRow & { ord?: number })[];
    const page = pageFor(limits.newLeft - g.fresh.length);
    if (bury.newSiblings) rows = await firstNewPerNote(db, fresh, langs, last?.noteId ?? "", page);
    else {
      const after = last
        ? Prisma.sql`AND c."noteId" >= ${last.noteId} AND (c."noteId" > ${last.noteId} OR c."ord" > ${last.ord} OR (c."ord" = ${last.ord} AND c."id" > ${last.id}))`
        : Prisma.empty;
      rows = await queueRows<RawQueueRow & { ord: number }>(db, Prisma.sql`${fresh} ${after}`, Prisma.sql`c."noteId", c."ord", c."id"`, page, Prisma.sql`, c."ord"`);
    }
    for (const c of rows) if (g.offerNew(rawQueueCard(c)) === "full") break;
    if (rows.length < page) break;
    last = rows.at(-1);
  }
  return { g, done, dayEnd, aheadUntil, studyable };
}

const countsOf = (g: QueueGatherer): QueueCounts => ({ learning: g.learning.length, review: g.reviews.length, new: g.fresh.length });

export interface TodayCounts {
  /** What today's session will show (the counts of its first batch): learning within the learn-ahead window, reviews and new cards after the limits, the exercise cap and sibling burying. */
  counts: QueueCounts;
  /** Whether the daily limits or the exercise cap hold back cards that are due or new today ("done for today"). */
  limited: boolean;
  /** When the next card falls due after today's queue (learning cards past now, reviews from the next study day). */
  nextDue: Date | null;
  done: DoneToday;
  /** Share of today's work done, 0..1. */
  progress: number;
}

/** Today's counts for the home page: the review session's own gathering (gatherToday), without loading a card. */
export async function todayCounts(db: Db, input: { now: Date; settings: QueueSettings; langs?: readonly string[] }): Promise<TodayCounts> {
  const { g, done, dayEnd, studyable } = await gatherToday(db, input);
  const counts = countsOf(g);
  const { limited, nextDue } = await whenEmpty(db, input.now, dayEnd, studyable, g);
  return { counts, limited, nextDue, done, progress: progress(done.total, counts) };
}

/**
 * The next batch of today's queue for a browser holding `held`. Held cards
 * are gathered like any other (they count, and their siblings stay out), but
 * not sent again; `preferId` (the card an undo restored) comes first when it
 * can be studied now.
 */
export async function studyBatch(
  db: Db,
  input: { now: Date; settings: QueueSettings; langs?: readonly string[]; held?: readonly HeldRef[]; size?: number; preferId?: string },
): Promise<StudyBatch> {
  const { now, langs, held = [], size = 10 } = input;
  const { g, done, dayEnd, aheadUntil, studyable: studyableSqlNow } = await gatherToday(db, input);
  const main = mixQueue(g.reviews, g.fresh, done);
  const queueOf = new Map<string, QueueName>([
    ...g.learning.map((c) => [c.id, "learning"] as const),
    ...g.reviews.map((c) => [c.id, "review"] as const),
    ...g.fresh.map((c) => [c.id, "new"] as const),
  ]);

  // The card an undo restored goes first when it can be studied now (as Anki shows it), limits or not.
  let preferred: QueueCard | null = null;
  if (input.preferId && !queueOf.has(input.preferId)) {
    const [row] = await queueRows(db, Prisma.sql`c."id" = ${input.preferId} AND ${studyableSql(now, langs, true)}`, Prisma.sql`c."id"`);
    const c = row && rawQueueCard(row);
    if (c && (c.state === State.New || (c.state === State.Review && c.due < dayEnd) || c.due <= aheadUntil)) preferred = c;
  }

  const heldIds = new Set(held.map((h) => h.id));
  const drop = await heldToDrop(db, held, queueOf, studyableSql(now, langs, true), dayEnd);
  const learningOut = g.learning.filter((c) => !heldIds.has(c.id));
  const mainLeft = main.filter((c) => !heldIds.has(c.id));
  const first = preferred ?? (input.preferId ? [...learningOut, ...mainLeft].find((c) => c.id === input.preferId) ?? null : null);
  const out = [
    ...(first ? [first] : []),
    ...learningOut.filter((c) => c.id !== first?.id),
    ...mainLeft.filter((c) => c.id !== first?.id).slice(0, size),
  ];
  const more = mainLeft.filter((c) => c.id !== first?.id).length > size;
  const cards = await loadQueued(db, out, (c) => (c === preferred ? queueNameOf(c) : queueOf.get(c.id)!));
  const counts = countsOf(g);
  const empty = more ? { limited: false, nextDue: null } : await whenEmpty(db, now, dayEnd, studyableSqlNow, g);
  return { cards, counts, learningNotHeld: learningOut.length, done, more, drop, ...empty };
}

function queueNameOf(c: QueueCard): QueueName {
  return c.state === State.New ? "new" : c.state === State.Review ? "review" : "learning";
}

/** Held cards to drop: gone, set aside, retired, or changed since they were shown; or review/new cards no longer in today's queue. */
async function heldToDrop(db: Db, held: readonly HeldRef[], queued: ReadonlyMap<string, QueueName>, studyable: Prisma.Sql, dayEnd: Date): Promise<string[]> {
  if (held.length === 0) return [];
  const rows = await queryRows<{ id: string; state: number; due: string; reps: number; lastReview: string | null }>(
    db,
    Prisma.sql`SELECT c."id", c."state", c."due", c."reps", c."lastReview" FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
    WHERE c."id" IN (SELECT j."value" FROM json_each(${JSON.stringify(held.map((h) => h.id))}) j) AND ${studyable}`,
  );
  const date = (v: string) => new Date(v);
  const byId = new Map(rows.map((r) => [r.id, { state: Number(r.state), due: date(r.due), reps: Number(r.reps), lastReview: r.lastReview === null ? null : date(r.lastReview) }]));
  return held
    .filter((h) => {
      const r = byId.get(h.id);
      if (!r || reviewToken(h.id, r) !== parseReviewToken(h.token).state) return true;
      // A learning card the browser holds stays while it is in (re)learning today; others only while they are in the queue.
      const learningToday = (r.state === State.Learning || r.state === State.Relearning) && r.due < dayEnd;
      return !learningToday && !queued.has(h.id);
    })
    .map((h) => h.id);
}

/** The whole cards, in the order given, with a fresh showing token each. */
async function loadQueued(db: Db, order: readonly QueueCard[], queueOf: (c: QueueCard) => QueueName): Promise<QueuedCard[]> {
  if (order.length === 0) return [];
  const rows = await queryRows<RawCardRow>(
    db,
    Prisma.sql`SELECT c.*, n."title" AS "noteTitle", n."lang" AS "noteLang" FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
    WHERE c."id" IN (SELECT j."value" FROM json_each(${JSON.stringify(order.map((c) => c.id))}) j)`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const failed = await failedExercises(db, order.filter((c) => c.exercise && c.state !== State.New && c.state !== State.Review).map((c) => c.id));
  return order.flatMap((c) => {
    const row = byId.get(c.id);
    if (!row) return [];
    const view = toCardView(cardRowOf(row));
    return [
      {
        ...view,
        noteTitle: row.noteTitle,
        noteLocale: noteLocale(row.noteLang),
        token: showingToken(view.id, view.schedule, nonce()),
        queue: queueOf(c),
        failed: failed.has(c.id),
      },
    ];
  });
}

/** A Card row as SQLite returns it, with its note's title and language. */
type RawCardRow = Omit<CardRow, "retired" | "suspended" | "leech" | "buriedUntil" | "due" | "lastReview" | "createdAt" | "updatedAt"> & {
  retired: number;
  suspended: number;
  leech: number;
  buriedUntil: string | null;
  due: string;
  lastReview: string | null;
  createdAt: string;
  updatedAt: string;
  noteTitle: string;
  noteLang: string;
};

/** The row as Prisma would have returned it. */
function cardRowOf(r: RawCardRow): CardRow {
  const date = (t: string | null) => (t === null ? null : new Date(t));
  return {
    id: r.id,
    noteId: r.noteId,
    kind: r.kind,
    front: r.front,
    back: r.back,
    line: r.line,
    ord: r.ord,
    exercise: r.exercise,
    retired: r.retired !== 0,
    suspended: r.suspended !== 0,
    buriedUntil: date(r.buriedUntil),
    leech: r.leech !== 0,
    due: new Date(r.due),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsedDays,
    scheduledDays: r.scheduledDays,
    learningSteps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: date(r.lastReview),
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}

/** Of these cards, the ones whose last grade was Again. */
async function failedExercises(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ cardId: string; rating: number }>(
    db,
    Prisma.sql`SELECT j."value" AS "cardId", (SELECT l."rating" FROM "ReviewLog" l WHERE l."cardId" = j."value" ORDER BY l."reviewedAt" DESC, l."id" DESC LIMIT 1) AS "rating"
    FROM json_each(${JSON.stringify(ids)}) j`,
  );
  return new Set(rows.filter((l) => l.rating === Rating.Again).map((l) => l.cardId));
}

/** For the end of the queue: whether the limits hold cards back, and when the next card falls due. */
async function whenEmpty(db: Db, now: Date, dayEnd: Date, studyable: Prisma.Sql, g: QueueGatherer): Promise<{ limited: boolean; nextDue: Date | null }> {
  // Counted only up to one past what was taken: enough to tell that cards are held back, without counting 30,000 new cards.
  const count = async (where: Prisma.Sql, cap: number) =>
    Number((await queryRows<{ n: number }>(db, Prisma.sql`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Card" c JOIN "Note" n ON n."id" = c."noteId" WHERE ${where} LIMIT ${cap})`))[0]?.n ?? 0);
  const first = async (where: Prisma.Sql) => {
    const [row] = await queueRows(db, where, Prisma.sql`c."due"`, 1);
    return row ? new Date(row.due) : null;
  };
  const [reviews, fresh, ...next] = await Promise.all([
    g.reviewsFull ? count(dueRange(studyable, State.Review, { before: dayEnd }), g.reviews.length + 1) : 0,
    g.newFull ? count(dueRange(studyable, State.New, { upTo: now }), g.fresh.length + 1) : 0,
    first(dueRange(studyable, State.Learning, { after: now })),
    first(dueRange(studyable, State.Relearning, { after: now })),
    first(dueRange(studyable, State.Review, { after: new Date(dayEnd.getTime() - 1) })),
  ]);
  const nextDue = next.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  // Held back by the daily limits or the exercise cap (siblings waiting for tomorrow are not "limited").
  const limited = (g.reviewsFull && reviews > g.reviews.length) || (g.newFull && fresh > g.fresh.length) || g.skipped["exercise-cap"] > 0;
  return { limited, nextDue };
}

/** One card as a new showing (the card an undo restored, a learning card's next step), or null when it cannot be studied at `now`. */
export async function showingOf(db: Db, cardId: string, now: Date, langs?: readonly string[]): Promise<QueuedCard | null> {
  const [row] = await queueRows(db, Prisma.sql`c."id" = ${cardId} AND ${studyableSql(now, langs, true)}`, Prisma.sql`c."id"`);
  if (!row) return null;
  const [card] = await loadQueued(db, [rawQueueCard(row)], queueNameOf);
  return card ?? null;
}
