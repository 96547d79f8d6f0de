import { type FeedforwardNet, type FlatResult, type Rng } from "../engine";
import { type Digits } from "./digits";
import { LabError } from "./errors";

export interface SgdOptions {
  /** Learning rate η. */
  eta: number;
  /** Minibatch size B. */
  batchSize: number;
}

/**
 * One step of plain gradient descent on the mean loss of one batch (rows of X
 * and Y, row-major): W ← W − η ∂C/∂W, b ← b − η ∂C/∂b with C = (1/B) Σ C_x.
 * The engine keeps Wᵀ beside W for its forward product, so both are written.
 * Returns the batch's mean loss before the step.
 */
export function sgdStep(net: FeedforwardNet, X: Float64Array, Y: Float64Array, batch: number, eta: number): number {
  if (!(Number.isFinite(eta) && eta > 0)) throw new LabError("eta", `expected a positive number, got ${eta}`);
  const r = net.run(X, Y, batch, { inputGrad: false });
  applySgd(net, r, eta);
  return r.loss;
}

/** W ← W − η dW, b ← b − η db for every layer, from a run's mean gradients (W and its transpose kept in step). */
export function applySgd(net: FeedforwardNet, r: FlatResult, eta: number): void {
  net.layers.forEach((layer, l) => {
    const { nIn, nOut, W, WT, b } = layer;
    const { dW, db } = r.layers[l] as (typeof r.layers)[number];
    for (let j = 0; j < nOut; j++) {
      const row = j * nIn;
      for (let i = 0; i < nIn; i++) {
        const w = (W[row + i] as number) - eta * (dW[row + i] as number);
        W[row + i] = w;
        WT[i * nOut + j] = w;
      }
      b[j] = (b[j] as number) - eta * (db[j] as number);
    }
  });
}

/**
 * One epoch of minibatch SGD: the training images in an order drawn from
 * `rng`, cut into ⌊n/B⌋ batches; the n mod B left over (different ones each
 * epoch) wait for the next. Every batch has the same size, so the engine's
 * buffers are allocated once. Returns the mean of the batch losses.
 */
export function trainEpoch(net: FeedforwardNet, data: Digits, rng: Rng, options: SgdOptions): number {
  const B = options.batchSize;
  if (!(Number.isInteger(B) && B >= 1 && B <= data.count)) throw new LabError("batchSize", `expected an integer 1..${data.count}, got ${B}`);
  const nIn = net.inputSize;
  const nOut = net.outputSize;
  const X = new Float64Array(B * nIn);
  const Y = new Float64Array(B * nOut);
  const order = rng.shuffle(Array.from({ length: data.count }, (_, i) => i));
  const steps = Math.floor(data.count / B);
  let total = 0;
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < B; k++) {
      const src = order[s * B + k] as number;
      X.set(data.images.subarray(src * nIn, (src + 1) * nIn), k * nIn);
      Y.set(data.targets.subarray(src * nOut, (src + 1) * nOut), k * nOut);
    }
    total += sgdStep(net, X, Y, B, options.eta);
  }
  return total / steps;
}

export interface Evaluation {
  /** Fraction of images whose largest output is the label. */
  accuracy: number;
  /** Mean loss. */
  loss: number;
}

/** Accuracy and mean loss on a whole set, as one batch. */
export function evaluate(net: FeedforwardNet, data: Digits): Evaluation {
  const r = net.run(data.images, data.targets, data.count, { inputGrad: false });
  const out = (r.layers[r.layers.length - 1] as (typeof r.layers)[number]).a;
  return { accuracy: countCorrect(out, data.labels, 0, data.count, net.outputSize) / data.count, loss: r.loss };
}

/** Rows of `out` (count × k, row-major) whose largest entry (the first, on a tie) is labels[from + row]. */
export function countCorrect(out: Float64Array, labels: Uint8Array, from: number, count: number, k: number): number {
  let correct = 0;
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((out[i * k + j] as number) > (out[i * k + best] as number)) best = j;
    if (best === labels[from + i]) correct++;
  }
  return correct;
}

/** Test accuracy by the forward pass alone (evaluate's accuracy, without its backward pass). */
export function accuracyOf(net: FeedforwardNet, data: Digits): number {
  const layers = net.forward(data.images, data.count);
  return countCorrect((layers[layers.length - 1] as (typeof layers)[number]).a, data.labels, 0, data.count, net.outputSize) / data.count;
}
