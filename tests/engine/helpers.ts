import { expect } from "vitest";
import { type ActivationName, ACTIVATIONS, createRng, type LayerSpec, type LossName, type NetworkSpec, type Rng, type RnnModelSpec } from "@/lib/engine";

type Nested = number | readonly Nested[];

/**
 * |x − y| ≤ max(atol, rtol·max(|x|,|y|)) entry by entry, failing with the path
 * of the first bad entry. Plain comparisons on the happy path: one expect()
 * per entry would dominate the run time on 100-example batches.
 */
export function expectClose(actual: unknown, expected: Nested, rtol = 1e-9, atol = 1e-12, path = "value"): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number") expect.fail(`${path}: expected a number, got ${JSON.stringify(actual)}`);
    const ok = Math.abs(actual - expected) <= Math.max(atol, rtol * Math.max(Math.abs(actual), Math.abs(expected)));
    if (!ok) expect.fail(`${path}: got ${actual}, expected ${expected} (rtol ${rtol}, atol ${atol})`);
    return;
  }
  if (!Array.isArray(actual)) expect.fail(`${path}: expected an array, got ${JSON.stringify(actual)}`);
  if (actual.length !== expected.length) expect.fail(`${path}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i] as Nested, rtol, atol, `${path}[${i}]`);
}

export function randomMatrix(rng: Rng, rows: number, cols: number, sd: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.gaussian(0, sd)));
}

export function randomVector(rng: Rng, n: number, sd: number): number[] {
  return Array.from({ length: n }, () => rng.gaussian(0, sd));
}

export interface RandomCase {
  net: NetworkSpec;
  inputs: number[][];
  targets: number[][];
}

/**
 * A random feedforward case: widths in [1, maxWidth], a random activation per
 * layer, residual layers where the layer is square, either loss.
 */
export function randomCase(
  rng: Rng,
  opts: { maxLayers?: number; maxWidth?: number; batch?: number; loss?: LossName; activations?: readonly ActivationName[]; scale?: number } = {},
): RandomCase {
  const L = rng.int(1, opts.maxLayers ?? 4);
  const maxW = opts.maxWidth ?? 5;
  const widths = [rng.int(1, maxW)];
  for (let l = 0; l < L; l++) widths.push(rng.int(1, maxW));
  const acts = opts.activations ?? ACTIVATIONS;
  const layers: LayerSpec[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = widths[l] as number;
    const residual = rng.next() < 0.5;
    const nOut = residual ? nIn : (widths[l + 1] as number);
    widths[l + 1] = nOut;
    const scale = opts.scale ?? rng.uniform(0.3, 2);
    layers.push({
      W: randomMatrix(rng, nOut, nIn, scale / Math.sqrt(nIn)),
      b: randomVector(rng, nOut, 0.5),
      activation: rng.pick(acts),
      residual,
    });
  }
  const loss = opts.loss ?? rng.pick(["mse", "softmax_ce"] as const);
  const B = opts.batch ?? 1;
  const nOut = widths[L] as number;
  const inputs = Array.from({ length: B }, () => randomVector(rng, widths[0] as number, 1));
  const targets = Array.from({ length: B }, () => {
    if (loss === "mse") return randomVector(rng, nOut, 1);
    // A probability vector: one-hot half the time, soft otherwise.
    if (rng.next() < 0.5) {
      const t = new Array<number>(nOut).fill(0);
      t[rng.int(0, nOut - 1)] = 1;
      return t;
    }
    const raw = Array.from({ length: nOut }, () => rng.next());
    const s = raw.reduce((x, y) => x + y, 0);
    return raw.map((v) => v / s);
  });
  return { net: { layers, loss }, inputs, targets };
}

export function randomRnn(rng: Rng, opts: { H?: number; D?: number; O?: number; scale?: number; activation?: ActivationName } = {}): RnnModelSpec {
  const H = opts.H ?? rng.int(1, 5);
  const D = opts.D ?? rng.int(1, 4);
  const O = opts.O ?? rng.int(1, 3);
  const scale = opts.scale ?? rng.uniform(0.3, 2);
  return {
    rnn: {
      W: randomMatrix(rng, H, H, scale / Math.sqrt(H)),
      U: randomMatrix(rng, H, D, 1 / Math.sqrt(D)),
      b: randomVector(rng, H, 0.3),
      activation: opts.activation ?? rng.pick(ACTIVATIONS),
      h0: randomVector(rng, H, 0.5),
    },
    readout: { V: randomMatrix(rng, O, H, 1 / Math.sqrt(H)), c: randomVector(rng, O, 0.3) },
    loss: "mse",
  };
}

/** Central difference of a scalar function of one perturbed entry. */
export function centralDiff(f: (h: number) => number, step = 1e-6): number {
  return (f(step) - f(-step)) / (2 * step);
}

export const seeds = (base: number, n: number): number[] => Array.from({ length: n }, (_, i) => base + i);

export { createRng };
