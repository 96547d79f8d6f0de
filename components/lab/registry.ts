/**
 * The one place the lab's UI reaches the experiments of lib/lab (the page for
 * parsing settings, the worker for running them).
 *
 * Interim: until branch labc lands its lib/lab/experiments, the depth
 * experiment is wired here from today's lib/lab (labNetwork, trainEpoch,
 * layerSpeeds), so the page can be built against the interface.
 */
import { createRng, type ActivationName } from "@/lib/engine";
import { CLASSES, evaluate, labNetwork, layerSpeeds, LAB_INITS, PIXELS, sgdStep, splitDigits, type LabInit } from "@/lib/lab";
import { loadDigits } from "@/lib/lab/load-digits";
import type { ExperimentDef, ExperimentId, ExperimentResult, Trainer } from "./lab-types";

export const EXPERIMENT_IDS: readonly ExperimentId[] = ["depth", "activations", "init", "remedies", "jacobian", "rnn", "window"];

interface DepthSettings {
  hidden: number;
  width: number;
  activation: ActivationName;
  init: LabInit;
  eta: number;
  batchSize: number;
  seed: number;
}

const ACTIVATIONS: readonly ActivationName[] = ["sigmoid", "tanh", "relu"];

function int(q: URLSearchParams, key: string, lo: number, hi: number, dflt: number, bad: string[]): number {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < lo || v > hi) {
    bad.push(key);
    return dflt;
  }
  return v;
}

function num(q: URLSearchParams, key: string, lo: number, hi: number, dflt: number, bad: string[]): number {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi) {
    bad.push(key);
    return dflt;
  }
  return v;
}

function choice<T extends string>(q: URLSearchParams, key: string, options: readonly T[], dflt: T, bad: string[]): T {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const hit = options.find((o) => o === raw);
  if (!hit) bad.push(key);
  return hit ?? dflt;
}

const depthDefaults: DepthSettings = { hidden: 4, width: 30, activation: "sigmoid", init: "nielsen", eta: 0.5, batchSize: 32, seed: 1 };

function parseDepth(q: URLSearchParams, bad: string[] = []): DepthSettings {
  return {
    hidden: int(q, "hidden", 1, 6, depthDefaults.hidden, bad),
    width: int(q, "width", 8, 64, depthDefaults.width, bad),
    activation: choice(q, "activation", ACTIVATIONS, depthDefaults.activation, bad),
    init: choice(q, "init", LAB_INITS, depthDefaults.init, bad),
    eta: num(q, "eta", 0.001, 10, depthDefaults.eta, bad),
    batchSize: int(q, "batchSize", 1, 256, depthDefaults.batchSize, bad),
    seed: int(q, "seed", 1, 1_000_000, depthDefaults.seed, bad),
  };
}

function depthQuery(s: DepthSettings): URLSearchParams {
  return new URLSearchParams(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

class DepthTrainer implements Trainer {
  epoch = 0;
  steps = 0;
  private readonly net;
  private readonly rng;
  private readonly data;
  private readonly X: Float64Array;
  private readonly Y: Float64Array;
  private order: number[] = [];
  private cursor = 0;
  private readonly history: { epoch: number; speeds: number[]; accuracy: number }[] = [];

  constructor(private readonly s: DepthSettings) {
    this.data = splitDigits(loadDigits(), 1);
    this.rng = createRng(s.seed);
    this.net = labNetwork(this.rng, { hidden: s.hidden, width: s.width, activation: s.activation, init: s.init });
    this.X = new Float64Array(s.batchSize * PIXELS);
    this.Y = new Float64Array(s.batchSize * CLASSES);
    this.record();
  }

  private record() {
    this.history.push({ epoch: this.epoch + this.cursor / Math.max(1, this.order.length || this.data.train.count), speeds: layerSpeeds(this.net, this.data.train), accuracy: evaluate(this.net, this.data.test).accuracy });
  }

  step(n: number): void {
    const { train } = this.data;
    const B = this.s.batchSize;
    for (let k = 0; k < n; k++) {
      if (this.cursor + B > this.order.length) {
        if (this.order.length) {
          this.epoch++;
          this.record();
        }
        this.order = this.rng.shuffle(Array.from({ length: train.count }, (_, i) => i));
        this.cursor = 0;
      }
      for (let j = 0; j < B; j++) {
        const src = this.order[this.cursor + j] as number;
        this.X.set(train.images.subarray(src * PIXELS, (src + 1) * PIXELS), j * PIXELS);
        this.Y.set(train.targets.subarray(src * CLASSES, (src + 1) * CLASSES), j * CLASSES);
      }
      this.cursor += B;
      sgdStep(this.net, this.X, this.Y, B, this.s.eta);
      this.steps++;
    }
  }

  snapshot(): ExperimentResult {
    const speeds = layerSpeeds(this.net, this.data.train);
    const layers = speeds.map((_, i) => i + 1);
    const last = this.history[this.history.length - 1];
    return {
      charts: [
        { id: "speeds", kind: "points", x: { quantity: "layer" }, y: { quantity: "speed", log: true }, series: [{ name: "speed", x: layers, y: speeds }] },
        {
          id: "history",
          kind: "line",
          x: { quantity: "epoch" },
          y: { quantity: "speed", log: true },
          series: layers.map((l) => ({ name: `l=${l}`, x: this.history.map((h) => h.epoch), y: this.history.map((h) => h.speeds[l - 1] as number) })),
        },
      ],
      facts: { ratio: (speeds[speeds.length - 1] as number) / (speeds[0] as number), accuracy: last?.accuracy ?? 0 },
    };
  }
}

const depth: ExperimentDef<DepthSettings> = {
  id: "depth",
  defaults: depthDefaults,
  fromQuery: (q) => parseDepth(q),
  toQuery: depthQuery,
  run: (s) => new DepthTrainer(s).snapshot(),
};

/** The experiment's definition, or null when it has none yet. */
export function experimentDef(id: ExperimentId): ExperimentDef<unknown> | null {
  return id === "depth" ? (depth as unknown as ExperimentDef<unknown>) : null;
}

/** Settings from a query, and the names of those that were not valid (set back to their defaults). */
export function parseSettings(id: ExperimentId, q: URLSearchParams): { settings: Record<string, unknown>; bad: string[] } {
  const bad: string[] = [];
  if (id === "depth") return { settings: { ...parseDepth(q, bad) }, bad };
  return { settings: {}, bad };
}

export function isTraining(id: ExperimentId): boolean {
  return id === "depth" || id === "activations" || id === "remedies";
}

export function makeTrainer(id: ExperimentId, q: URLSearchParams): Trainer | null {
  if (id === "depth") return new DepthTrainer(parseDepth(q));
  return null;
}

export function runExperiment(id: ExperimentId, q: URLSearchParams): ExperimentResult {
  const def = experimentDef(id);
  if (!def) return { charts: [], facts: {} };
  return def.run(def.fromQuery(q));
}

/** The settings as the experiment writes them in an address (without `exp`). */
export function settingsQuery(id: ExperimentId, settings: unknown): string {
  const def = experimentDef(id);
  return def ? def.toQuery(settings).toString() : "";
}

/** A break-it challenge of lib/lab: `check` is its checker, on the current settings and result. */
export interface LabChallenge {
  id: string;
  check: (settings: unknown, result: ExperimentResult) => boolean;
}

export function challengesFor(id: ExperimentId): readonly LabChallenge[] {
  void id;
  return [];
}

/** The exercise generators (lib/exercises, ids `lab-…`) whose cards are this experiment's predictions. */
export function predictionGenerators(id: ExperimentId): readonly string[] {
  void id;
  return [];
}
