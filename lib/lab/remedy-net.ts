import { type ActivationName, applyActivation, gemm, gemmAtB, lossAndGrad, NonFiniteError, norm2, type Rng, transposeInto } from "../engine";
import { CLASSES, type Digits, PIXELS } from "./digits";
import { LabError } from "./errors";
import { type LabModel } from "./stepper";
import { type Evaluation } from "./train";

export type RemedyVariant = "plain" | "residual" | "batchnorm";

/** BatchNorm's ε, as PyTorch's default. */
export const BN_EPS = 1e-5;

/**
 * The remedies tab's net: `depth` hidden layers of `width` and 10 softmax
 * outputs, in one of three variants at the same depth:
 *   plain      aˡ = f(Wˡaˡ⁻¹ + bˡ)
 *   residual   aˡ = aˡ⁻¹ + f(Wˡaˡ⁻¹ + bˡ)  for l ≥ 2 (layer 1 changes the width)
 *   batchnorm  aˡ = f(γˡ ⊙ x̂ˡ + βˡ), x̂ˡ = (zˡ − μ_B)/√(σ²_B + ε), zˡ = Wˡaˡ⁻¹
 *              (training-mode statistics of the current batch; no bias, β
 *              plays its part).
 * W ~ N(0, 1/n_in), b = 0, γ = 1, β = 0. Everything in float64 on flat
 * row-major batches, gradients of the batch's mean loss C = (1/B) Σ C_x.
 * BatchNorm's backward pass (per feature j, over the batch):
 *   \frac{\partial C}{\partial z_{ij}} = \frac{1}{\sqrt{\sigma_j^2+\epsilon}}
 *     \Bigl(g_{ij} - \overline{g_{\cdot j}} - \hat x_{ij}\,\overline{g_{\cdot j}\hat x_{\cdot j}}\Bigr),
 *   g_{ij} = \gamma_j \frac{\partial C}{\partial y_{ij}},
 * tested against finite differences in tests/lab/remedy-net.test.ts.
 * Evaluation uses the statistics of the evaluated set itself (one batch).
 */
export class RemedyNet {
  readonly variant: RemedyVariant;
  readonly activation: ActivationName;
  readonly widths: number[];
  /** Per layer (hidden layers then the output layer): W (nOut×nIn), its transpose, b; γ and β for hidden layers under batchnorm. */
  readonly W: Float64Array[];
  private readonly WT: Float64Array[];
  readonly b: Float64Array[];
  readonly gamma: Float64Array[];
  readonly beta: Float64Array[];
  /** Gradients of the last `forwardBackward`, same shapes. */
  readonly dW: Float64Array[];
  readonly db: Float64Array[];
  readonly dgamma: Float64Array[];
  readonly dbeta: Float64Array[];
  private cacheBatch = -1;
  private z: Float64Array[] = [];
  private xhat: Float64Array[] = [];
  private invStd: Float64Array[] = [];
  private fp: Float64Array[] = [];
  private a: Float64Array[] = [];

  constructor(rng: Rng, options: { depth: number; width: number; activation: ActivationName; variant: RemedyVariant; inputs?: number; outputs?: number }) {
    const { depth, width } = options;
    if (!(Number.isInteger(depth) && depth >= 1)) throw new LabError("depth", `expected a positive integer, got ${depth}`);
    if (!(Number.isInteger(width) && width >= 1)) throw new LabError("width", `expected a positive integer, got ${width}`);
    this.variant = options.variant;
    this.activation = options.activation;
    this.widths = [options.inputs ?? PIXELS, ...new Array<number>(depth).fill(width), options.outputs ?? CLASSES];
    this.W = [];
    this.WT = [];
    this.b = [];
    this.gamma = [];
    this.beta = [];
    for (let l = 1; l < this.widths.length; l++) {
      const nIn = this.widths[l - 1] as number;
      const nOut = this.widths[l] as number;
      const W = new Float64Array(nOut * nIn);
      const sd = 1 / Math.sqrt(nIn);
      for (let k = 0; k < W.length; k++) W[k] = rng.gaussian(0, sd);
      const WT = new Float64Array(nIn * nOut);
      transposeInto(W, WT, nOut, nIn);
      this.W.push(W);
      this.WT.push(WT);
      this.b.push(new Float64Array(nOut));
      this.gamma.push(new Float64Array(nOut).fill(1));
      this.beta.push(new Float64Array(nOut));
    }
    this.dW = this.W.map((w) => new Float64Array(w.length));
    this.db = this.b.map((b) => new Float64Array(b.length));
    this.dgamma = this.b.map((b) => new Float64Array(b.length));
    this.dbeta = this.b.map((b) => new Float64Array(b.length));
  }

