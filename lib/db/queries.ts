import "server-only";
import { type Locale, noteLocale } from "@/lib/i18n/locale";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { LEARN_AHEAD_MS, limitsLeft, newCardNext, progress, queueCounts, type DoneToday, type Limits, type QueueCounts } from "@/lib/srs/limits";
import { isDue } from "@/lib/srs/queue";
import { reviewToken, State } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { toCardView, type CardView } from "./cards";
import { noteRelatedOutlines, noteTags } from "./columns";
import { Prisma } from "@/lib/generated/prisma/client";
import { currentCards, currentCardsSql, currentNotes, sqlDate, studyableCards, studyableSql } from "./filters";
import { num } from "./sql";


export interface DueCard extends CardView {
  noteTitle: string;
  /** The language of the card's note, which its exercise is written in. */
  noteLocale: Locale;
  /** Review token for this showing; see lib/srs reviewToken. */
  token: string;
}

/** What today's session allows; see sessionCounts. */
export interface SessionPlan {
  limits: Limits;
  /** End of the study day: review cards due before it are due today, as in Anki. */
  dayEnd: Date;
  /** Whether a new card comes before the next review (new cards are spread among the reviews). */
  newNext: boolean;
}

/**
 * The next card to review: learning cards due now first (they have short
 * steps), then today's reviews and new cards, mixed, while the daily limits
 * allow, then learning cards due within LEARN_AHEAD_MS. Without a plan: no
 * limits, reviews due by `now`, reviews before new cards. `preferId` puts a
 * card that can be studied now first (the card an undo just restored).
 */
export async function nextDueCard(db: Db, now: Date, langs?: readonly string[], plan?: SessionPlan, preferId?: string): Promise<DueCard | null> {
  const l = studyableCards(now, langs);
  const include = { note: { select: { title: true, lang: true } } } as const;
  const reviewDue = plan ? { lt: plan.dayEnd } : { lte: now };
  const review = () =>
    !plan || plan.limits.reviewsLeft > 0 ? db.card.findFirst({ where: { ...l, state: State.Review, due: reviewDue }, orderBy: { due: "asc" }, include }) : null;
  const fresh = () =>
    !plan || plan.limits.newLeft > 0
      ? db.card.findFirst({ where: { ...l, state: State.New, due: { lte: now } }, orderBy: [{ noteId: "asc" }, { ord: "asc" }], include })
      : null;
  const [first, second] = plan?.newNext ? [fresh, review] : [review, fresh];
  const row =
    (preferId
      ? await db.card.findFirst({
          where: { ...l, id: preferId, OR: [{ state: State.New }, { due: { lte: new Date(now.getTime() + LEARN_AHEAD_MS) } }, ...(plan ? [{ state: State.Review, due: reviewDue }] : [])] },
          include,
        })
      : null) ??
    (await db.card.findFirst({ where: { ...l, state: { in: [State.Learning, State.Relearning] }, due: { lte: now } }, orderBy: { due: "asc" }, include })) ??
    (await first()) ??
    (await second()) ??
    (await db.card.findFirst({
      where: { ...l, state: { in: [State.Learning, State.Relearning] }, due: { lte: new Date(now.getTime() + LEARN_AHEAD_MS) } },
      orderBy: { due: "asc" },
      include,
    }));
  if (!row) return null;
  const view = toCardView(row);
  return { ...view, noteTitle: row.note.title, noteLocale: noteLocale(row.note.lang), token: reviewToken(view.id, view.schedule) };
}

/** Grades given since `since` (the start of the study day), by the card's state before the grade. Counts every language. */
export async function doneSince(db: Db, since: Date): Promise<DoneToday> {
  const rows = await db.reviewLog.groupBy({ by: ["state"], where: { reviewedAt: { gte: since } }, _count: { _all: true } });
  const n = (state: State) => rows.find((r) => r.state === state)?._count._all ?? 0;
  return { newCards: n(State.New), reviews: n(State.Review), total: rows.reduce((a, r) => a + r._count._all, 0) };
}

export interface SessionCounts extends SessionPlan {
  /** What the session will still show today, after the daily limits. */
  counts: QueueCounts;
  /**
   * The same without the limits: what is due or new at all, counted up to one
   * past what the limits leave (enough to tell that they hold cards back,
   * without counting 30,000 new cards for a limit of 20).
   */
  available: QueueCounts;
  done: DoneToday;
  /** Share of today's work done, 0..1. */
  progress: number;
  /** Earliest due date among studiable cards not due today. */
  nextDue: Date | null;
}

