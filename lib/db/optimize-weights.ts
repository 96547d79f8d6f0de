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
import { num } from "./sql";
import { ensureStudyCalendar } from "./study-calendar";

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

function summarise(set: Pick<TrainingSet, "cards" | "incompleteCards"> & { items: number }, settings: StudySettings, enableShortTerm: boolean): OptimizeSummary {
  return {
    items: set.items,
    cards: set.cards,
    incompleteCards: set.incompleteCards,
    minimum: MIN_TRAINING_ITEMS,
    needed: reviewsStillNeeded(set.items),
    weights: settings.weights,
    optimizedAt: settings.optimizedAt,
    enableShortTerm,
  };
}

/**
 * What the settings page shows before a run: how much there is to learn
 * from, the same counts as buildTrainingItems gives, from the CardHistory
 * aggregate (one row per reviewed card, kept by triggers) instead of the
 * whole log. Every review of a card on a later study day than its previous
 * one is an item, so a card whose log starts at "new" gives one item per
 * study day it was graded on, less one; a card whose log starts later is
 * incomplete.
 */
export async function optimizeSummary(db: Db): Promise<OptimizeSummary> {
  const settings = await getSettings(db);
  await ensureStudyCalendar(db, settings.dayStartHour, settings.timeZone);
  const rows = await db.$queryRaw<{ items: unknown; cards: unknown; incomplete: unknown }[]>`
    SELECT sum(CASE WHEN "firstState" = 0 THEN "days" - 1 ELSE 0 END) AS items, sum("firstState" = 0 AND "days" >= 2) AS cards,
      sum("firstState" <> 0) AS incomplete
    FROM "CardHistory"`;
  const r = rows[0];
  const enableShortTerm = schedulerFor(settings).parameters.enable_short_term;
  return summarise({ items: num(r?.items), cards: num(r?.cards), incompleteCards: num(r?.incomplete) }, settings, enableShortTerm);
}

export async function optimizeWeights(db: Db, options: { now: Date; dryRun?: boolean }): Promise<OptimizeReport> {
  const settings = await getSettings(db);
  const { set, enableShortTerm } = trainingSet(await readReviewHistory(db), settings);
  const summary = summarise({ ...set, items: set.items.length }, settings, enableShortTerm);
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
