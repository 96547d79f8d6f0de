import {
  ConvertStepUnitToMinutes,
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  StrategyMode,
  type AbstractScheduler,
  type Card as FsrsCard,
  type Grade,
  type FSRS,
  type StepUnit,
  type TLearningStepsStrategy,
} from "ts-fsrs";

/**
 * The scheduling state of a card, as stored in the database (camelCase
 * mirror of ts-fsrs' Card). Every field is needed to restore a card exactly.
 */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs' State, stored as its number (New 0, Learning 1, Review 2, Relearning 3) */
  state: State;
  lastReview: Date | null;
}

/** What a review log row records about the card before the grade. */
export interface ReviewRecord {
  rating: Rating;
  state: State;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
}

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;
export const GRADE_NAMES: Record<number, string> = { [Rating.Again]: "Again", [Rating.Hard]: "Hard", [Rating.Good]: "Good", [Rating.Easy]: "Easy" };

export interface SchedulerOptions {
  /** Desired retention, 0.70–0.97. */
  retention?: number;
  maximumInterval?: number;
  enableFuzz?: boolean;
  weights?: readonly number[];
  /** (Re)learning steps such as ["1m", "10m"]; see lib/srs/settings parseSteps. */
  learningSteps?: readonly string[];
  relearningSteps?: readonly string[];
}

/**
 * Fuzz seed from the card's state before the review, not from the review
 * time (ts-fsrs' default): the interval a grade button shows is then the one
 * the grade gives, however long the learner looks at the answer.
 */
function stateSeed(this: AbstractScheduler): string {
  const before = Reflect.get(this, "last") as FsrsCard & { cardId?: string };
  const time = (d: Date | string | number | null | undefined) => (d == null ? 0 : new Date(d).getTime());
  // The card's id keeps cards in the same state (new cards from one sync) from all landing on the same day.
  return `${before.cardId ?? ""}_${time(before.due)}_${time(before.last_review)}_${before.reps}_${before.difficulty * before.stability}`;
}

/** The ts-fsrs card for a state, carrying the card id for the fuzz seed. */
function fsrsCard(s: CardState, cardId?: string): FsrsCard {
  return cardId === undefined ? toFsrs(s) : Object.assign(toFsrs(s), { cardId });
}

const DAY_MINUTES = 1440;

/** Anki's maybe_round_in_days: a delay longer than a day is a whole number of days. */
function roundInDays(minutes: number): number {
  return minutes > DAY_MINUTES ? Math.round(minutes / DAY_MINUTES) * DAY_MINUTES : minutes;
}

/**
 * (Re)learning steps as Anki applies them (rslib/src/scheduler/states/steps.rs),
 * where ts-fsrs' BasicLearningStepsStrategy differs on Hard:
 *
 * - Again goes back to the first step.
 * - Hard on the first step waits the average of the first two steps (1m 10m:
 *   6m, which Anki writes as 330 s and ts-fsrs rounds to whole minutes), or
 *   with one step half as long again, at most a day more; on any later step
 *   it repeats the current step (1m 10m, second step: 10m). ts-fsrs 5.4 uses
 *   the first-step average on every step (6m), although its own documentation
 *   of `Steps` gives "step2(good): again=1m hard=10m".
 * - Good moves to the next step; past the last one FSRS graduates the card.
 * - A review card's lapse (Again) starts the relearning steps.
 *
 * `curStep` is the index of the step the card is waiting on (ts-fsrs'
 * learning_steps), as Anki's `remaining` counts down to it.
 */
export const ankiLearningSteps: TLearningStepsStrategy = (params, state, curStep) => {
  const steps = (state === State.Relearning || state === State.Review ? params.relearning_steps : params.learning_steps) as readonly StepUnit[];
  if (steps.length === 0 || curStep >= steps.length) return {};
  const minutes = (i: number) => ConvertStepUnitToMinutes(steps[i]!);
  const first = minutes(0);
  if (state === State.Review) return { [Rating.Again]: { scheduled_minutes: first, next_step: 0 } };
  const at = Math.max(0, curStep);
  const hard =
    at > 0
      ? minutes(at)
      : steps.length > 1
        ? roundInDays(Math.round((first + minutes(1)) / 2))
        : roundInDays(Math.min(Math.round(first * 1.5), first + DAY_MINUTES));
  return {
    [Rating.Again]: { scheduled_minutes: first, next_step: 0 },
    [Rating.Hard]: { scheduled_minutes: hard, next_step: at },
    ...(at + 1 < steps.length ? { [Rating.Good]: { scheduled_minutes: minutes(at + 1), next_step: at + 1 } } : {}),
  };
};

