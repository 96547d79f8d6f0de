import "server-only";
import type { FSRS } from "ts-fsrs";
import type { CardStanding } from "@/lib/interview/pick";
import { INTERVIEW_SESSION_RE } from "@/lib/interview/session-id";
import { retrievability } from "@/lib/srs/retrievability";
import { Rating, showingToken, State } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { stateOf } from "./cards";
import { gradeCard } from "./reviews";

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

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The transaction client, usable where a Db is expected: its `$transaction`
 * runs the callback inside the transaction already open, so that gradeCard
 * (which opens its own) writes into this one and all the grades commit or
 * roll back together.
 */
function withinTransaction(tx: Tx): Db {
  const inner = (fn: (t: Tx) => Promise<unknown>) => fn(tx);
  return new Proxy(tx, { get: (target, prop) => (prop === "$transaction" ? inner : Reflect.get(target, prop)) }) as unknown as Db;
}

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
  return db.$transaction(async (tx) => {
    const inTx = withinTransaction(tx);
    const out: MissOutcome[] = [];
    for (const cardId of [...new Set(input.cardIds)]) {
      if (await tx.reviewLog.findFirst({ where: { cardId, token: { endsWith: suffix } }, select: { id: true } })) {
        out.push({ cardId, outcome: "already" });
        continue;
      }
      const row = await tx.card.findUnique({ where: { id: cardId } });
      if (!row || row.retired) {
        out.push({ cardId, outcome: "not-found" });
        continue;
      }
      const r = await gradeCard(inTx, {
        cardId,
        token: showingToken(cardId, stateOf(row), input.session),
        rating: Rating.Again,
        now: input.now,
        durationMs: input.durationMs,
        scheduler: input.scheduler,
        ...(input.studyDay ? { studyDay: input.studyDay } : {}),
      });
      // The state was read in this transaction, so the token cannot be stale; anything else is a bug worth rolling back for.
      if (!r.ok) throw new Error(`gradeInterviewMisses: ${cardId}: ${r.error}`);
      out.push({ cardId, outcome: "graded", due: r.due });
    }
    return out;
  });
}
