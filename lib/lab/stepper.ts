import { type FeedforwardNet, NonFiniteError, norm2, type Rng } from "../engine";
import { type Digits, type DigitsSplit } from "./digits";
import { LabError } from "./errors";
import { type EpochMeasurement, layerSpeeds, SlicedMeasure } from "./speeds";
import { applySgd, evaluate, type Evaluation } from "./train";

/**
 * What the lab trains: one SGD step on a minibatch that also reports the
 * per-hidden-layer gradient norm of that minibatch (free: the step computes
 * it anyway), plus the two expensive measurements done at epoch ends.
 */
export interface LabModel {
  /** Hidden layers whose gradient norm `step` reports. */
  readonly hidden: number;
  /** One step on rows of X, Y; writes each hidden layer's gradient norm into `norms`; returns the batch's mean loss before the step. */
  step(X: Float64Array, Y: Float64Array, batch: number, eta: number, norms: Float64Array): number;
  /** Per hidden layer, over the first 1,000 training images (Nielsen's speeds). */
  speeds(train: Digits): number[];
  evaluate(test: Digits): Evaluation;
  /**
   * The same measurement in slices on a frozen copy of the weights, when the
   * model has one: the Stepper then starts it at each epoch end and runs a
   * slice or so per step, so training goes on meanwhile.
   */
  readonly sliced?: SlicedMeasure;
}

/**
 * A FeedforwardNet as a LabModel: the gradient norm of layer l is ‖∂C/∂bˡ‖ of
 * the minibatch. With `data`, its epoch ends are measured in slices (and
 * `histSample` keeps the hidden layers' aˡ and δˡ of that many images).
 */
export function feedforwardModel(net: FeedforwardNet, sliced?: { data: DigitsSplit; histSample?: number }): LabModel {
  const hidden = net.layers.length - 1;
  return {
    hidden,
    step(X, Y, batch, eta, norms) {
      const r = net.run(X, Y, batch, { inputGrad: false });
      for (let l = 0; l < hidden; l++) norms[l] = norm2((r.layers[l] as (typeof r.layers)[number]).db);
      applySgd(net, r, eta);
      return r.loss;
    },
    speeds: (train) => layerSpeeds(net, train),
    evaluate: (test) => evaluate(net, test),
    ...(sliced ? { sliced: new SlicedMeasure(net, sliced.data, { histSample: sliced.histSample }) } : {}),
  };
}

/** Smoothing of the per-step quantities: m ← EMA·m + (1 − EMA)·x (the first step sets m = x). */
export const EMA = 0.9;
/**
 * History points kept per curve; beyond that every other point is dropped and
 * sampling halves. 512: about a point per pixel of a live chart, and the page
 * draws four such charts of 6 curves up to 30 times a second (bench:lab in
 * Chromium, 10 s of training: 1,024 points 28.5 live-curve redraws/s, 512
 * points 32.8).
 */
export const MAX_HISTORY = 512;

export interface StepperHistory {
  /** Fractional epoch of each sample (steps / stepsPerEpoch). */
  t: number[];
  /** Smoothed minibatch gradient norm, per hidden layer: norms[l][k]. */
  norms: number[][];
  /** Smoothed minibatch loss. */
  loss: number[];
}

/**
 * Minibatch SGD over the training images, one step at a time, with exactly
 * trainEpoch's order: at the start of each epoch the indices are shuffled by
 * `rng`, cut into ⌊n/B⌋ batches; the rest wait. So E epochs of a Stepper give
 * the same weights as E calls of trainEpoch with the same rng.
 * Epoch 0's speeds and accuracy are measured on construction; each epoch end
 * measures them again, on the weights the epoch left. A model with a sliced
 * measurement (model.sliced) freezes a copy of those weights at the epoch end
 * and measures it a few slices per step (enough to finish within about ¾ of
 * an epoch) while training goes on, so no step stalls; measuredSoFar() shows
 * the epoch end once it is done. Otherwise the measurement runs when the
 * numbers are read, when the next step begins, or when `settle` is called,
 * whichever comes first. Either way the numbers are the epoch-end weights'.
 */
export class Stepper {
  readonly model: LabModel;
  readonly stepsPerEpoch: number;
  readonly batch: number;
  readonly eta: number;
  steps = 0;
  epoch = 0;
  /** Smoothed per-layer minibatch gradient norms and loss (NaN before the first step). */
  readonly ema: Float64Array;
  emaLoss = Number.NaN;
  private readonly measuredSpeeds: number[][] = [];
  private readonly measuredAccuracy: number[] = [];
  /** The last measurement's sample of the hidden layers (a sliced model asked for one), or null. */
  measuredHidden: EpochMeasurement["hidden"] = null;
  /** Slices of a sliced measurement per step: enough to finish within about ¾ of an epoch. */
  private readonly slicesPerStep: number;
  /**
   * An epoch has ended and its measurement has not run yet. It runs on the
   * weights as the epoch left them (before the next step, or when read), so
   * the numbers are the same whenever it runs; waiting lets a caller that
   * draws between turns (the lab's worker) run it as its own turn, one net
   * at a time, instead of inside one long step of every net.
   */
  private due = false;
  readonly history: StepperHistory;
  private sampleEvery = 1;
  private readonly data: DigitsSplit;
  private readonly rng: Rng;
  private order: number[] = [];
  private readonly X: Float64Array;
  private readonly Y: Float64Array;
  private readonly norms: Float64Array;
  /** Set when a step overflowed: the model is left as it was and stepping stops. */
  diverged = false;