export function createScheduler(options: SchedulerOptions = {}): FSRS {
  const scheduler = fsrs(
    generatorParameters({
      request_retention: options.retention ?? 0.9,
      maximum_interval: options.maximumInterval ?? 36500,
      enable_fuzz: options.enableFuzz ?? false,
      ...(options.weights ? { w: [...options.weights] } : {}),
      ...(options.learningSteps ? { learning_steps: [...options.learningSteps] as `${number}m`[] } : {}),
      ...(options.relearningSteps ? { relearning_steps: [...options.relearningSteps] as `${number}m`[] } : {}),
    }),
  );
  return scheduler.useStrategy(StrategyMode.SEED, stateSeed).useStrategy(StrategyMode.LEARNING_STEPS, ankiLearningSteps);
}

export function toFsrs(s: CardState): FsrsCard {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.lastReview ? { last_review: s.lastReview } : {}),
  };
}

export function fromFsrs(c: FsrsCard): CardState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

/** A brand-new card, due now. */
export function newCardState(now: Date): CardState {
  return fromFsrs(createEmptyCard(now));
}

export function isGrade(n: number): n is Grade {
  return n === Rating.Again || n === Rating.Hard || n === Rating.Good || n === Rating.Easy;
}

/** Applies one grade. Pure: `now` is the review time. */
export function grade(
  scheduler: FSRS,
  state: CardState,
  rating: Grade,
  now: Date,
  cardId?: string,
): { next: CardState; record: ReviewRecord } {
  const { card, log } = scheduler.next(fsrsCard(state, cardId), now, rating);
  return {
    next: fromFsrs(card),
    record: {
      rating: log.rating,
      state: log.state,
      due: log.due,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      reviewedAt: log.review,
    },
  };
}

/** Next due date for each of the four grades, for the grade buttons. */
export function previewDue(scheduler: FSRS, state: CardState, now: Date, cardId?: string): Record<Grade, Date> {
  const preview = scheduler.repeat(fsrsCard(state, cardId), now);
  return {
    [Rating.Again]: preview[Rating.Again].card.due,
    [Rating.Hard]: preview[Rating.Hard].card.due,
    [Rating.Good]: preview[Rating.Good].card.due,
    [Rating.Easy]: preview[Rating.Easy].card.due,
  } as Record<Grade, Date>;
}

export { Rating, State };

/**
 * The state part of a review token: it names the card's state, so a grade
 * for a state the card has left (graded in another tab, reset) is refused.
 * A token without a showing part (tests, scripts) is this alone.
 */
export function reviewToken(cardId: string, s: Pick<CardState, "reps" | "lastReview">): string {
  return `${cardId}@${s.reps}.${s.lastReview ? s.lastReview.getTime() : 0}`;
}

/**
 * Token for one showing of a card: its state part plus `nonce`, drawn afresh
 * for every showing. The same token submitted twice (a retried request, a
 * double key press) is one grade; two tabs showing the same card hold
 * different tokens, so the second grade is told the first one happened; and
 * a card restored by undo is shown with a new token, so a replay of the
 * undone grade's token is recognised and refused.
 */
export function showingToken(cardId: string, s: Pick<CardState, "reps" | "lastReview">, nonce: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) throw new Error(`showingToken: bad nonce "${nonce}"`);
  return `${reviewToken(cardId, s)}~${nonce}`;
}

/** A token's parts: its state part, and the reps count that state part names (null when the token is not one of ours). */
export function parseReviewToken(token: string): { state: string; reps: number | null } {
  const at = token.lastIndexOf("@");
  const tilde = token.lastIndexOf("~");
  // The showing part follows the state part, whose tail is digits and a dot only.
  const state = tilde > at && at >= 0 ? token.slice(0, tilde) : token;
  const m = at >= 0 ? /^(\d+)\.\d+$/.exec(state.slice(at + 1)) : null;
  return { state, reps: m ? Number(m[1]) : null };
}
