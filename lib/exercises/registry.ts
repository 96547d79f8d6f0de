import { EngineError } from "@/lib/engine/errors";
import type { Locale } from "@/lib/i18n/locale";
import { batchnormForward } from "./generators/batchnorm-forward";
import { chainBiasGradient } from "./generators/chain-bias-gradient";
import { chainBiasRatio } from "./generators/chain-bias-ratio";
import { explodingWindowExercise } from "./generators/exploding-window";
import { fp16LossScaling } from "./generators/fp16-loss-scaling";
import { globalNormClipping } from "./generators/global-norm-clipping";
import { gradientCheck } from "./generators/gradient-check";
import { gradientClipping } from "./generators/gradient-clipping";
import { initVariance } from "./generators/init-variance";
import { jacobianSpectral } from "./generators/jacobian-spectral";
import { labPredict } from "./generators/lab-predict";
import { layernorm } from "./generators/layernorm";
import { leakyHeVarianceExercise } from "./generators/leaky-he-variance";
import { lrDivergence } from "./generators/lr-divergence";
import { mlpLayerSpeed } from "./generators/mlp-layer-speed";
import { reluDeadUnits } from "./generators/relu-dead-units";
import { residualGradient } from "./generators/residual-gradient";
import { rnnBpttFactor } from "./generators/rnn-bptt-factor";
import { sigmoidDerivative } from "./generators/sigmoid-derivative";
import { softmaxScaling } from "./generators/softmax-scaling";
import type { ExerciseGenerator, ExerciseInstance, ExerciseParams } from "./types";

/** Every exercise generator, by id. Exercise blocks in content/ name these ids. */
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
    layernorm,
    gradientCheck,
    softmaxScaling,
    fp16LossScaling,
    leakyHeVarianceExercise,
    globalNormClipping,
    labPredict,
  ].map((g) => [g.id, g]),
);

export const GENERATOR_IDS: readonly string[] = Object.keys(GENERATORS).sort();

export function getGenerator(id: string): ExerciseGenerator {
  // Own keys only: an exercise naming "constructor" or "toString" is unknown, not Object.prototype's.
  const g = Object.hasOwn(GENERATORS, id) ? GENERATORS[id] : undefined;
  if (!g) throw new EngineError("generator", `unknown generator "${id}"`);
  return g;
}

/** Builds the instance for an exercise card: its declared params plus the difficulty knob. */
export function buildInstance(
  generator: string,
  seed: number,
  spec: { difficulty: number; params: Record<string, string | number | boolean> },
  locale: Locale = "en",
): ExerciseInstance {
  const params: ExerciseParams = { ...spec.params, difficulty: spec.difficulty };
  return getGenerator(generator).generate(seed, params, locale);
}
