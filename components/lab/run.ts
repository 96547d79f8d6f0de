/**
 * The worker's side of the lab's registry: builds trainers and runs
 * experiments. Only the worker imports this file, so the digits data and the
 * training code stay out of the page's bundle.
 */
import { createRng } from "@/lib/engine";
import { CLASSES, evaluate, labNetwork, layerSpeeds, PIXELS, sgdStep, splitDigits } from "@/lib/lab";
import { loadDigits } from "@/lib/lab/load-digits";
import type { ExperimentId, ExperimentResult, Trainer } from "./lab-types";
import { parseDepth, type DepthSettings } from "./registry";

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

export function makeTrainer(id: ExperimentId, q: URLSearchParams): Trainer | null {
  if (id === "depth") return new DepthTrainer(parseDepth(q));
  return null;
}

export function runExperiment(id: ExperimentId, q: URLSearchParams): ExperimentResult {
  const t = makeTrainer(id, q);
  return t ? t.snapshot() : { charts: [], facts: {} };
}
