import "server-only";
import type { FSRS } from "ts-fsrs";
import type { CardStanding } from "@/lib/interview/pick";
import { INTERVIEW_SESSION_RE } from "@/lib/interview/session-id";
import { retrievability } from "@/lib/srs/retrievability";
import { Rating, showingToken, State } from "@/lib/srs/schedule";
import { writeTransaction, type Db } from "./client";
import { stateOf } from "./cards";
import { gradeIn } from "./reviews";

/**
 * The mock interview's reads and its one write: what the schedule knows about
 * the cards behind key points, and grading the cards behind missed points.
 */

/** What the schedule says about each live card of `ids` at `now` (retired and unknown cards are left out). */
export async function keyPointStanding(db: Db, ids: readonly string[], now: Date, scheduler: FSRS): Promise<Map<string, CardStanding>> {
  const rows = await db.card.findMany({ where: { id: { in: [...new Set(ids)] }, retired: false } });
  return new Map(
    rows.map((row) => {
      const s = stateOf(row);
      return [row.id, { retrievability: retrievability(scheduler, s, now), due: s.state !== State.New && row.due <= now, lapses: s.lapses, isNew: s.state === State.New }];
    }),
  );
}


export type MissOutcome =
  /** Graded Again now; due again at `due`. */
  | { cardId: string; outcome: "graded"; due: Date }
  /** This interview already graded it (a reload, a second click): nothing changed. */
  | { cardId: string; outcome: "already" }
  /** No such live card (deleted from the notes since). */
  | { cardId: string; outcome: "not-found" };

/**
 * Grades Again every card behind a missed point of interview `session`, in
 * one transaction, through gradeCard (so FSRS, the review log and every
 * aggregate see an ordinary review). Each grade's token is a showing token
 * whose nonce is the session id: a card this session already graded (found by
 * that nonce in the review log) is not graded again, however often the
 * learner confirms or reloads.
 */
export async function gradeInterviewMisses(
  db: Db,
  input: {
    session: string;
    cardIds: readonly string[];
    now: Date;
    scheduler: FSRS;
    /** Time spent on the questions behind the cards, recorded as each review's duration (capped like any answer). */
    durationMs: number;
    studyDay?: { dayStartHour: number; timeZone: string };
  },
): Promise<MissOutcome[]> {
  if (!INTERVIEW_SESSION_RE.test(input.session)) throw new Error(`gradeInterviewMisses: bad session id "${input.session}"`);
  const suffix = `~${input.session}`;
  const ids = [...new Set(input.cardIds)];
  const rows = new Map((await db.card.findMany({ where: { id: { in: ids } } })).map((r) => [r.id, r]));
  const already = new Set((await db.reviewLog.findMany({ where: { cardId: { in: ids }, token: { endsWith: suffix } }, select: { cardId: true } })).map((l) => l.cardId));
  // All the grades in one synchronous transaction (lib/db/client writeTransaction): they commit together or not at all.
  // gradeIn checks each token against the card's state inside it, so a card changed since the reads above rolls everything back.
  return writeTransaction(db, (sql) =>
    ids.map((cardId): MissOutcome => {
      if (already.has(cardId)) return { cardId, outcome: "already" };
      const row = rows.get(cardId);
      if (!row || row.retired) return { cardId, outcome: "not-found" };
      const r = gradeIn(sql, {
        cardId,
        token: showingToken(cardId, stateOf(row), input.session),
        rating: Rating.Again,
        now: input.now,
        durationMs: input.durationMs,
        scheduler: input.scheduler,
        ...(input.studyDay ? { studyDay: input.studyDay } : {}),
      });
      if (!r.ok) throw new Error(`gradeInterviewMisses: ${cardId}: ${r.error}`);
      return r.duplicate ? { cardId, outcome: "already" } : { cardId, outcome: "graded", due: r.due };
    }),
  );
}
