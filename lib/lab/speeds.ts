import { type FeedforwardNet, norm2 } from "../engine";
import { type Digits, type DigitsSplit } from "./digits";
import { LabError } from "./errors";
import { countCorrect } from "./train";

/** Nielsen's sample: the first 1,000 training images. */
export const SPEED_SAMPLE = 1000;

/**
 * Learning speed of each hidden layer (Nielsen, ch. 5), as his
 * generate_gradient.py computes it: average the per-image bias gradients over
 * the first n training images, then take the Euclidean norm per layer,
 *   s_l = \Bigl\lVert \frac1n \sum_{x=1}^{n} \frac{\partial C_x}{\partial b^l} \Bigr\rVert_2
 *       = \Bigl\lVert \frac1n \sum_{x=1}^{n} \delta^{l}_x \Bigr\rVert_2,
 * i.e. the norm of the gradient of the mean cost, not the mean of per-image
 * norms. One engine batch of n images gives exactly that ∂C/∂b (its db).
 * Hidden layers only: the output layer is left out, as in the book.
 */
export function layerSpeeds(net: FeedforwardNet, data: Digits, count = Math.min(SPEED_SAMPLE, data.count)): number[] {
  if (!(Number.isInteger(count) && count >= 1 && count <= data.count)) throw new LabError("count", `expected an integer 1..${data.count}, got ${count}`);
  const r = net.run(data.images, data.targets, count, { inputGrad: false });
  return r.layers.slice(0, -1).map((layer) => norm2(layer.db));
}

/** Activations aˡ and back-propagated errors δˡ = ∂C_x/∂zˡ of one hidden layer, rows × width, for the first images of the speed sample. */
export interface HiddenSample {
  readonly a: Float64Array;
  readonly delta: Float64Array;
}

/** What an epoch end measures: Nielsen's speeds, the test accuracy and, when asked for, a sample of the hidden layers. */
export interface EpochMeasurement {
  speeds: number[];
  accuracy: number;
  hidden: HiddenSample[] | null;
}

/**
 * Images per slice. A multiple of 4: the engine's matrix product works in
 * blocks of 4 rows, so with slices that start at multiples of 4 every image
 * goes through exactly the arithmetic of one whole batch, and the speeds,
 * accuracy and samples are bit for bit those of layerSpeeds and evaluate.
 */
export const MEASURE_CHUNK = 48;

/**
 * An epoch end's measurement in slices, on a frozen copy of a net: start()
 * copies the live net's weights, then each work() runs one slice of images
 * (forward and backward for the 1,000-image speeds, forward only for the test
 * accuracy), while the live net may go on training. The speeds add up the
 * per-image δˡ of every slice in image order and divide by n at the end,
 * exactly as one engine batch of n forms its ∂C/∂bˡ:
 *   \frac{\partial C}{\partial b^l} = \frac1n \sum_{x=1}^{n} \delta^l_x .
 */
export class SlicedMeasure {
  /** Slices one measurement takes. */
  readonly slices: number;
  private readonly chunk: number;
  private readonly frozen: FeedforwardNet;
  private readonly speedCount: number;
  private readonly histCount: number;
  private readonly sums: Float64Array[];
  private readonly hidden: { a: Float64Array; delta: Float64Array }[];
  /** Next image: 0 … speedCount − 1 in the speed sample, then speedCount … speedCount + test.count − 1 in the test set. */
  private at = 0;
  private correct = 0;
  private running = false;

  constructor(
    private readonly net: FeedforwardNet,
    private readonly data: DigitsSplit,
    options: { histSample?: number; chunk?: number } = {},
  ) {
    const chunk = options.chunk ?? MEASURE_CHUNK;
    if (!(Number.isInteger(chunk) && chunk >= 4 && chunk % 4 === 0)) throw new LabError("chunk", `expected a positive multiple of 4, got ${chunk}`);
    this.chunk = chunk;
    this.frozen = net.clone();
    this.speedCount = Math.min(SPEED_SAMPLE, data.train.count);
    this.histCount = Math.min(options.histSample ?? 0, this.speedCount);
    const hiddenLayers = net.layers.slice(0, -1);
    this.sums = hiddenLayers.map((l) => new Float64Array(l.nOut));
    this.hidden = hiddenLayers.map((l) => ({ a: new Float64Array(this.histCount * l.nOut), delta: new Float64Array(this.histCount * l.nOut) }));
    this.slices = Math.ceil(this.speedCount / chunk) + Math.ceil(data.test.count / chunk);
  }

  /** Freezes the live net's weights as they are now and starts measuring them. */
  start(): void {
    this.frozen.layers.forEach((dst, l) => {
      const src = this.net.layers[l] as (typeof this.net.layers)[number];
      dst.W.set(src.W);
      dst.WT.set(src.WT);
      dst.b.set(src.b);
    });
    for (const s of this.sums) s.fill(0);
    this.at = 0;
    this.correct = 0;
    this.running = true;
  }

  /** A measurement has started and is not finished. */
  get busy(): boolean {
    return this.running;
  }

  /** One slice; true once the measurement is complete (result() then gives it). */
  work(): boolean {
    if (!this.running) return true;
    const { train, test } = this.data;
    if (this.at < this.speedCount) {
      const from = this.at;
      const c = Math.min(this.chunk, this.speedCount - from);
      const nIn = this.frozen.inputSize;
      const nOut = this.frozen.outputSize;
      const r = this.frozen.run(train.images.subarray(from * nIn, (from + c) * nIn), train.targets.subarray(from * nOut, (from + c) * nOut), c, { inputGrad: false });
      this.sums.forEach((sum, l) => {
        const { delta, a } = r.layers[l] as (typeof r.layers)[number];
        const w = sum.length;
        for (let i = 0; i < c; i++) {
          const o = i * w;
          for (let j = 0; j < w; j++) sum[j] = (sum[j] as number) + (delta[o + j] as number);
        }
        const keep = Math.max(0, Math.min(c, this.histCount - from));
        const h = this.hidden[l] as (typeof this.hidden)[number];
        if (keep > 0) {
          h.a.set(a.subarray(0, keep * w), from * w);
          h.delta.set(delta.subarray(0, keep * w), from * w);
        }
      });
      this.at += c;
    } else {
      const from = this.at - this.speedCount;
      const c = Math.min(this.chunk, test.count - from);
      const nIn = this.frozen.inputSize;
      const layers = this.frozen.forward(test.images.subarray(from * nIn, (from + c) * nIn), c);
      this.correct += countCorrect((layers[layers.length - 1] as (typeof layers)[number]).a, test.labels, from, c, this.frozen.outputSize);
      this.at += c;
    }
    if (this.at >= this.speedCount + test.count) this.running = false;
    return !this.running;
  }

  /** The finished measurement (runs what is left of it first). */
  result(): EpochMeasurement {
    while (!this.work());
    const invN = 1 / this.speedCount;
    return {
      speeds: this.sums.map((sum) => norm2(sum.map((v) => v * invN))),
      accuracy: this.correct / this.data.test.count,
      hidden: this.histCount > 0 ? this.hidden.map((h) => ({ a: h.a.slice(), delta: h.delta.slice() })) : null,
    };
  }
}
