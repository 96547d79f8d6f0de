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
 * The history is taken as it happened: a card suspended or removed from the
 * content since still left its days overdue; only a card that can come up
 * now (its open span) can keep today or the days since it came due from
 * counting.
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

/** One study day as the review aggregates keep it (lib/db ReviewDay and OverdueDay). */
export interface DayActivity {
  /** dayIndex of the study day. */
  day: number;
  /** Grades given that day. */
  reviews: number;
  /**
   * Overdue spans that begin this day (a studied card due this day and graded
   * on a later one) minus those that end this day (graded this day after
   * being due on an earlier one). Their running sum is the number of cards
   * left overdue at the end of the day.
   */
  overdueChange: number;
}

export interface StreakDaysInput {
  /** Any order; a day may appear more than once (its figures add up). */
  days: readonly DayActivity[];
  /** dayIndex of now. */
  today: number;
  /**
   * The study day on which the earliest card still ungraded and due by now
   * came due (an open span), or null when no studied card is due now.
   */
  openSince: number | null;
}

/**
 * The streak from per-day figures, so that a page reads one row per study
 * day instead of the whole review log; computeStreak (from grade times and
 * due spans) gives the same result for the same history.
 */
export function streakFromDays({ days, today, openSince }: StreakDaysInput): Streak {
  const reviews = new Map<number, number>();
  const change = new Map<number, number>();
  for (const d of days) {
    if (d.reviews > 0 && d.day <= today) reviews.set(d.day, (reviews.get(d.day) ?? 0) + d.reviews);
    if (d.overdueChange !== 0) change.set(d.day, (change.get(d.day) ?? 0) + d.overdueChange);
  }
  if (reviews.size === 0) return { current: 0, todayKept: false, longest: 0, since: null };
  let first = today;
  for (const d of reviews.keys()) first = Math.min(first, d);

  // Cards left overdue at the end of each day from `first` to yesterday: the running sum of the
  // changes (spans that began before `first` included), or a card due since `openSince` and still not graded.
  let overdue = 0;
  for (const [d, c] of change) if (d < first) overdue += c;
  const failed = new Set<number>();
  for (let d = first; d < today; d++) {
    overdue += change.get(d) ?? 0;
    if (overdue > 0 || (openSince !== null && d >= openSince)) failed.add(d);
  }
  const kept = (d: number) => reviews.has(d) && !failed.has(d);
  const todayKept = reviews.has(today) && openSince === null;

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

/** The streak from every grade's time and every due span (see the file comment). */
export function computeStreak({ reviewTimes, dueSpans, now, dayStartHour: h, timeZone: z }: StreakInput): Streak {
  const days: DayActivity[] = [];
  for (const t of reviewTimes) if (t.getTime() <= now.getTime()) days.push({ day: dayIndex(t, h, z), reviews: 1, overdueChange: 0 });
  // A span leaves its card overdue at the end of every day from the day it
  // came due up to the day before it was graded (none if graded that day);
  // one still open does so up to yesterday, and today too if it is due by now.
  let openSince: number | null = null;
  for (const s of dueSpans) {
    if (s.due.getTime() > now.getTime()) continue;
    const from = dayIndex(s.due, h, z);
    if (s.doneAt && s.doneAt.getTime() <= now.getTime()) {
      const done = dayIndex(s.doneAt, h, z);
      if (done > from) days.push({ day: from, reviews: 0, overdueChange: 1 }, { day: done, reviews: 0, overdueChange: -1 });
    } else {
      openSince = openSince === null ? from : Math.min(openSince, from);
    }
  }
  return streakFromDays({ days, today: dayIndex(now, h, z), openSince });
}
