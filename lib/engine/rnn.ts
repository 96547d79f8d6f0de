import { type ActivationName, applyActivation } from "./activations";
import { assertFinite, EngineError, firstNonFinite, NonFiniteError } from "./errors";
import { fromFlat, gemm, gemmAtB, type Matrix, type MatrixLike, norm2, toFlat, transposeInto, vecFromFlat, type VectorLike } from "./linalg";
import { lossAndGrad, type LossName } from "./losses";
import { parseMatrix, parseRnnModel, parseVector, type RnnModelSpec } from "./spec";

/**
 * Vanilla RNN with backpropagation through time:
 *   z_t = W h_{t−1} + U x_t + b,  h_t = f(z_t)  (t = 1..T),  y = V h_T + c.
 * Only W h_{t−1} is inherently sequential; U x_t for all t and the gradients
 * dU, dW are single matrix products over the time axis.
 */

export interface FlatRnnResult {
  readonly steps: number;
  readonly loss: number;
  readonly output: Float64Array; // O
  /** h_0 … h_T, (T+1)×H. */
  readonly h: Float64Array;
  /** z_1 … z_T, T×H. */
  readonly z: Float64Array;
  readonly fPrime: Float64Array;
  /** ∂C/∂h_t for t = 0..T, (T+1)×H. */
  readonly hGrad: Float64Array;
  /** δ_t = ∂C/∂z_t for t = 1..T, T×H. */
  readonly delta: Float64Array;
  readonly dW: Float64Array;
  readonly dU: Float64Array;
  readonly db: Float64Array;
  readonly dV: Float64Array;
  readonly dc: Float64Array;
}

export class RnnNet {
  readonly hidden: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: ActivationName;
  readonly loss: LossName;
  private readonly W: Float64Array;
  private readonly UT: Float64Array; // D×H so X Uᵀ streams rows
  private readonly b: Float64Array;
  private readonly h0: Float64Array;
  private readonly V: Float64Array;
  private readonly c: Float64Array;

  private constructor(model: RnnModelSpec) {
    const { rnn, readout } = model;
    this.hidden = rnn.W.length;
    this.inputSize = (rnn.U[0] as VectorLike).length;
    this.outputSize = readout.V.length;
    this.activation = rnn.activation;
    this.loss = model.loss ?? "mse";
    this.W = toFlat(rnn.W);
    this.UT = new Float64Array(this.inputSize * this.hidden);
    transposeInto(toFlat(rnn.U), this.UT, this.hidden, this.inputSize);
    this.b = Float64Array.from(rnn.b);
    this.h0 = rnn.h0 ? Float64Array.from(rnn.h0) : new Float64Array(this.hidden);
    this.V = toFlat(readout.V);
    this.c = Float64Array.from(readout.c);
  }

  static fromSpec(model: RnnModelSpec): RnnNet {
    return new RnnNet(parseRnnModel({ rnn: model.rnn, readout: model.readout, loss: model.loss }));
  }

  /** X is T×D row-major (x_1 first), target has length O. */
  run(X: Float64Array, target: Float64Array, steps: number, options: { checkFinite?: boolean } = {}): FlatRnnResult {
    const check = options.checkFinite ?? true;
    const T = steps;
    const H = this.hidden;
    const D = this.inputSize;
    const O = this.outputSize;
    if (!(Number.isInteger(T) && T >= 1)) throw new EngineError("inputs", `expected at least one time step, got ${T}`);
    if (X.length < T * D) throw new EngineError("inputs", `expected ${T * D} numbers, got ${X.length}`);
    if (target.length < O) throw new EngineError("target", `expected ${O} numbers, got ${target.length}`);
    const W = this.W;

    const z = new Float64Array(T * H);
    gemm(X, this.UT, z, T, D, H);
    const h = new Float64Array((T + 1) * H);
    h.set(this.h0);
    const fPrime = new Float64Array(T * H);
    const b = this.b;
    const H4 = H - (H % 4);
    for (let t = 0; t < T; t++) {
      const zo = t * H;
      const hp = t * H; // h_{t} in storage is h_{t−1} for step t+1
      // W h_{t−1}, four rows at a time so each h_j load feeds four dot products
      // (each still summed in j order).
      let i = 0;
      for (; i < H4; i += 4) {
        const w0 = i * H;
        const w1 = w0 + H;
        const w2 = w1 + H;
        const w3 = w2 + H;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = 0; j < H; j++) {
          const hj = h[hp + j] as number;
          s0 += (W[w0 + j] as number) * hj;
          s1 += (W[w1 + j] as number) * hj;
          s2 += (W[w2 + j] as number) * hj;
          s3 += (W[w3 + j] as number) * hj;
        }
        z[zo + i] = (z[zo + i] as number) + s0 + (b[i] as number);
        z[zo + i + 1] = (z[zo + i + 1] as number) + s1 + (b[i + 1] as number);
        z[zo + i + 2] = (z[zo + i + 2] as number) + s2 + (b[i + 2] as number);
        z[zo + i + 3] = (z[zo + i + 3] as number) + s3 + (b[i + 3] as number);
      }
      for (; i < H; i++) {
        const wi = i * H;
        let s = 0;
        for (let j = 0; j < H; j++) s += (W[wi + j] as number) * (h[hp + j] as number);
        z[zo + i] = (z[zo + i] as number) + s + (b[i] as number);
      }
      applyActivation(this.activation, z, h, fPrime, H, zo, hp + H);
    }
    if (check) {
      // One scan after the loop instead of one per step: z is stored in time
      // order, so its first non-finite entry is the step where the overflow
      // happened, and h_t = f(z_t) is finite whenever z_t is.
      const bad = firstNonFinite(z);
      if (bad >= 0) throw new NonFiniteError(`z[${Math.floor(bad / H) + 1}][${bad % H}]`, z[bad] as number);
    }

