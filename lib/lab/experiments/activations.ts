import { type ActivationName, createRng, type FeedforwardNet } from "../../engine";
import { CLASSES, PIXELS } from "../digits";
import { type LabInit, labNetwork } from "../network";
import { type HiddenSample } from "../speeds";
import { feedforwardModel, Stepper } from "../stepper";
import { layerName, perLayerChart } from "./charts";
import { defineExperiment, finiteFacts, SEED_CONTROL, series } from "./define";
import { labSplit, stepperTrainer } from "./depth";
import { type Chart, type Control, type ExperimentResult, type Trainer } from "./types";

export const LAB_ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu"] as const;
export type LabActivation = (typeof LAB_ACTIVATIONS)[number];

/**
 * The same net with each activation in `show`, side by side: the weights of
 * every net are the same draw (one seed), only f changes. Glorot & Bengio's
 * figures: per-layer gradient norms, and histograms of the activations aˡ
 * and of the back-propagated gradients δˡ = ∂C_x/∂zˡ of each layer over the
 * first HIST_SAMPLE training images.
 *
 * Charts: "norms" (x layer, y speed: ‖∂C/∂bˡ‖ over 1,000 images, one series
 * per activation); "gradHistory-<act>" while training (smoothed minibatch
 * norms per layer); per activation "histA-<act>" and "histG-<act>" (x value,
 * y fraction of units, series l=1…; the gradient histogram's range is
 * symmetric, ±max|δ| over all layers, so shrunken early layers crowd the
 * middle bin exactly as in the paper); "accuracy" (x epoch, one series per
 * activation). Histograms are recomputed at epoch ends only.
 * Facts, per activation a: a.speed1 … a.speedH, a.ratio (last ÷ first),
 * a.slowest (1-based), a.accuracy, a.diverged (1 if training overflowed and stopped).
 */
export interface ActivationsSettings {
  hidden: number;
  width: number;
  init: string;
  show: readonly string[];
  /** 0 = DEFAULT_ETA. */
  eta: number;
  batch: number;
  epochs: number;
  seed: number;
}

export const DEFAULT_ETA = 0.5;
export const HIST_SAMPLE = 200;
export const HIST_BINS = 30;

export const ACTIVATIONS_DEFAULTS: ActivationsSettings = { hidden: 5, width: 30, init: "xavier", show: LAB_ACTIVATIONS, eta: 0, batch: 32, epochs: 0, seed: 1 };

const CONTROLS: readonly Control[] = [
  { key: "hidden", kind: "int", min: 1, max: 10 },
  { key: "width", kind: "int", min: 8, max: 64 },
  { key: "init", kind: "choice", options: ["xavier", "he", "nielsen"] },
  { key: "show", kind: "set", options: LAB_ACTIVATIONS },
  { key: "eta", kind: "number", min: 0, max: 10, step: 0.05 },
  { key: "batch", kind: "int", min: 1, max: 256 },
  { key: "epochs", kind: "int", min: 0, max: 30 },
  SEED_CONTROL,
];

/** Fractions of `values` in `bins` equal bins over [lo, hi] (values outside are clamped into the end bins). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): { x: number[]; y: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const w = hi > lo ? (hi - lo) / bins : 1;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const k = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)));
    counts[k] = (counts[k] as number) + 1;
    n++;
  }
  return { x: counts.map((_, k) => lo + (k + 0.5) * w), y: counts.map((c) => (n > 0 ? c / n : 0)) };
}

interface Side {
  act: LabActivation;
  net: FeedforwardNet;
  st: Stepper;
}

/** From the hidden layers' aˡ and δˡ over the first HIST_SAMPLE training images, as the side's last epoch-end measurement kept them. */
function histCharts(side: Side): Chart[] {
  const hidden = side.st.measuredHidden;
  if (!hidden) throw new Error("activations: a net measured without its hidden sample");
  let aLo = Infinity;
  let aHi = -Infinity;
  let gMax = 0;
  for (const layer of hidden) {
    for (const v of layer.a) {
      if (!Number.isFinite(v)) continue;
      aLo = Math.min(aLo, v);
      aHi = Math.max(aHi, v);
    }
    for (const v of layer.delta) if (Number.isFinite(v)) gMax = Math.max(gMax, Math.abs(v));
  }
  if (!(aHi > aLo)) {
    aLo = Number.isFinite(aLo) ? aLo - 0.5 : -1;
    aHi = aLo + 1;
  }
  if (!(gMax > 0)) gMax = 1;
  const chart = (id: string, quantity: string, pick: (l: HiddenSample) => Float64Array, lo: number, hi: number): Chart => ({
    id: `${id}-${side.act}`,
    x: { quantity },
    y: { quantity: "fraction" },
    kind: "line",
    series: hidden.map((layer, l) => {
      const h = histogram(pick(layer), lo, hi, HIST_BINS);
      return series(layerName(l + 1), h.x, h.y);
    }),
  });
  return [chart("histA", "activation", (l) => l.a, aLo, aHi), chart("histG", "delta", (l) => l.delta, -gMax, gMax)];
}

