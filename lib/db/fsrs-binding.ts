import "server-only";
import type { FSRSBindingItem } from "@open-spaced-repetition/binding";
import type { Evaluation, TrainingItem } from "@/lib/srs/optimize";

/**
 * The FSRS optimiser (fsrs-rs through @open-spaced-repetition/binding, a
 * native module: server only). Items are checked here first, because the
 * native code aborts the whole process, uncatchably, on an item without any
 * review across days.
 */

function checkItems(items: readonly TrainingItem[]): void {
  items.forEach((item, i) => {
    const last = item[item.length - 1];
    const ok =
      item.length >= 2 &&
      item[0]!.deltaDays === 0 &&
      last!.deltaDays > 0 &&
      item.every((r) => Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 4 && Number.isInteger(r.deltaDays) && r.deltaDays >= 0);
    if (!ok) throw new Error(`training item ${i} is malformed: it must start with a gap of 0 and end with a review on a later day`);
  });
}

type Binding = typeof import("@open-spaced-repetition/binding");

/**
 * The native module, loaded on first use: fsrs-rs 0.5.0 ships a binary for
 * linux-x64-gnu only, and on any other platform the rest of the app (the
 * settings page included) must still work; only optimising says it cannot.
 */
async function binding(): Promise<Binding> {
  try {
    const mod = (await import("@open-spaced-repetition/binding")) as Partial<Binding> & { default?: Binding };
    const b = (typeof mod.computeParameters === "function" ? mod : mod.default) as Binding;
    if (typeof b.FSRSBinding?.prototype?.evaluate !== "function") throw new Error("this build of the binding has no evaluate()");
    return b;
  } catch (err) {
    throw new Error(`The FSRS optimiser is not available on this platform (${process.platform}-${process.arch}): ${(err as Error).message}`);
  }
}

function toBinding(b: Binding, items: readonly TrainingItem[]): FSRSBindingItem[] {
  checkItems(items);
  return items.map((item) => new b.FSRSBindingItem(item.map((r) => new b.FSRSBindingReview(r.rating, r.deltaDays))));
}

export interface FitOptions {
  enableShortTerm: boolean;
  /** Number of relearning steps of the scheduler; bounds weights 17 and 18 the way ts-fsrs does. */
  numRelearningSteps: number;
}

/** Fits FSRS-6 weights (21 numbers) to the items. */
export async function fitWeights(items: readonly TrainingItem[], options: FitOptions): Promise<number[]> {
  checkItems(items);
  const b = await binding();
  const weights = await b.computeParameters(toBinding(b, items), {
    enableShortTerm: options.enableShortTerm,
    numRelearningSteps: options.numRelearningSteps,
  });
  if (weights.length !== 21 || !weights.every(Number.isFinite)) throw new Error(`the optimiser returned ${weights.length} weights, expected 21 finite numbers`);
  return weights;
}

/**
 * Log loss and RMSE(bins) of `weights` on the items, or null when the
 * optimiser finds too little data to evaluate (it drops outliers first).
 */
export async function evaluateWeights(items: readonly TrainingItem[], weights: readonly number[]): Promise<Evaluation | null> {
  checkItems(items);
  const b = await binding();
  try {
    const { logLoss, rmseBins } = new b.FSRSBinding([...weights]).evaluate(toBinding(b, items));
    return { logLoss, rmseBins };
  } catch (err) {
    if (/NotEnoughData/.test((err as Error).message)) return null;
    throw err;
  }
}
