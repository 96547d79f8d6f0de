import { createRng } from "../../engine";
import { CLASSES, type DigitsSplit, PIXELS, splitDigits } from "../digits";
import { loadDigits } from "../load-digits";
import { labNetwork } from "../network";
import { feedforwardModel, Stepper } from "../stepper";
import { argMin, epochSpeedsChart, historyChart, perLayerChart } from "./charts";
import { defineExperiment, finiteFacts, range1, SEED_CONTROL, series } from "./define";
import { type Chart, type Control, type ExperimentResult, type Trainer } from "./types";

/**
 * Depth and learning speed (Nielsen, ch. 5): sigmoid nets of `hidden` layers
 * × `width` on the 8×8 digits, softmax cross-entropy, minibatch SGD. The
 * train/test split is always seed 1; `seed` draws the weights and the
 * minibatch order.
 *
 * Initialisation (lib/lab/network.ts): "half" by default, W ~ N(0, 4/n_in),
 * b = 0, or "nielsen", W ~ N(0, 1/n_in), b ~ N(0, 1) (network2.py's). With
 * Nielsen's, each layer passes on about a fifth of the signal: on our 1,500
 * images nets with 5–6 hidden layers stay at chance for hundreds of epochs at
 * any η we tried (0.1–50, minibatches 1–50; one 5-layer net left chance after
 * ≈ 280 epochs at η = 2), which shows that they are stuck, not that they are
 * slow. With "half", gradients still shrink ≈ 2× per layer going down (the
 * first of 4 layers ≈ 14× slower than the last at seed 1), and within the
 * default 30 epochs every depth 1–6 learns, the deeper ones later: the effect
 * Nielsen describes. Switch to "nielsen" to see the stall.
 *
 * Learning rate: eta 0 means the per-depth default depthEta (η = 0.3 for
 * "half"; for "nielsen" η = 1–2, what lets 1–3 layers learn).
 *
 * Charts: "speedsInit" (x layer, y speed: ‖∂C/∂bˡ‖ over 1,000 images at
 * initialisation, and after the last epoch: series "init", "trained");
 * "speedsEpochs" (x epoch, y speed, series l=1…); "gradHistory" (x epoch,
 * y gradNorm: smoothed minibatch ‖∂C/∂bˡ‖, series l=1…); "accuracy" (x epoch,
 * y accuracy); with `compare`, "accuracyDepth" (x hidden, y accuracy).
 * Facts: speed1…speedH (at init), ratio (speed H ÷ speed 1 at init),
 * slowestInit and slowestTrained (the 1-based layer with the smallest speed),
 * ratioTrained, accuracy (test, after `epochs`), and with `compare`
 * accuracyDepth1…6.
 */
export interface DepthSettings {
  hidden: number;
  width: number;
  /** 0 = the per-depth default, depthEta. */
  eta: number;
  init: DepthInit;
  batch: number;
  epochs: number;
  /** Also train depths 1–6 (same width, seed and epochs) for accuracy against depth: 6× the work. */
  compare: boolean;
  seed: number;
}

export type DepthInit = "half" | "nielsen";
export const DEPTH_INITS: readonly DepthInit[] = ["half", "nielsen"];

/** η by initialisation and number of hidden layers 1..6 when the setting is 0 (see the module's doc comment). */
const DEPTH_ETA: Readonly<Record<DepthInit, readonly number[]>> = {
  half: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3],
  nielsen: [1, 1.5, 2, 2, 2, 2],
};

export const DEPTH_DEFAULTS: DepthSettings = { hidden: 4, width: 30, eta: 0, init: "half", batch: 10, epochs: 30, compare: false, seed: 1 };

export const DEPTH_CONTROLS: readonly Control[] = [
  { key: "hidden", kind: "int", min: 1, max: 6 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "init", kind: "choice", options: DEPTH_INITS },
  { key: "batch", kind: "int", min: 1, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 30 },
  { key: "compare", kind: "flag" },
  SEED_CONTROL,
];

let split: DigitsSplit | null = null;
/** The lab's one train/test split (seed 1), computed once. */
export function labSplit(): DigitsSplit {
  split ??= splitDigits(loadDigits(), 1);
  return split;
}