  get hidden(): number {
    return this.widths.length - 2;
  }

  private isBn(l: number): boolean {
    return this.variant === "batchnorm" && l < this.hidden;
  }

  private isResidual(l: number): boolean {
    return this.variant === "residual" && l >= 1 && l < this.hidden;
  }

  /** After writing into W directly (tests, finite differences), refresh the transposes. */
  syncTransposes(): void {
    this.W.forEach((W, l) => transposeInto(W, this.WT[l] as Float64Array, this.widths[l + 1] as number, this.widths[l] as number));
  }

  private ensure(batch: number): void {
    if (this.cacheBatch === batch) return;
    const hid = this.widths.slice(1);
    this.z = hid.map((n) => new Float64Array(batch * n));
    this.xhat = hid.map((n) => new Float64Array(batch * n));
    this.invStd = hid.map((n) => new Float64Array(n));
    this.fp = hid.map((n) => new Float64Array(batch * n));
    this.a = hid.map((n) => new Float64Array(batch * n));
    this.cacheBatch = batch;
  }

  /** Forward pass; returns the output layer's logits (B×10), valid until the next call. */
  forward(X: Float64Array, batch: number): Float64Array {
    this.ensure(batch);
    const L = this.widths.length - 1;
    let prev = X;
    for (let l = 0; l < L; l++) {
      const nIn = this.widths[l] as number;
      const nOut = this.widths[l + 1] as number;
      const z = this.z[l] as Float64Array;
      gemm(prev, this.WT[l] as Float64Array, z, batch, nIn, nOut);
      const a = this.a[l] as Float64Array;
      if (l === L - 1) {
        const b = this.b[l] as Float64Array;
        for (let i = 0; i < batch; i++) for (let j = 0; j < nOut; j++) z[i * nOut + j] = (z[i * nOut + j] as number) + (b[j] as number);
        a.set(z);
        break;
      }
      const u = this.xhat[l] as Float64Array; // pre-activation input, overwritten by x̂ under batchnorm
      if (this.isBn(l)) {
        const inv = this.invStd[l] as Float64Array;
        const g = this.gamma[l] as Float64Array;
        const be = this.beta[l] as Float64Array;
        const y = new Float64Array(batch * nOut);
        for (let j = 0; j < nOut; j++) {
          let m = 0;
          for (let i = 0; i < batch; i++) m += z[i * nOut + j] as number;
          m /= batch;
          let v = 0;
          for (let i = 0; i < batch; i++) v += ((z[i * nOut + j] as number) - m) ** 2;
          v /= batch;
          const s = 1 / Math.sqrt(v + BN_EPS);
          inv[j] = s;
          for (let i = 0; i < batch; i++) {
            const xh = ((z[i * nOut + j] as number) - m) * s;
            u[i * nOut + j] = xh;
            y[i * nOut + j] = (g[j] as number) * xh + (be[j] as number);
          }
        }
        applyActivation(this.activation, y, a, this.fp[l] as Float64Array, batch * nOut);
      } else {
        const b = this.b[l] as Float64Array;
        for (let i = 0; i < batch; i++) for (let j = 0; j < nOut; j++) z[i * nOut + j] = (z[i * nOut + j] as number) + (b[j] as number);
        applyActivation(this.activation, z, a, this.fp[l] as Float64Array, batch * nOut);
      }
      if (this.isResidual(l)) for (let k = 0; k < batch * nOut; k++) a[k] = (a[k] as number) + (prev[k] as number);
      prev = a;
    }
    return this.a[L - 1] as Float64Array;
  }

