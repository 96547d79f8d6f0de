import { type ActivationName, createRng } from "../../engine";
import { CLASSES, PIXELS } from "../digits";
import { RemedyNet, remedyModel, type RemedyVariant } from "../remedy-net";
import { Stepper } from "../stepper";
import { layerName, perLayerChart } from "./charts";
import { defineExperiment, finiteFacts, SEED_CONTROL, series } from "./define";
import { labSplit, stepperTrainer } from "./depth";
import { type Chart, type Control, type ExperimentResult, type Trainer } from "./types";

export const REMEDY_VARIANTS = ["plain", "residual", "batchnorm"] as const;

/**
 * Plain vs residual vs BatchNorm nets of the same depth on the digits (see
 * lib/lab/remedy-net.ts), each drawn from the same seed. The per-layer
 * quantity is ‖∂C/∂Wˡ‖_F, since BatchNorm layers have no bias.
 *
 * Charts: "norms" (x layer, y weightGradNorm over 1,000 images, one series
 * per variant, after `epochs`); "normsInit" (the same at initialisation);
 * "accuracy" (x epoch, per variant); while training, "gradHistory-<variant>"
 * (smoothed minibatch norms, series l=1…).
 * Facts per variant v: v.grad1, v.gradL, v.ratio (gradL ÷ grad1 at
 * initialisation), v.accuracy, v.diverged (1 if training overflowed).
 */
export interface RemediesSettings {
  depth: number;
  width: number;
  activation: string;
  variants: readonly string[];
  /** 0 = DEFAULT_REMEDY_ETA. */
  eta: number;
  batch: number;
  epochs: number;
  seed: number;
}

export const DEFAULT_REMEDY_ETA = 0.1;

export const REMEDIES_DEFAULTS: RemediesSettings = { depth: 20, width: 32, activation: "sigmoid", variants: REMEDY_VARIANTS, eta: 0, batch: 32, epochs: 0, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "depth", kind: "int", min: 2, max: 40 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "activation", kind: "choice", options: ["sigmoid", "tanh", "relu"] },
  { key: "variants", kind: "set", options: REMEDY_VARIANTS },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "batch", kind: "int", min: 2, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 20 },
  SEED_CONTROL,
];

interface Side {
  variant: RemedyVariant;
  st: Stepper;
}

function buildSides(s: RemediesSettings): Side[] {
  return REMEDY_VARIANTS.filter((v) => s.variants.includes(v)).map((variant) => {
    const rng = createRng(s.seed);
    const net = new RemedyNet(rng, { depth: s.depth, width: s.width, activation: s.activation as ActivationName, variant });
    const st = new Stepper(remedyModel(net), labSplit(), rng, { eta: s.eta > 0 ? s.eta : DEFAULT_REMEDY_ETA, batch: s.batch, inputs: PIXELS, outputs: CLASSES });
    return { variant, st };
  });
}

function result(sides: readonly Side[], withHistory: boolean): ExperimentResult {
  const facts: Record<string, number> = {};
  const last = (st: Stepper) => st.speeds[st.speeds.length - 1] as number[];
  for (const { variant, st } of sides) {
    const init = st.speeds[0] as number[];
    const now = last(st);
    facts[`${variant}.grad1`] = now[0] as number;
    facts[`${variant}.gradL`] = now[now.length - 1] as number;
    facts[`${variant}.ratio`] = (init[init.length - 1] as number) / (init[0] as number);
    facts[`${variant}.accuracy`] = st.accuracy[st.accuracy.length - 1] as number;
    facts[`${variant}.diverged`] = st.diverged ? 1 : 0;
  }
  const charts: Chart[] = [
    perLayerChart("norms", "weightGradNorm", sides.map(({ variant, st }) => ({ name: variant, values: last(st) }))),
    perLayerChart("normsInit", "weightGradNorm", sides.map(({ variant, st }) => ({ name: variant, values: st.speeds[0] as number[] }))),
    { id: "accuracy", x: { quantity: "epoch" }, y: { quantity: "accuracy", range: [0, 1] }, kind: "line", series: sides.map(({ variant, st }) => series(variant, st.accuracy.map((_, e) => e), st.accuracy)) },
  ];
  if (withHistory) {
    for (const { variant, st } of sides) {
      const h = st.history;
      charts.push({ id: `gradHistory-${variant}`, x: { quantity: "epoch" }, y: { quantity: "gradNorm", log: true }, kind: "line", series: h.norms.map((row, l) => series(layerName(l + 1), h.t, row)) });
    }
  }
  return { charts, facts: finiteFacts(facts) };
}

export function runRemedies(s: RemediesSettings): ExperimentResult {
  const sides = buildSides(s);
  for (const { st } of sides) st.step(st.stepsPerEpoch * s.epochs);
  return result(sides, s.epochs > 0);
}

export function remediesTrainer(s: RemediesSettings): Trainer {
  const sides = buildSides(s);
  return stepperTrainer(sides.map((x) => x.st), () => result(sides, true));
}

export const remediesExperiment = defineExperiment<RemediesSettings>({
  id: "remedies",
  defaults: REMEDIES_DEFAULTS,
  controls: CONTROLS,
  run: runRemedies,
  trainer: remediesTrainer,
});
