import { EngineError } from "../errors";
import { batchnormForward } from "./batchnorm-forward";
import { chainBiasGradient } from "./chain-bias-gradient";
import { chainBiasRatio } from "./chain-bias-ratio";
import { explodingWindowExercise } from "./exploding-window";
import { gradientClipping } from "./gradient-clipping";
import { initVariance } from "./init-variance";
import { jacobianSpectral } from "./jacobian-spectral";
import { lrDivergence } from "./lr-divergence";
import { mlpLayerSpeed } from "./mlp-layer-speed";
import { reluDeadUnits } from "./relu-dead-units";
import { residualGradient } from "./residual-gradient";
import { rnnBpttFactor } from "./rnn-bptt-factor";
import { sigmoidDerivative } from "./sigmoid-derivative";
import type { ExerciseGenerator, ExerciseInstance, ExerciseParams } from "./types";

/** Every exercise generator, by id. Quiz blocks in content/ name these ids. */
export const GENERATORS: Readonly<Record<string, ExerciseGenerator>> = Object.fromEntries(
  [
    chainBiasGradient,
    chainBiasRatio,
    sigmoidDerivative,
    explodingWindowExercise,
    mlpLayerSpeed,
    jacobianSpectral,
    reluDeadUnits,
    rnnBpttFactor,
    gradientClipping,
    initVariance,
    residualGradient,
    batchnormForward,
    lrDivergence,
  ].map((g) => [g.id, g]),
);

export const GENERATOR_IDS: readonly string[] = Object.keys(GENERATORS).sort();

export function getGenerator(id: string): ExerciseGenerator {
  // Own keys only: a quiz naming "constructor" or "toString" is unknown, not Object.prototype's.
  const g = Object.hasOwn(GENERATORS, id) ? GENERATORS[id] : undefined;
  if (!g) throw new EngineError("generator", `unknown generator "${id}"`);
  return g;
}

/** Builds the instance for a quiz card: its declared params plus the difficulty knob. */
export function buildInstance(
  generator: string,
  seed: number,
  quiz: { difficulty: number; params: Record<string, string | number | boolean> },
): ExerciseInstance {
  const params: ExerciseParams = { ...quiz.params, difficulty: quiz.difficulty };
  return getGenerator(generator).generate(seed, params);
}
