import { dayIndex } from "@/lib/srs/day";
import { indexToKey } from "./calendar";

/**
 * Study streak.
 *
 * A study day is *kept* when
 *   1. at least one card was graded that day, and
 *   2. no studied card was left overdue at the end of the day: every card that
 *      came due before the next day started (reviews and (re)learning steps
 *      alike; cards never studied do not count) had been graded by then.
 *
 * The streak is the number of kept days in a row ending yesterday, plus today
 * when today is already kept. Today cannot be judged until it is over, so it
 * is judged at `now`: it counts once it has a review and nothing is due now
 * (a card coming due later today does not count against it yet). A day that
 * is not kept (yet) does not break the streak while it is still today.
 *
 * What the history cannot tell: the due dates come from the review log (the
 * state each card had before each grade) and the cards' current state, so a
 * card that was buried or suspended in the past still counted as due then.
 * Cards suspended now are left out of the history entirely.
 */

/** A period during which one studied card was due and not yet graded. */
export interface DueSpan {
  /** When the card came due. */
  due: Date;
  /** When it was graded next, or null if it has not been graded since. */
  doneAt: Date | null;
}

export interface StreakInput {
  /** Times of all grades (any card, any state). */
  reviewTimes: readonly Date[];
  dueSpans: readonly DueSpan[];
  now: Date;
  dayStartHour: number;
  /** IANA zone the study days are counted in. */
  timeZone: string;
}

export interface Streak {
  /** Kept days in a row ending today (if kept) or yesterday. */
  current: number;
  /** Whether today already counts. */
  todayKept: boolean;
  /** The longest run of kept days ever (ending at the latest yesterday or today). */
  longest: number;
  /** The first day of the current streak (YYYY-MM-DD), null when it is 0. */
  since: string | null;
}

export function computeStreak({ reviewTimes, dueSpans, now, dayStartHour: h, timeZone: z }: StreakInput): Streak {
  const today = dayIndex(now, h, z);
  const reviewed = new Set<number>();
  for (const t of reviewTimes) if (t.getTime() <= now.getTime()) reviewed.add(dayIndex(t, h, z));
  if (reviewed.size === 0) return { current: 0, todayKept: false, longest: 0, since: null };
  const first = Math.min(...reviewed);

  // A span leaves its card overdue at the end of every day from the day it
  // came due up to the day before it was graded (none if graded that day);
  // one still open does so up to yesterday, and today too if it is due by now.
  const failed = new Set<number>();
  let todayBlocked = false;
  for (const s of dueSpans) {
    if (s.due.getTime() > now.getTime()) continue;
    const from = Math.max(first, dayIndex(s.due, h, z));
    const done = s.doneAt && s.doneAt.getTime() <= now.getTime() ? dayIndex(s.doneAt, h, z) : null;
    const to = done === null ? today - 1 : Math.min(done - 1, today - 1);
    for (let d = from; d <= to; d++) failed.add(d);
    if (done === null) todayBlocked = true;
  }
  const kept = (d: number) => reviewed.has(d) && !failed.has(d);
  const todayKept = reviewed.has(today) && !todayBlocked;

  let current = 0;
  for (let d = todayKept ? today : today - 1; d >= first && kept(d); d--) current++;
  let longest = 0;
  let run = 0;
  for (let d = first; d <= today; d++) {
    const ok = d === today ? todayKept : kept(d);
    run = ok ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const end = todayKept ? today : today - 1;
  return { current, todayKept, longest, since: current > 0 ? indexToKey(end - current + 1) : null };
}
