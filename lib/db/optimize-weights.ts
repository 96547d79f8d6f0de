import "server-only";
import { default_w } from "ts-fsrs";
import { schedulerFor } from "@/lib/srs/config";
import { evaluateWeights, fitWeights } from "./fsrs-binding";
import {
  buildTrainingItems,
  decide,
  MIN_TRAINING_ITEMS,
  reviewsStillNeeded,
  roundWeights,
  sameWeights,
  type Evaluation,
  type TrainingSet,
} from "@/lib/srs/optimize";
import { parseSteps, type StudySettings } from "@/lib/srs/settings";
import type { Db } from "./client";
import { readReviewHistory } from "./review-history";
import { getSettings, saveWeights, type ServerSettings } from "./settings";

/**
 * "Optimise my parameters": reads the review log, fits FSRS weights to it,
 * compares them with the defaults (and with the weights in use, if those are
 * not the defaults) on the same items, and adopts them only if they predict
 * the log better. Nothing is written unless they are adopted.
 */

export const DEFAULT_WEIGHTS: readonly number[] = [...default_w];

export interface OptimizeSummary {
  /** Reviews usable as training targets (a card's review on a later day than its previous one). */
  items: number;
  cards: number;
  incompleteCards: number;
  minimum: number;
  needed: number;
  /** Weights in use now; null = the defaults. */
  weights: number[] | null;
  optimizedAt: Date | null;
  enableShortTerm: boolean;
}

export type OptimizeReport =
  | ({ status: "too-few" } & OptimizeSummary)
  | ({ status: "cannot-evaluate"; message: string } & OptimizeSummary)
  | ({
      status: "done";
      defaults: Evaluation;
      /** The weights in use before this run, when they were not the defaults. */
      current: Evaluation | null;
      optimised: Evaluation;
      optimisedWeights: number[];
      adopted: boolean;
      reason: "better" | "not-better" | "unchanged";
      dryRun: boolean;
    } & OptimizeSummary);

function trainingSet(reviews: Awaited<ReturnType<typeof readReviewHistory>>, settings: ServerSettings) {
  const enableShortTerm = schedulerFor(settings).parameters.enable_short_term;
  const set: TrainingSet = buildTrainingItems(reviews, { dayStartHour: settings.dayStartHour, timeZone: settings.timeZone, enableShortTerm });
  return { set, enableShortTerm };
}

function summarise(set: TrainingSet, settings: StudySettings, enableShortTerm: boolean): OptimizeSummary {
  return {
    items: set.items.length,
    cards: set.cards,
    incompleteCards: set.incompleteCards,
    minimum: MIN_TRAINING_ITEMS,
    needed: reviewsStillNeeded(set.items.length),
    weights: settings.weights,
    optimizedAt: settings.optimizedAt,
    enableShortTerm,
  };
}

/** What the settings page shows before a run: how much there is to learn from. */
export async function optimizeSummary(db: Db): Promise<OptimizeSummary> {
  const settings = await getSettings(db);
  const { set, enableShortTerm } = trainingSet(await readReviewHistory(db), settings);
  return summarise(set, settings, enableShortTerm);
}

export async function optimizeWeights(db: Db, options: { now: Date; dryRun?: boolean }): Promise<OptimizeReport> {
  const settings = await getSettings(db);
  const { set, enableShortTerm } = trainingSet(await readReviewHistory(db), settings);
  const summary = summarise(set, settings, enableShortTerm);
  if (summary.needed > 0) return { status: "too-few", ...summary };

  const fitted = await fitWeights(set.items, {
    enableShortTerm,
    numRelearningSteps: parseSteps(settings.relearningSteps).length,
  });
  const optimisedWeights = roundWeights(fitted);
  const defaults = await evaluateWeights(set.items, DEFAULT_WEIGHTS);
  const optimised = await evaluateWeights(set.items, optimisedWeights);
  const custom = settings.weights && !sameWeights(settings.weights, DEFAULT_WEIGHTS) ? settings.weights : null;
  const current = custom ? await evaluateWeights(set.items, custom) : null;
  if (!defaults || !optimised || (custom && !current)) {
    return {
      status: "cannot-evaluate",
      message: "After dropping outliers the optimiser had too few reviews left to evaluate; nothing was changed.",
      ...summary,
    };
  }
  const decision = decide(optimised, defaults, current, sameWeights(optimisedWeights, DEFAULT_WEIGHTS));
  const dryRun = options.dryRun ?? false;
  let after = summary;
  if (decision.adopt && !dryRun) {
    await saveWeights(db, optimisedWeights, options.now);
    after = { ...summary, weights: optimisedWeights, optimizedAt: options.now };
  }
  return {
    status: "done",
    ...after,
    defaults,
    current,
    optimised,
    optimisedWeights,
    adopted: decision.adopt && !dryRun,
    reason: decision.reason,
    dryRun,
  };
}

/** Goes back to the default weights. */
export async function resetWeights(db: Db, now: Date): Promise<void> {
  await saveWeights(db, null, now);
}