  constructor(model: LabModel, data: DigitsSplit, rng: Rng, options: { eta: number; batch: number; inputs: number; outputs: number }) {
    const { eta, batch } = options;
    if (!(Number.isFinite(eta) && eta > 0)) throw new LabError("eta", `expected a positive number, got ${eta}`);
    if (!(Number.isInteger(batch) && batch >= 1 && batch <= data.train.count)) throw new LabError("batch", `expected an integer 1..${data.train.count}, got ${batch}`);
    this.model = model;
    this.data = data;
    this.rng = rng;
    this.eta = eta;
    this.batch = batch;
    this.stepsPerEpoch = Math.floor(data.train.count / batch);
    this.X = new Float64Array(batch * options.inputs);
    this.Y = new Float64Array(batch * options.outputs);
    this.norms = new Float64Array(model.hidden);
    this.ema = new Float64Array(model.hidden).fill(Number.NaN);
    this.history = { t: [], norms: Array.from({ length: model.hidden }, () => []), loss: [] };
    this.slicesPerStep = model.sliced ? Math.ceil(model.sliced.slices / Math.max(1, Math.floor((3 * this.stepsPerEpoch) / 4))) : 0;
    if (model.sliced) {
      model.sliced.start();
      this.finishSliced();
    } else this.measure();
  }

  /** speeds[e][l]: the full-sample speeds after e epochs (reading it runs a measurement still due). */
  get speeds(): number[][] {
    this.settle();
    return this.measuredSpeeds;
  }

  /** Test accuracy after e epochs (reading it runs a measurement still due). */
  get accuracy(): number[] {
    this.settle();
    return this.measuredAccuracy;
  }

  /** speeds and accuracy as measured so far, without running one still due (then they end at the epoch before). */
  measuredSoFar(): { speeds: readonly number[][]; accuracy: readonly number[] } {
    return { speeds: this.measuredSpeeds, accuracy: this.measuredAccuracy };
  }

  /** Runs the epoch-end measurement if one is due or (sliced) under way; true if it did. */
  settle(): boolean {
    if (this.finishSliced()) return true;
    if (!this.due) return false;
    this.due = false;
    this.measure();
    return true;
  }

  /** A sliced measurement is under way (its epoch end shows in measuredSoFar() once it is done). */
  get measuring(): boolean {
    return this.model.sliced?.busy ?? false;
  }

  /** Finishes a sliced measurement under way; true if there was one. */
  private finishSliced(): boolean {
    const m = this.model.sliced;
    if (!m?.busy) return false;
    this.record(m.result());
    return true;
  }

  /** Runs up to k slices of a sliced measurement under way. */
  private advance(k: number): void {
    const m = this.model.sliced;
    if (!m?.busy) return;
    for (let i = 0; i < k; i++) {
      if (m.work()) {
        this.record(m.result());
        return;
      }
    }
  }

  private record(m: EpochMeasurement): void {
    this.measuredSpeeds.push(m.speeds);
    this.measuredAccuracy.push(m.accuracy);
    this.measuredHidden = m.hidden;
  }

  private measure(): void {
    this.measuredSpeeds.push(this.model.speeds(this.data.train));
    this.measuredAccuracy.push(this.model.evaluate(this.data.test).accuracy);
  }

  /** Runs n steps (fewer if the net diverges). */
  step(n: number): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new LabError("n", `expected a non-negative integer, got ${n}`);
    const { train } = this.data;
    const B = this.batch;
    const nIn = this.X.length / B;
    const nOut = this.Y.length / B;
    // A net that has stopped still finishes measuring its last epoch end, a step's share per step.
    if (this.diverged) this.advance(n * this.slicesPerStep);
    for (let k = 0; k < n && !this.diverged; k++) {
      if (this.due) this.settle();
      this.advance(this.slicesPerStep);
      const s = this.steps % this.stepsPerEpoch;
      if (s === 0) this.order = this.rng.shuffle(Array.from({ length: train.count }, (_, i) => i));
      for (let i = 0; i < B; i++) {
        const src = this.order[s * B + i] as number;
        this.X.set(train.images.subarray(src * nIn, (src + 1) * nIn), i * nIn);
        this.Y.set(train.targets.subarray(src * nOut, (src + 1) * nOut), i * nOut);
      }
      let loss: number;
      try {
        loss = this.model.step(this.X, this.Y, B, this.eta, this.norms);
      } catch (e) {
        if (e instanceof NonFiniteError) {
          this.diverged = true;
          return;
        }
        throw e;
      }
      const first = this.steps === 0;
      for (let l = 0; l < this.norms.length; l++) {
        this.ema[l] = first ? (this.norms[l] as number) : EMA * (this.ema[l] as number) + (1 - EMA) * (this.norms[l] as number);
      }
      this.emaLoss = first ? loss : EMA * this.emaLoss + (1 - EMA) * loss;
      this.steps++;
      if (this.steps % this.sampleEvery === 0) this.sample();
      if (this.steps % this.stepsPerEpoch === 0) {
        this.epoch++;
        const m = this.model.sliced;
        if (m) {
          // The last epoch end's measurement, if still under way, ends first (on its own frozen weights).
          this.finishSliced();
          m.start();
        } else this.due = true;
      }
    }
  }

  private sample(): void {
    const h = this.history;
    h.t.push(this.steps / this.stepsPerEpoch);
    h.loss.push(this.emaLoss);
    h.norms.forEach((row, l) => row.push(this.ema[l] as number));
    if (h.t.length > MAX_HISTORY) {
      const keep = <T>(xs: T[]): T[] => xs.filter((_, i) => i % 2 === 1);
      h.t = keep(h.t);
      h.loss = keep(h.loss);
      h.norms = h.norms.map(keep);
      this.sampleEvery *= 2;
    }
  }
}