/**
 * Today's session: counts left after the limits (learning cards within the
 * learn-ahead window, reviews due before the end of the study day, new cards),
 * grades given today, progress, and the plan nextDueCard follows. The limits
 * count grades in every language, like one Anki collection.
 */
export async function sessionCounts(
  db: Db,
  now: Date,
  settings: { newPerDay: number; reviewsPerDay: number; dayStartHour: number; timeZone: string },
  langs?: readonly string[],
): Promise<SessionCounts> {
  const l = studyableCards(now, langs);
  const dayEnd = nextDayStart(now, settings.dayStartHour, settings.timeZone);
  const done = await doneSince(db, dayStart(now, settings.dayStartHour, settings.timeZone));
  const limits = limitsLeft(settings, done);
  // Raw SQL: Prisma's count with `take` sorts every matching card before it stops counting.
  const count = async (where: Prisma.Sql, cap: number) =>
    num(
      (
        await db.$queryRaw<{ n: unknown }[]>`
          SELECT count(*) AS n FROM (SELECT 1 FROM "Card" c JOIN "Note" n ON n."id" = c."noteId" WHERE ${studyableSql(now, langs)} AND ${where} LIMIT ${cap})`
      )[0]?.n,
    );
  const [learning, review, fresh, next] = await Promise.all([
    count(Prisma.sql`c."state" IN (${State.Learning}, ${State.Relearning}) AND c."due" <= ${sqlDate(new Date(now.getTime() + LEARN_AHEAD_MS))}`, -1),
    count(Prisma.sql`c."state" = ${State.Review} AND c."due" < ${sqlDate(dayEnd)}`, limits.reviewsLeft + 1),
    count(Prisma.sql`c."state" = ${State.New} AND c."due" <= ${sqlDate(now)}`, limits.newLeft + 1),
    // One state at a time, so that each is a range of the (retired, state, due, …) index, not a walk through every card by due.
    Promise.all(
      [
        { state: State.Learning, due: { gt: now } },
        { state: State.Relearning, due: { gt: now } },
        { state: State.Review, due: { gte: dayEnd } },
      ].map((w) => db.card.findFirst({ where: { ...l, ...w }, orderBy: { due: "asc" }, select: { due: true } })),
    ).then((rows) => rows.reduce<{ due: Date } | null>((a, r) => (r && (!a || r.due < a.due) ? r : a), null)),
  ]);
  const available = { learning, review, new: fresh };
  const counts = queueCounts(available, limits);
  return {
    counts,
    available,
    limits,
    dayEnd,
    newNext: newCardNext(done, counts),
    done,
    progress: progress(done.total, counts),
    nextDue: next?.due ?? null,
  };
}

/**
 * Every card in the content (of notes in `langs`), set aside or not: the home
 * page's "cards in all". Note by note through the card browser's index, so
 * that it counts index entries and never reads a card.
 */
export async function cardTotal(db: Db, langs?: readonly string[]): Promise<number> {
  const rows = await db.$queryRaw<{ n: unknown }[]>`
    SELECT count(*) AS n FROM "Note" n CROSS JOIN "Card" c ON c."noteId" = n."id" WHERE ${currentCardsSql(langs)}`;
  return num(rows[0]?.n);
}

export interface NoteSummary {
  id: string;
  title: string;
  lang: string;
  path: string;
  tags: string[];
  cards: number;
  due: number;
}

/** Every note in `langs`, by path, with its card and due counts (the cram page's chooser). */
export async function listNotes(db: Db, now: Date, langs?: readonly string[]): Promise<NoteSummary[]> {
  const notes = await db.note.findMany({ where: currentNotes(langs), orderBy: { path: "asc" }, select: NOTE_SUMMARY_FIELDS });
  return summariseNotes(db, now, notes);
}

/** Notes on one page of the home page's list. */
export const NOTES_PER_PAGE = 50;

export interface NotePage {
  notes: NoteSummary[];
  /** Notes in `langs` in all. */
  total: number;
  /** 1-based, within 1…pages. */
  page: number;
  pages: number;
}

