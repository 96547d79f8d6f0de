/**
 * The worker's side: builds an experiment's trainer or runs it, and checks its
 * challenges. Only the Web Worker imports this file, so lib/lab's
 * experiments and the digits data stay out of the page's bundle.
 */
import { checkChallenge, experimentById, isChallengeId, type ExperimentId, type ExperimentResult, type Trainer } from "@/lib/lab/experiments";
import type { ChallengeState } from "./protocol";

type Def = NonNullable<ReturnType<typeof experimentById>>;

function def(id: ExperimentId): Def {
  const d = experimentById(id);
  if (!d) throw new Error(`unknown experiment ${id}`);
  return d;
}

/**
 * A Trainer that may also do its epoch-end work in turns (lib/lab's
 * activations trainer, SettlingTrainer; the others measure inside the step
 * that ends an epoch): `settle()` does one piece and says whether there was
 * any, `peek()` snapshots what is measured so far without settling.
 */
export type LabTrainer = Trainer & { settle?: () => boolean; peek?: () => ExperimentResult };

/**
 * A trainer for a training experiment's settings, already trained for the
 * settings' `epochs` (so the page shows what `run` would, and a prediction
 * "after 5 epochs" is about what is on screen); Play goes on from there.
 * Null for an experiment that does not train.
 */
export function makeTrainer(id: ExperimentId, q: URLSearchParams): LabTrainer | null {
  const d = def(id) as { trainer?: (s: unknown) => LabTrainer; fromQuery: (q: URLSearchParams) => unknown };
  if (!d.trainer) return null;
  const settings = d.fromQuery(q) as { epochs?: unknown };
  const t = d.trainer(settings);
  const epochs = typeof settings.epochs === "number" ? settings.epochs : 0;
  if (epochs > 0) t.step(t.stepsPerEpoch * epochs);
  return t;
}

export function runExperiment(id: ExperimentId, q: URLSearchParams): ExperimentResult {
  const d = def(id) as { run: (s: unknown) => ExperimentResult; fromQuery: (q: URLSearchParams) => unknown };
  return d.run(d.fromQuery(q));
}

/** Every challenge of `ids` checked on these settings and this result. */
export function checkChallenges(id: ExperimentId, ids: readonly string[], q: URLSearchParams, result: ExperimentResult): ChallengeState[] {
  const settings = def(id).fromQuery(q);
  return ids.filter(isChallengeId).map((c) => {
    const r = checkChallenge(c, settings, result);
    return { id: c, solved: r.solved, measured: r.measured };
  });
}
