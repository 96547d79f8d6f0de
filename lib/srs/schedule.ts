import {
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
  return scheduler.useStrategy(StrategyMode.SEED, stateSeed);
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
 * Token for one showing of a card. It is derived from the card's state, so a
 * grade submitted twice with the same token is recognised (the first grade
 * changed the state), and after an undo the same showing can be graded again.
 */
export function reviewToken(cardId: string, s: Pick<CardState, "reps" | "lastReview">): string {
  return `${cardId}@${s.reps}.${s.lastReview ? s.lastReview.getTime() : 0}`;
}
