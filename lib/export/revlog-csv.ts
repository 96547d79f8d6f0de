import { sha256Hex } from "./sha256";

/**
 * The review log as the CSV that FSRS tools read (the FSRS optimizer's
 * "review logs schema"; fsrs-rs-python's train_csv example reads the same
 * columns): one row per grade, ordered by card then time.
 *
 * - card_id: an integer. The schema allows a string, but Anki's own card ids
 *   are integers and the optimizer's Anki path writes those, so an integer is
 *   what every reader handles. Ours is derived from the card's string id
 *   (first 12 hex digits of its SHA-256, below 2^48 so exact in a double):
 *   the same card gets the same number in every export, whatever cards are
 *   added or retired, and anyone can recompute it from a card id.
 * - review_time: milliseconds since the Unix epoch (UTC).
 * - review_rating: 1 Again, 2 Hard, 3 Good, 4 Easy.
 * - review_state: the card's state when it was graded (before the grade):
 *   0 New, 1 Learning, 2 Review, 3 Relearning.
 * - review_duration: milliseconds spent answering.
 */

export const REVLOG_CSV_HEADER = "card_id,review_time,review_rating,review_state,review_duration";

export interface RevlogEntry {
  cardId: string;
  reviewedAt: Date;
  rating: number;
  /** Card state before the grade. */
  state: number;
  durationMs: number;
}

/** Stable integer id for a card id string (see the file comment). */
export function fsrsCardId(cardId: string): number {
  return Number.parseInt(sha256Hex(cardId).slice(0, 12), 16);
}

export class RevlogExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RevlogExportError";
  }
}

/** The CSV text: the header line, then the rows (just the header when there are none). */
export function formatRevlogCsv(entries: readonly RevlogEntry[]): string {
  const byCard = new Map<string, RevlogEntry[]>();
  for (const e of entries) byCard.set(e.cardId, [...(byCard.get(e.cardId) ?? []), e]);
  let out = `${REVLOG_CSV_HEADER}\n`;
  for (const { cardId, id } of cardsInCsvOrder([...byCard.keys()])) {
    // Stable sort: grades at the same millisecond keep the order they were given in.
    const rows = byCard.get(cardId)!.map((e) => ({ time: reviewTime(e), e })).sort((a, b) => a.time - b.time);
    for (const r of rows) out += `${revlogLine(r.e, id)}\n`;
  }
  return out;
}

/**
 * Cards in the order their rows go in the file (by card_id), with their
 * card_id; two cards with the same card_id are an error. Pass every card that
 * has reviews: then the rows can be written one card after another, never
 * holding the whole log.
 */
export function cardsInCsvOrder(cardIds: readonly string[]): { cardId: string; id: number }[] {
  const cards = cardIds.map((cardId) => ({ cardId, id: fsrsCardId(cardId) })).sort((a, b) => a.id - b.id);
  for (let i = 1; i < cards.length; i++) {
    if (cards[i]!.id === cards[i - 1]!.id) {
      throw new RevlogExportError(`cards "${cards[i - 1]!.cardId}" and "${cards[i]!.cardId}" map to the same card_id ${cards[i]!.id}; rename one of their markers`);
    }
  }
  return cards;
}

function reviewTime(e: RevlogEntry): number {
  const time = e.reviewedAt instanceof Date ? e.reviewedAt.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new RevlogExportError(`review of card "${e.cardId}": the review time ${String(e.reviewedAt)} is not a valid date`);
  return time;
}

/** One review's line (no line break) for the card whose card_id is `id`; a value out of range is an error. */
export function revlogLine(e: RevlogEntry, id: number): string {
  const time = reviewTime(e);
  const where = `review of card "${e.cardId}" at ${e.reviewedAt.toISOString()}`;
  if (!Number.isInteger(e.rating) || e.rating < 1 || e.rating > 4) throw new RevlogExportError(`${where}: rating ${e.rating} is not 1–4`);
  if (!Number.isInteger(e.state) || e.state < 0 || e.state > 3) throw new RevlogExportError(`${where}: state ${e.state} is not 0–3`);
  if (!Number.isFinite(e.durationMs) || e.durationMs < 0) throw new RevlogExportError(`${where}: duration ${e.durationMs} ms is not a non-negative number`);
  return revlogRow(id, time, e.rating, e.state, e.durationMs);
}

/** revlogLine for values already checked (a million rows: no objects, no dates). */
export function revlogRow(id: number, time: number, rating: number, state: number, durationMs: number): string {
  return `${id},${time},${rating},${state},${Math.round(durationMs)}`;
}
