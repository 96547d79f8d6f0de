import { EngineError } from "@/lib/engine/errors";
import { batchnormForward } from "./generators/batchnorm-forward";
import { chainBiasGradient } from "./generators/chain-bias-gradient";
import { chainBiasRatio } from "./generators/chain-bias-ratio";
import { explodingWindowExercise } from "./generators/exploding-window";
import { gradientClipping } from "./generators/gradient-clipping";
import { initVariance } from "./generators/init-variance";
import { jacobianSpectral } from "./generators/jacobian-spectral";
import { lrDivergence } from "./generators/lr-divergence";
import { mlpLayerSpeed } from "./generators/mlp-layer-speed";
import { reluDeadUnits } from "./generators/relu-dead-units";
import { residualGradient } from "./generators/residual-gradient";
import { rnnBpttFactor } from "./generators/rnn-bptt-factor";
import { sigmoidDerivative } from "./generators/sigmoid-derivative";
import type { Locale } from "@/lib/i18n/locale";
import type { LegacyGenerator } from "./legacy";
import type { ExerciseGenerator, ExerciseInstance, ExerciseParams } from "./types";

/** TEMPORARY while generators move to defineExercise (issue 11): an English-only generator seen through the new interface. */
function fromOld(g: LegacyGenerator | ExerciseGenerator): ExerciseGenerator {
  if ("titles" in g) return g;
  return {
    id: g.id,
    titles: { en: g.title, zh: g.title },
    params: g.params,
    steps: () => null,
    generate: (seed, params, locale: Locale = "en") => ({ ...g.generate(seed, params), locale }),
  };
}

/** Every exercise generator, by id. Exercise blocks in content/ name these ids. */
export const GENERATORS: Readonly<Record<string, ExerciseGenerator>> = Object.fromEntries(
  [
    chainBiasGradient,
    fromOld(chainBiasRatio),
    fromOld(sigmoidDerivative),
    fromOld(explodingWindowExercise),
    fromOld(mlpLayerSpeed),
    fromOld(jacobianSpectral),
    fromOld(reluDeadUnits),
    fromOld(rnnBpttFactor),
    fromOld(gradientClipping),
    fromOld(initVariance),
    fromOld(residualGradient),
    fromOld(batchnormForward),
    fromOld(lrDivergence),
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