function buildSides(s: ActivationsSettings): Side[] {
  return LAB_ACTIVATIONS.filter((a) => s.show.includes(a)).map((act) => {
    const rng = createRng(s.seed);
    const net = labNetwork(rng, { hidden: s.hidden, width: s.width, activation: act as ActivationName, init: s.init as LabInit });
    const st = new Stepper(feedforwardModel(net, { data: labSplit(), histSample: HIST_SAMPLE }), labSplit(), rng, { eta: s.eta > 0 ? s.eta : DEFAULT_ETA, batch: s.batch, inputs: PIXELS, outputs: CLASSES });
    return { act, net, st };
  });
}

/** `measured`: a side's speeds and accuracy, settled (run) or as measured so far (a training snapshot). */
function result(
  sides: readonly Side[],
  hist: Chart[],
  withHistory: boolean,
  measured: (side: Side) => { speeds: readonly number[][]; accuracy: readonly number[] } = (side) => ({ speeds: side.st.speeds, accuracy: side.st.accuracy }),
): ExperimentResult {
  const facts: Record<string, number> = {};
  const last = (side: Side) => {
    const sp = measured(side).speeds;
    return sp[sp.length - 1] as number[];
  };
  for (const side of sides) {
    const sp = last(side);
    sp.forEach((v, l) => (facts[`${side.act}.speed${l + 1}`] = v));
    facts[`${side.act}.ratio`] = (sp[sp.length - 1] as number) / (sp[0] as number);
    let slow = 0;
    sp.forEach((v, l) => v < (sp[slow] as number) && (slow = l));
    facts[`${side.act}.slowest`] = slow + 1;
    const acc = measured(side).accuracy;
    facts[`${side.act}.accuracy`] = acc[acc.length - 1] as number;
    facts[`${side.act}.diverged`] = side.st.diverged ? 1 : 0;
  }
  const charts: Chart[] = [
    perLayerChart("norms", "speed", sides.map((side) => ({ name: side.act, values: last(side) }))),
    {
      id: "accuracy",
      x: { quantity: "epoch" },
      y: { quantity: "accuracy", range: [0, 1] },
      kind: "line",
      series: sides.map((side) => {
        const acc = measured(side).accuracy;
        return series(side.act, acc.map((_, e) => e), acc);
      }),
    },
  ];
  if (withHistory) {
    for (const side of sides) {
      const h = side.st.history;
      charts.push({ id: `gradHistory-${side.act}`, x: { quantity: "epoch" }, y: { quantity: "gradNorm", log: true }, kind: "line", series: h.norms.map((row, l) => series(layerName(l + 1), h.t, row)) });
    }
  }
  return { charts: [...charts, ...hist], facts: finiteFacts(facts) };
}

export function runActivations(s: ActivationsSettings): ExperimentResult {
  const sides = buildSides(s);
  for (const side of sides) {
    side.st.step(side.st.stepsPerEpoch * s.epochs);
    side.st.settle();
  }
  return result(sides, sides.flatMap(histCharts), s.epochs > 0);
}

/**
 * A Trainer whose epoch ends cost no pause: each net measures its epoch-end
 * weights in slices on a frozen copy, a slice or so with each step (the
 * Stepper's sliced measurement), while the nets go on training, so every
 * step moves every live curve. `peek()` is a snapshot of what is measured so
 * far (a net whose epoch end is still being measured shows the epoch before,
 * its histograms too); `settle()` does one piece of what is left for a
 * snapshot (one net's histograms from its finished measurement) and says
 * whether there was any. `snapshot()` finishes every measurement first, so
 * it is what it always was.
 */
export type SettlingTrainer = Trainer & { settle(): boolean; peek(): ExperimentResult };

export function activationsTrainer(s: ActivationsSettings): SettlingTrainer {
  const sides = buildSides(s);
  const histEpoch = sides.map(() => -1);
  const hist: Chart[][] = sides.map(() => []);
  // histEpoch[k]: the measurement (0 = at construction) that net k's histograms show.
  const histOf = (k: number): boolean => {
    const side = sides[k] as Side;
    const measured = side.st.measuredSoFar().accuracy.length - 1;
    if (histEpoch[k] === measured) return false;
    hist[k] = histCharts(side);
    histEpoch[k] = measured;
    return true;
  };
  const current = (soFar: boolean) => {
    // A peek takes the histograms as they are (settle brings them up to date, one net per turn).
    if (!soFar) for (const side of sides) side.st.settle();
    sides.forEach((_, k) => (!soFar || histEpoch[k] === -1) && histOf(k));
    return soFar ? result(sides, hist.flat(), true, (side) => side.st.measuredSoFar()) : result(sides, hist.flat(), true);
  };
  const trainer = stepperTrainer(
    sides.map((side) => side.st),
    () => current(false),
  );
  return Object.assign(trainer, { settle: () => sides.some((_, k) => histOf(k)), peek: () => current(true) });
}

export const activationsExperiment = defineExperiment<ActivationsSettings>({
  id: "activations",
  defaults: ACTIVATIONS_DEFAULTS,
  controls: CONTROLS,
  run: runActivations,
  trainer: activationsTrainer,
});
