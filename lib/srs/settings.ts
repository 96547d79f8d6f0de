import { z } from "zod";

/**
 * The learner's study settings (stored in the database, one row). Pure: the
 * types, defaults and validation live here; lib/db/settings.ts stores them.
 * Defaults follow Anki with FSRS.
 */

/** A (re)learning step: a whole number of minutes, hours or days, e.g. "10m", "1h", "1d". */
const STEP = /^([1-9]\d{0,4})(m|h|d)$/;

/** "1m 10m" → ["1m", "10m"]; throws a message naming the bad step. */
export function parseSteps(text: string): string[] {
  const steps = text.trim().split(/[\s,]+/).filter(Boolean);
  for (const s of steps) {
    if (!STEP.test(s)) throw new Error(`"${s}" is not a step: write a whole number from 1 up followed by m, h or d (e.g. 10m, 1h, 1d)`);
  }
  return steps;
}

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

const stepsField = z.string().max(200).superRefine((v, ctx) => {
  try {
    parseSteps(v);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
  }
});

export const settingsSchema = z.object({
  /** Desired retention: the probability of recalling a card when it comes due. */
  retention: z.number().min(0.7).max(0.97),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  learningSteps: stepsField,
  relearningSteps: stepsField,
  /** Longest interval in days. */
  maximumInterval: z.number().int().min(1).max(36500),
  fuzz: z.boolean(),
  /** Local hour at which a new study day starts (Anki: 4 am). */
  dayStartHour: z.number().int().min(0).max(23),
  /** Anki's "bury new siblings": answering a card keeps the other new cards of its note for the next study day. */
  buryNewSiblings: z.boolean(),
  /** Anki's "bury review siblings": the same for the note's other review cards due today. */
  buryReviewSiblings: z.boolean(),
  /** Live exercises taken from the review and new queues per study day (their learning steps are never held back). */
  exercisesPerDay: z.number().int().min(0).max(9999),
  theme: z.enum(THEMES),
});

export type StudySettings = z.infer<typeof settingsSchema> & {
  /** FSRS weights adopted from the optimiser; null = the defaults. */
  weights: number[] | null;
  optimizedAt: Date | null;
};

export const DEFAULT_SETTINGS: StudySettings = {
  retention: 0.9,
  newPerDay: 20,
  reviewsPerDay: 200,
  learningSteps: "1m 10m",
  relearningSteps: "10m",
  maximumInterval: 36500,
  fuzz: true,
  dayStartHour: 4,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  exercisesPerDay: 10,
  theme: "system",
  weights: null,
  optimizedAt: null,
};

/** A card that lapses this many times is a leech (Anki's default threshold). */
export const LEECH_LAPSES = 8;

/**
 * How the interval of a card changes when desired retention goes from 0.90 to
 * `retention`, for FSRS's power forgetting curve R(t) = (1 + f·t/S)^(−d):
 * the interval is S/f·(R^(−1/d) − 1), so the ratio is independent of S.
 * `decay` is d (FSRS-6 default 0.1542).
 */
export function intervalRatio(retention: number, decay = 0.1542): number {
  const at = (r: number) => Math.pow(r, -1 / decay) - 1;
  return at(retention) / at(0.9);
}