/** One page of the notes in `langs`, by path (a page past the end gives the last one). */
export async function notesPage(db: Db, now: Date, langs: readonly string[] | undefined, page: number): Promise<NotePage> {
  const where = currentNotes(langs);
  const total = await db.note.count({ where });
  const pages = Math.max(1, Math.ceil(total / NOTES_PER_PAGE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const notes = await db.note.findMany({ where, orderBy: { path: "asc" }, skip: (p - 1) * NOTES_PER_PAGE, take: NOTES_PER_PAGE, select: NOTE_SUMMARY_FIELDS });
  return { notes: await summariseNotes(db, now, notes), total, page: p, pages };
}

const NOTE_SUMMARY_FIELDS = { id: true, title: true, lang: true, path: true, tags: true } as const;

async function summariseNotes(db: Db, now: Date, notes: { id: string; title: string; lang: string; path: string; tags: string }[]): Promise<NoteSummary[]> {
  // Counted for these notes only, as long as their ids fit in one statement's parameters.
  const only = notes.length <= 500 ? { noteId: { in: notes.map((n) => n.id) } } : {};
  const [cards, due] = await Promise.all([
    db.card.groupBy({ by: ["noteId"], where: { ...currentCards(), ...only }, _count: { _all: true } }),
    // Due = studied, due by now, and not set aside (new cards are counted as new, not due).
    db.card.groupBy({ by: ["noteId"], where: { ...studyableCards(now), ...only, state: { in: [State.Learning, State.Review, State.Relearning] }, due: { lte: now } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof cards) => new Map(rows.map((r) => [r.noteId, r._count._all]));
  const cardCounts = count(cards);
  const dueCounts = count(due);
  return notes.map((n) => ({
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: noteTags.decode(n.tags, n.id),
    cards: cardCounts.get(n.id) ?? 0,
    due: dueCounts.get(n.id) ?? 0,
  }));
}

export interface NoteDetail extends NoteSummary {
  prose: string;
  relatedOutlines: string[];
  cardList: CardView[];
}

export async function getNote(db: Db, id: string, now: Date): Promise<NoteDetail | null> {
  const n = await db.note.findUnique({ where: { id }, include: { cards: { where: currentCards(), orderBy: { ord: "asc" } } } });
  if (!n || n.retired) return null;
  const cardList = n.cards.map(toCardView);
  return {
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: noteTags.decode(n.tags, n.id),
    relatedOutlines: noteRelatedOutlines.decode(n.relatedOutlines, n.id),
    prose: n.prose,
    cards: cardList.length,
    due: cardList.filter((c) => isDue({ ...c, state: c.schedule.state, due: c.schedule.due }, now)).length,
    cardList,
  };
}

/** Review-log count for one card; used by tests and the note page. */
export async function reviewLogCount(db: Db, cardId?: string): Promise<number> {
  return db.reviewLog.count(cardId ? { where: { cardId } } : undefined);
}

export async function getCard(db: Db, id: string): Promise<CardView | null> {
  const row = await db.card.findUnique({ where: { id } });
  return row ? toCardView(row) : null;
}

/** A card with the language of its note (which its exercise is written in). */
export async function getCardWithLocale(db: Db, id: string): Promise<(CardView & { noteLocale: Locale }) | null> {
  const row = await db.card.findUnique({ where: { id }, include: { note: { select: { lang: true } } } });
  return row ? { ...toCardView(row), noteLocale: noteLocale(row.note.lang) } : null;
}

export interface CramCard extends CardView {
  noteTitle: string;
  noteLocale: Locale;
}

/**
 * Every card of one note, or of every note carrying `tag`, for cram mode
 * (suspended and not-yet-due cards included; retired ones not). Read only.
 */
export async function cramCards(db: Db, select: { noteId: string } | { tag: string }, langs?: readonly string[]): Promise<CramCard[]> {
  const notes = await db.note.findMany({
    where: { ...currentNotes("noteId" in select ? undefined : langs), ...("noteId" in select ? { id: select.noteId } : {}) },
    include: { cards: { where: currentCards(), orderBy: { ord: "asc" } } },
    orderBy: { path: "asc" },
  });
  const chosen = "tag" in select ? notes.filter((n) => noteTags.decode(n.tags, n.id).includes(select.tag)) : notes;
  return chosen.flatMap((n) => n.cards.map((c) => ({ ...toCardView(c), noteTitle: n.title, noteLocale: noteLocale(n.lang) })));
}

/** Tags of the notes in `langs`, with how many live cards carry each. */
export async function listTags(db: Db, langs?: readonly string[]): Promise<{ tag: string; cards: number }[]> {
  const notes = await db.note.findMany({
    where: currentNotes(langs),
    select: { id: true, tags: true, _count: { select: { cards: { where: currentCards() } } } },
  });
  const counts = new Map<string, number>();
  for (const n of notes) for (const t of noteTags.decode(n.tags, n.id)) counts.set(t, (counts.get(t) ?? 0) + n._count.cards);
  return [...counts].map(([tag, cards]) => ({ tag, cards })).sort((a, b) => a.tag.localeCompare(b.tag));
}