    const V = this.V;
    const hT = T * H;
    const output = new Float64Array(O);
    for (let k = 0; k < O; k++) {
      let s = this.c[k] as number;
      for (let j = 0; j < H; j++) s += (V[k * H + j] as number) * (h[hT + j] as number);
      output[k] = s;
    }
    if (check) assertFinite("output", output);
    const r = new Float64Array(O);
    const loss = lossAndGrad(this.loss, output, target, r, O, 0);
    if (check && !Number.isFinite(loss)) throw new NonFiniteError("loss", loss);

    const dV = new Float64Array(O * H);
    for (let k = 0; k < O; k++) {
      const rk = r[k] as number;
      for (let j = 0; j < H; j++) dV[k * H + j] = rk * (h[hT + j] as number);
    }
    const hGrad = new Float64Array((T + 1) * H);
    for (let k = 0; k < O; k++) {
      const rk = r[k] as number;
      for (let j = 0; j < H; j++) hGrad[hT + j] = (hGrad[hT + j] as number) + rk * (V[k * H + j] as number);
    }

    // δ_t = ∂C/∂h_t ⊙ f′(z_t);  ∂C/∂h_{t−1} = Wᵀ δ_t.
    const delta = new Float64Array(T * H);
    for (let t = T; t >= 1; t--) {
      const go = t * H;
      const dOff = (t - 1) * H;
      for (let i = 0; i < H; i++) delta[dOff + i] = (hGrad[go + i] as number) * (fPrime[dOff + i] as number);
      const prev = (t - 1) * H;
      // ∂C/∂h_{t−1} += Σ_i δ_i W_i, four rows of W per pass over j (summed in i order).
      let i = 0;
      for (; i < H4; i += 4) {
        const d0 = delta[dOff + i] as number;
        const d1 = delta[dOff + i + 1] as number;
        const d2 = delta[dOff + i + 2] as number;
        const d3 = delta[dOff + i + 3] as number;
        const w0 = i * H;
        const w1 = w0 + H;
        const w2 = w1 + H;
        const w3 = w2 + H;
        for (let j = 0; j < H; j++) {
          hGrad[prev + j] =
            (hGrad[prev + j] as number) +
            d0 * (W[w0 + j] as number) +
            d1 * (W[w1 + j] as number) +
            d2 * (W[w2 + j] as number) +
            d3 * (W[w3 + j] as number);
        }
      }
      for (; i < H; i++) {
        const d = delta[dOff + i] as number;
        const wi = i * H;
        for (let j = 0; j < H; j++) hGrad[prev + j] = (hGrad[prev + j] as number) + d * (W[wi + j] as number);
      }
    }
    if (check) assertFinite("hGrad", hGrad, H);

    const dW = new Float64Array(H * H);
    gemmAtB(delta, h, dW, T, H, H);
    const dU = new Float64Array(H * D);
    gemmAtB(delta, X, dU, T, H, D);
    const db = new Float64Array(H);
    for (let t = 0; t < T; t++) for (let i = 0; i < H; i++) db[i] = (db[i] as number) + (delta[t * H + i] as number);
    if (check) {
      assertFinite("dW", dW, H);
      assertFinite("dU", dU, D);
      assertFinite("db", db);
      assertFinite("dV", dV, H);
    }
    return { steps: T, loss, output, h, z, fPrime, hGrad, delta, dW, dU, db, dV, dc: r };
  }
}

export interface RnnTrace {
  loss: number;
  output: number[];
  /** h_0 … h_T. */
  h: Matrix;
  /** z_1 … z_T (index 0 is step 1). */
  z: Matrix;
  fPrime: Matrix;
  /** δ_1 … δ_T. */
  delta: Matrix;
  /** ∂C/∂h_t for t = 0..T. */
  hGrads: Matrix;
  /** ‖∂C/∂h_t‖ for t = 0..T: the vanishing/exploding signal over time. */
  hGradNorms: number[];
  dW: Matrix;
  dU: Matrix;
  db: number[];
  dV: Matrix;
  dc: number[];
  dh0: number[];
}

export function rnnBptt(model: RnnModelSpec | RnnNet, inputs: MatrixLike, target: VectorLike): RnnTrace {
  const net = model instanceof RnnNet ? model : RnnNet.fromSpec(model);
  parseMatrix(inputs, "inputs", { cols: net.inputSize, colsWhy: " (to match the columns of rnn.U)" });
  parseVector(target, "target", net.outputSize, " (to match the rows of readout.V)");
  const T = inputs.length;
  const H = net.hidden;
  const r = net.run(toFlat(inputs), Float64Array.from(target), T);
  const hGradNorms: number[] = [];
  for (let t = 0; t <= T; t++) {
    const n = norm2(r.hGrad, H, t * H);
    if (!Number.isFinite(n)) throw new NonFiniteError(`hGradNorms[${t}]`, n);
    hGradNorms.push(n);
  }
  return {
    loss: r.loss,
    output: Array.from(r.output),
    h: fromFlat(r.h, T + 1, H),
    z: fromFlat(r.z, T, H),
    fPrime: fromFlat(r.fPrime, T, H),
    delta: fromFlat(r.delta, T, H),
    hGrads: fromFlat(r.hGrad, T + 1, H),
    hGradNorms,
    dW: fromFlat(r.dW, H, H),
    dU: fromFlat(r.dU, H, net.inputSize),
    db: Array.from(r.db),
    dV: fromFlat(r.dV, net.outputSize, H),
    dc: Array.from(r.dc),
    dh0: vecFromFlat(r.hGrad, H, 0),
  };
}