export const depthEta = (s: { hidden: number; eta: number; init: DepthInit }): number => (s.eta > 0 ? s.eta : (DEPTH_ETA[s.init][s.hidden - 1] as number));

export function depthStepper(s: DepthSettings): Stepper {
  const rng = createRng(s.seed);
  const net = labNetwork(rng, { hidden: s.hidden, width: s.width, init: s.init });
  return new Stepper(feedforwardModel(net), labSplit(), rng, { eta: depthEta(s), batch: s.batch, inputs: PIXELS, outputs: CLASSES });
}

function depthResult(s: DepthSettings, st: Stepper, accuracyDepth: number[] | null): ExperimentResult {
  const init = st.speeds[0] as number[];
  const last = st.speeds[st.speeds.length - 1] as number[];
  const charts: Chart[] = [
    perLayerChart("speedsInit", "speed", [
      { name: "init", values: init },
      { name: "trained", values: last },
    ]),
    epochSpeedsChart("speedsEpochs", st),
    historyChart("gradHistory", st),
    { id: "accuracy", x: { quantity: "epoch" }, y: { quantity: "accuracy", range: [0, 1] }, kind: "line", series: [series("accuracy", st.accuracy.map((_, e) => e), st.accuracy)] },
  ];
  const facts: Record<string, number> = {
    ratio: (init[s.hidden - 1] as number) / (init[0] as number),
    ratioTrained: (last[s.hidden - 1] as number) / (last[0] as number),
    slowestInit: argMin(init) + 1,
    slowestTrained: argMin(last) + 1,
    accuracy: st.accuracy[st.accuracy.length - 1] as number,
    epochs: st.epoch,
    diverged: st.diverged ? 1 : 0,
  };
  init.forEach((v, l) => (facts[`speed${l + 1}`] = v));
  if (accuracyDepth) {
    charts.push({ id: "accuracyDepth", x: { quantity: "hidden" }, y: { quantity: "accuracy", range: [0, 1] }, kind: "points", series: [series("accuracy", range1(accuracyDepth.length), accuracyDepth)] });
    accuracyDepth.forEach((a, i) => (facts[`accuracyDepth${i + 1}`] = a));
  }
  return { charts, facts: finiteFacts(facts) };
}

export function runDepth(s: DepthSettings): ExperimentResult {
  const st = depthStepper(s);
  st.step(st.stepsPerEpoch * s.epochs);
  let accuracyDepth: number[] | null = null;
  if (s.compare) {
    accuracyDepth = range1(6).map((h) => {
      if (h === s.hidden) return st.accuracy[st.accuracy.length - 1] as number;
      const other = depthStepper({ ...s, hidden: h, eta: s.eta });
      other.step(other.stepsPerEpoch * s.epochs);
      return other.accuracy[other.accuracy.length - 1] as number;
    });
  }
  return depthResult(s, st, accuracyDepth);
}

/** Wraps a Stepper (or several) as the Worker's Trainer. */
export function stepperTrainer(steppers: readonly Stepper[], snapshot: () => ExperimentResult): Trainer {
  const first = steppers[0] as Stepper;
  return {
    step: (n) => steppers.forEach((st) => st.step(n)),
    snapshot,
    get epoch() {
      return first.epoch;
    },
    get steps() {
      return first.steps;
    },
    stepsPerEpoch: first.stepsPerEpoch,
  };
}

/** With `compare`, the nets of every depth 1–6 train side by side (the page's "accuracy against depth"), 6× the work. */
export function depthTrainer(s: DepthSettings): Trainer {
  const st = depthStepper(s);
  if (!s.compare) return stepperTrainer([st], () => depthResult(s, st, null));
  const byDepth = range1(6).map((h) => (h === s.hidden ? st : depthStepper({ ...s, hidden: h })));
  const last = (x: Stepper) => x.accuracy[x.accuracy.length - 1] as number;
  return stepperTrainer([st, ...byDepth.filter((x) => x !== st)], () => depthResult(s, st, byDepth.map(last)));
}

export const depthExperiment = defineExperiment<DepthSettings>({ id: "depth", defaults: DEPTH_DEFAULTS, controls: DEPTH_CONTROLS, run: runDepth, trainer: depthTrainer });
