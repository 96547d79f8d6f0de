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
  const ids = new Map<number, string>();
  const rows = entries.map((e) => {
    const time = e.reviewedAt instanceof Date ? e.reviewedAt.getTime() : Number.NaN;
    if (!Number.isFinite(time)) throw new RevlogExportError(`review of card "${e.cardId}": the review time ${String(e.reviewedAt)} is not a valid date`);
    const where = `review of card "${e.cardId}" at ${e.reviewedAt.toISOString()}`;
    if (!Number.isInteger(e.rating) || e.rating < 1 || e.rating > 4) throw new RevlogExportError(`${where}: rating ${e.rating} is not 1–4`);
    if (!Number.isInteger(e.state) || e.state < 0 || e.state > 3) throw new RevlogExportError(`${where}: state ${e.state} is not 0–3`);
    if (!Number.isFinite(e.durationMs) || e.durationMs < 0) throw new RevlogExportError(`${where}: duration ${e.durationMs} ms is not a non-negative number`);
    const id = fsrsCardId(e.cardId);
    const other = ids.get(id);
    if (other !== undefined && other !== e.cardId) {
      throw new RevlogExportError(`cards "${other}" and "${e.cardId}" map to the same card_id ${id}; rename one of their markers`);
    }
    ids.set(id, e.cardId);
    return { id, time, line: `${id},${time},${e.rating},${e.state},${Math.round(e.durationMs)}` };
  });
  // Stable sort: grades at the same millisecond keep the order they were given in.
  rows.sort((a, b) => a.id - b.id || a.time - b.time);
  return [REVLOG_CSV_HEADER, ...rows.map((r) => r.line)].join("\n") + "\n";
}
