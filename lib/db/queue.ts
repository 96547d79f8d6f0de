import "server-only";
import { randomBytes } from "node:crypto";
import { noteLocale, type Locale } from "@/lib/i18n/locale";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { LEARN_AHEAD_MS, limitsLeft, progress, type DoneToday, type QueueCounts } from "@/lib/srs/limits";
import { mixQueue, QueueGatherer, type BuryOptions, type QueueCard } from "@/lib/srs/queue";
import { parseReviewToken, Rating, reviewToken, showingToken, State } from "@/lib/srs/schedule";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";
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
  return db.reviewLog.count({ where: { reviewedAt: { gte: since }, state: { in: [State.New, State.Review] }, card: { exercise: { not: null } } } });
}

/*
 * The gathering queries in SQL. Prisma writes the note's language filter as a
 * LEFT JOIN that SQLite plans badly on a large collection (16-40 ms each at
 * 100,000 cards, against under 1 ms here), and `state IN (…)` makes it choose
 * the (retired, due) index over (retired, state, due). The conditions are
 * filters.ts studyableSql, studyableCards written for `"Card" c JOIN "Note" n`.
 */

interface RawQueueRow {
  id: string;
  noteId: string;
  state: number | bigint;
  due: string | Date;
  ex: number | bigint;
}

const rawQueueCard = (r: RawQueueRow): QueueCard => ({
  id: r.id,
  noteId: r.noteId,
  state: decodeCardState("Card", r.id, Number(r.state)),
  due: r.due instanceof Date ? r.due : new Date(r.due),
  exercise: Number(r.ex) !== 0,
});

const QUEUE_COLUMNS_NO_FROM = Prisma.sql`c."id", c."noteId", c."state", c."due", c."exercise" IS NOT NULL AS "ex"`;
const QUEUE_COLUMNS = Prisma.sql`${QUEUE_COLUMNS_NO_FROM} FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"`;

async function queueRows(db: Db, where: Prisma.Sql, order: Prisma.Sql, page?: { skip: number; take: number }): Promise<QueueCard[]> {
  const limit = page ? Prisma.sql`LIMIT ${page.take} OFFSET ${page.skip}` : Prisma.empty;
  const rows = await db.$queryRaw<RawQueueRow[]>`SELECT ${QUEUE_COLUMNS} WHERE ${where} ORDER BY ${order} ${limit}`;
  return rows.map(rawQueueCard);
}

/** The first new card (by position) of each note, in note order (SQLite takes the bare columns from the row holding min(ord)). */
async function firstNewPerNote(db: Db, where: Prisma.Sql, page: { skip: number; take: number }): Promise<QueueCard[]> {
  const rows = await db.$queryRaw<RawQueueRow[]>`SELECT ${QUEUE_COLUMNS_NO_FROM}, min(c."ord") AS "ord" FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
    WHERE ${where} GROUP BY c."noteId" ORDER BY c."noteId" LIMIT ${page.take} OFFSET ${page.skip}`;
  return rows.map(rawQueueCard);
}

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
    Promise.all([State.Learning, State.Relearning].map((st) => queueRows(db, dueRange(studyable, st, { upTo: aheadUntil }), Prisma.sql`c."due", c."id"`))),
  ]);
  const limits = { ...limitsLeft(settings, done), exercisesLeft: Math.max(0, settings.exercisesPerDay - exercisesDone) };
  const bury: BuryOptions = { newSiblings: settings.buryNewSiblings, reviewSiblings: settings.buryReviewSiblings };
  const g = new QueueGatherer(limits, bury);
  for (const c of learningRows.flat().sort((a, b) => a.due.getTime() - b.due.getTime())) g.addLearning(c);
  // Reviews due today in due order, then new cards in note order, page by page until the limits are met.
  for (let skip = 0; !g.reviewsFull; skip += PAGE) {
    const rows = await queueRows(db, dueRange(studyable, State.Review, { before: dayEnd }), Prisma.sql`c."due", c."id"`, { skip, take: PAGE });
    for (const c of rows) if (g.offerReview(c) === "full") break;
    if (rows.length < PAGE) break;
  }
  for (let skip = 0; !g.newFull; skip += PAGE) {
    // With new siblings buried only a note's first new card can be taken: one row per note. Sorting the new cards
    // by note costs about 15 ms at 33,000 new cards, as no index holds (state, noteId, ord).
    const fresh = dueRange(studyable, State.New, { upTo: now });
    const rows = bury.newSiblings ? await firstNewPerNote(db, fresh, { skip, take: PAGE }) : await queueRows(db, fresh, Prisma.sql`c."noteId", c."ord", c."id"`, { skip, take: PAGE });
    for (const c of rows) if (g.offerNew(c) === "full") break;
    if (rows.length < PAGE) break;
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
    const [c] = await queueRows(db, Prisma.sql`c."id" = ${input.preferId} AND ${studyableSql(now, langs, true)}`, Prisma.sql`c."id"`);
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
  const rows = await db.$queryRaw<{ id: string; state: number | bigint; due: string | Date; reps: number | bigint; lastReview: string | Date | null }[]>`
    SELECT c."id", c."state", c."due", c."reps", c."lastReview" FROM "Card" c JOIN "Note" n ON n."id" = c."noteId"
    WHERE c."id" IN (${Prisma.join(held.map((h) => h.id))}) AND ${studyable}`;
  const date = (v: string | Date) => (v instanceof Date ? v : new Date(v));
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
  const rows = await db.card.findMany({ where: { id: { in: order.map((c) => c.id) } }, include: { note: { select: { title: true, lang: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const failed = await failedExercises(db, order.filter((c) => c.exercise && c.state !== State.New && c.state !== State.Review).map((c) => c.id));
  return order.flatMap((c) => {
    const row = byId.get(c.id);
    if (!row) return [];
    const view = toCardView(row);
    return [
      {
        ...view,
        noteTitle: row.note.title,
        noteLocale: noteLocale(row.note.lang),
        token: showingToken(view.id, view.schedule, nonce()),
        queue: queueOf(c),
        failed: failed.has(c.id),
      },
    ];
  });
}

/** Of these cards, the ones whose last grade was Again. */
async function failedExercises(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const last = await Promise.all(ids.map((cardId) => db.reviewLog.findFirst({ where: { cardId }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }], select: { cardId: true, rating: true } })));
  return new Set(last.filter((l) => l?.rating === Rating.Again).map((l) => l!.cardId));
}

/** For the end of the queue: whether the limits hold cards back, and when the next card falls due. */
async function whenEmpty(db: Db, now: Date, dayEnd: Date, studyable: Prisma.Sql, g: QueueGatherer): Promise<{ limited: boolean; nextDue: Date | null }> {
  // Counted only up to one past what was taken: enough to tell that cards are held back, without counting 30,000 new cards.
  const count = async (where: Prisma.Sql, cap: number) =>
    Number((await db.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Card" c JOIN "Note" n ON n."id" = c."noteId" WHERE ${where} LIMIT ${cap})`)[0]?.n ?? 0);
  const first = async (where: Prisma.Sql) => (await queueRows(db, where, Prisma.sql`c."due"`, { skip: 0, take: 1 }))[0]?.due ?? null;
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
  const [c] = await queueRows(db, Prisma.sql`c."id" = ${cardId} AND ${studyableSql(now, langs, true)}`, Prisma.sql`c."id"`);
  if (!c) return null;
  const [card] = await loadQueued(db, [c], queueNameOf);
  return card ?? null;
}