  /** Forward and backward over a batch; fills dW, db, dγ, dβ with the gradients of the mean loss and returns it. */
  forwardBackward(X: Float64Array, Y: Float64Array, batch: number): number {
    const out = this.forward(X, batch);
    const L = this.widths.length - 1;
    const nL = this.widths[L] as number;
    let G = new Float64Array(batch * nL);
    let total = 0;
    for (let i = 0; i < batch; i++) total += lossAndGrad("softmax_ce", out, Y, G, nL, i * nL);
    const loss = total / batch;
    if (!Number.isFinite(loss)) throw new NonFiniteError("loss", loss);
    for (let k = 0; k < G.length; k++) G[k] = (G[k] as number) / batch;
    for (let l = L - 1; l >= 0; l--) {
      const nIn = this.widths[l] as number;
      const nOut = this.widths[l + 1] as number;
      const prev = l === 0 ? X : (this.a[l - 1] as Float64Array);
      let dz: Float64Array;
      if (l === L - 1) dz = G;
      else {
        const du = new Float64Array(batch * nOut);
        const fp = this.fp[l] as Float64Array;
        for (let k = 0; k < du.length; k++) du[k] = (G[k] as number) * (fp[k] as number);
        if (this.isBn(l)) {
          const xh = this.xhat[l] as Float64Array;
          const inv = this.invStd[l] as Float64Array;
          const gam = this.gamma[l] as Float64Array;
          const dg = this.dgamma[l] as Float64Array;
          const dbe = this.dbeta[l] as Float64Array;
          dz = new Float64Array(batch * nOut);
          for (let j = 0; j < nOut; j++) {
            let sg = 0;
            let sgx = 0;
            let sdu = 0;
            let sdux = 0;
            for (let i = 0; i < batch; i++) {
              const d = du[i * nOut + j] as number;
              const x = xh[i * nOut + j] as number;
              sdu += d;
              sdux += d * x;
              const gg = d * (gam[j] as number);
              sg += gg;
              sgx += gg * x;
            }
            dbe[j] = sdu;
            dg[j] = sdux;
            const mg = sg / batch;
            const mgx = sgx / batch;
            for (let i = 0; i < batch; i++) {
              const k = i * nOut + j;
              dz[k] = (inv[j] as number) * ((du[k] as number) * (gam[j] as number) - mg - (xh[k] as number) * mgx);
            }
          }
        } else dz = du;
      }
      gemmAtB(dz, prev, this.dW[l] as Float64Array, batch, nOut, nIn);
      const db = this.db[l] as Float64Array;
      db.fill(0);
      if (!this.isBn(l)) for (let i = 0; i < batch; i++) for (let j = 0; j < nOut; j++) db[j] = (db[j] as number) + (dz[i * nOut + j] as number);
      if (l > 0) {
        const Gp = new Float64Array(batch * nIn);
        gemm(dz, this.W[l] as Float64Array, Gp, batch, nOut, nIn);
        if (this.isResidual(l)) for (let k = 0; k < Gp.length; k++) Gp[k] = (Gp[k] as number) + (G[k] as number);
        G = Gp;
      }
    }
    for (let l = 0; l < this.hidden; l++) {
      const n = norm2(this.dW[l] as Float64Array);
      if (!Number.isFinite(n)) throw new NonFiniteError(`layers[${l}].dW`, n);
    }
    return loss;
  }

  /** θ ← θ − η ∂C/∂θ for every parameter. */
  update(eta: number): void {
    const sub = (p: Float64Array, d: Float64Array) => {
      for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) - eta * (d[k] as number);
    };
    this.W.forEach((w, l) => sub(w, this.dW[l] as Float64Array));
    this.b.forEach((b, l) => sub(b, this.db[l] as Float64Array));
    for (let l = 0; l < this.hidden; l++) {
      if (!this.isBn(l)) continue;
      sub(this.gamma[l] as Float64Array, this.dgamma[l] as Float64Array);
      sub(this.beta[l] as Float64Array, this.dbeta[l] as Float64Array);
    }
    this.syncTransposes();
  }

  /** ‖∂C/∂Wˡ‖_F per hidden layer, from the last forwardBackward. */
  weightGradNorms(): number[] {
    return this.dW.slice(0, this.hidden).map((d) => norm2(d));
  }
}

/** A RemedyNet as a LabModel: per-layer speed is ‖∂C/∂Wˡ‖_F (a BatchNorm layer has no bias to measure). */
export function remedyModel(net: RemedyNet): LabModel {
  return {
    hidden: net.hidden,
    step(X, Y, batch, eta, norms) {
      const loss = net.forwardBackward(X, Y, batch);
      net.weightGradNorms().forEach((v, l) => (norms[l] = v));
      net.update(eta);
      return loss;
    },
    speeds(train: Digits) {
      const n = Math.min(1000, train.count);
      net.forwardBackward(train.images, train.targets, n);
      return net.weightGradNorms();
    },
    evaluate(test: Digits): Evaluation {
      const out = net.forward(test.images, test.count);
      let correct = 0;
      for (let i = 0; i < test.count; i++) {
        let best = 0;
        for (let j = 1; j < CLASSES; j++) if ((out[i * CLASSES + j] as number) > (out[i * CLASSES + best] as number)) best = j;
        if (best === test.labels[i]) correct++;
      }
      return { accuracy: correct / test.count, loss: Number.NaN };
    },
  };
}
