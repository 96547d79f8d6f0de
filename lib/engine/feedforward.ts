import { type ActivationName, applyActivation } from "./activations";
import { assertFinite, EngineError, firstNonFinite, NonFiniteError } from "./errors";
import { fromFlat, gemm, gemmAtB, type Matrix, type MatrixLike, norm2, toFlat, transposeInto, vecFromFlat, type VectorLike } from "./linalg";
import { lossAndGrad, type LossName } from "./losses";
import { inputWidth, type NetworkSpec, outputWidth, parseMatrix, parseNetwork, parseVector } from "./spec";

/**
 * Feedforward networks in float64. One compiled network runs a whole batch
 * as matrix–matrix products on flat row-major Float64Arrays: per layer
 *   Z = A_prev Wᵀ + 1bᵀ,  A = f(Z) (+ A_prev if residual),
 * and backward
 *   Δ = G ⊙ f′(Z),  ∂C/∂W = ΔᵀA_prev / B,  ∂C/∂b = 1ᵀΔ / B,  G_prev = ΔW (+ G if residual).
 * Per-example gradients are summed and divided by the batch size once at the
 * end, which is both cheaper and closer to the exact mean.
 */

interface CompiledLayer {
  readonly nIn: number;
  readonly nOut: number;
  readonly W: Float64Array; // nOut×nIn
  readonly WT: Float64Array; // nIn×nOut, so the forward product streams rows
  readonly b: Float64Array;
  readonly activation: ActivationName;
  readonly residual: boolean;
}

/** Flat buffers of one pass; valid until the next run() with the same batch size. */
export interface FlatLayerState {
  readonly z: Float64Array; // B×nOut
  readonly a: Float64Array; // B×nOut
  readonly fPrime: Float64Array; // B×nOut
  /** ∂C_i/∂z for each example's own loss C_i (not yet divided by B). */
  readonly delta: Float64Array; // B×nOut
  readonly dW: Float64Array; // nOut×nIn, batch mean
  readonly db: Float64Array; // nOut, batch mean
}

export interface FlatResult {
  readonly batch: number;
  /** Mean loss over the batch. */
  readonly loss: number;
  readonly layers: readonly FlatLayerState[];
  /** ∂(mean loss)/∂input per example, B×n0; empty when not requested. */
  readonly dInput: Float64Array;
}

export interface RunOptions {
  /** Skip the first layer's ΔW product when the caller has no use for ∂C/∂input (default true). */
  inputGrad?: boolean;
  /** Throw NonFiniteError on overflow (default true); benchmarks may turn the scan off. */
  checkFinite?: boolean;
}

export class FeedforwardNet {
  readonly layers: readonly CompiledLayer[];
  readonly loss: LossName;
  readonly widths: readonly number[];
  private work: { batch: number; layers: FlatLayerState[]; g0: Float64Array; g1: Float64Array; dInput: Float64Array } | null = null;

  private constructor(layers: CompiledLayer[], loss: LossName) {
    this.layers = layers;
    this.loss = loss;
    this.widths = [(layers[0] as CompiledLayer).nIn, ...layers.map((l) => l.nOut)];
  }

  /** Validates the spec (shapes, activations, finiteness) and copies weights into flat storage. */
  static fromSpec(spec: NetworkSpec): FeedforwardNet {
    const net = parseNetwork({ layers: spec.layers, loss: spec.loss });
    const layers = net.layers.map((l): CompiledLayer => {
      const nOut = l.W.length;
      const nIn = (l.W[0] as VectorLike).length;
      const W = toFlat(l.W);
      const WT = new Float64Array(nIn * nOut);
      transposeInto(W, WT, nOut, nIn);
      return { nIn, nOut, W, WT, b: Float64Array.from(l.b), activation: l.activation, residual: l.residual ?? false };
    });
    return new FeedforwardNet(layers, net.loss ?? "mse");
  }

  get inputSize(): number {
    return this.widths[0] as number;
  }

  get outputSize(): number {
    return this.widths[this.widths.length - 1] as number;
  }

  private workspace(batch: number): NonNullable<FeedforwardNet["work"]> {
    if (this.work && this.work.batch === batch) return this.work;
    const maxW = Math.max(...this.widths);
    this.work = {
      batch,
      layers: this.layers.map((l) => ({
        z: new Float64Array(batch * l.nOut),
        a: new Float64Array(batch * l.nOut),
        fPrime: new Float64Array(batch * l.nOut),
        delta: new Float64Array(batch * l.nOut),
        dW: new Float64Array(l.nOut * l.nIn),
        db: new Float64Array(l.nOut),
      })),
      g0: new Float64Array(batch * maxW),
      g1: new Float64Array(batch * maxW),
      dInput: new Float64Array(batch * this.inputSize),
    };
    return this.work;
  }

  /**
   * The forward pass alone over a batch stored row-major (X is B×n0): every
   * layer's z, a and f′ (the same numbers run() computes), no loss, no
   * gradients. For predictions, where the backward pass would be wasted work.
   * Returned buffers are reused by the next call with the same batch size.
   */
  forward(X: Float64Array, batch: number, options: Pick<RunOptions, "checkFinite"> = {}): readonly FlatLayerState[] {
    this.checkInputs(X, batch);
    const ws = this.workspace(batch);
    this.forwardInto(X, batch, ws, options.checkFinite ?? true);
    return ws.layers;
  }

  private checkInputs(X: Float64Array, batch: number): void {
    if (!(Number.isInteger(batch) && batch >= 1)) throw new EngineError("batch", `expected a positive integer, got ${batch}`);
    if (X.length < batch * this.inputSize) throw new EngineError("inputs", `expected ${batch * this.inputSize} numbers, got ${X.length}`);
  }

  /** A net with copies of this one's weights (its own buffers: training one leaves the other as it was). */
  clone(): FeedforwardNet {
    return new FeedforwardNet(
      this.layers.map((l) => ({ ...l, W: l.W.slice(), WT: l.WT.slice(), b: l.b.slice() })),
      this.loss,
    );
  }

  private forwardInto(X: Float64Array, batch: number, ws: NonNullable<FeedforwardNet["work"]>, check: boolean): Float64Array {
    const L = this.layers.length;
    const single = batch === 1;
    const field = (l: number, name: string): string => `layers[${l}].${name}`;
    let aPrev = X;
    for (let l = 0; l < L; l++) {
      const layer = this.layers[l] as CompiledLayer;
      const st = ws.layers[l] as FlatLayerState;
      const { nIn, nOut } = layer;
      gemm(aPrev, layer.WT, st.z, batch, nIn, nOut);
      const z = st.z;
      const b = layer.b;
      for (let i = 0; i < batch; i++) {
        const o = i * nOut;
        for (let j = 0; j < nOut; j++) z[o + j] = (z[o + j] as number) + (b[j] as number);
      }
      if (check) assertFinite(field(l, "z"), z, single ? 0 : nOut);
      applyActivation(layer.activation, z, st.a, st.fPrime, batch * nOut);
      if (layer.residual) {
        const a = st.a;
        for (let k = 0; k < batch * nOut; k++) a[k] = (a[k] as number) + (aPrev[k] as number);
        if (check) assertFinite(field(l, "a"), a, single ? 0 : nOut);
      }
      aPrev = st.a;
    }
    return aPrev;
  }

  /**
   * Forward + backward over a batch stored row-major: X is B×n0, Y is B×nL.
   * Returned buffers are reused by the next call with the same batch size.
   */
  run(X: Float64Array, Y: Float64Array, batch: number, options: RunOptions = {}): FlatResult {
    const inputGrad = options.inputGrad ?? true;
    const check = options.checkFinite ?? true;
    this.checkInputs(X, batch);
    if (Y.length < batch * this.outputSize) throw new EngineError("targets", `expected ${batch * this.outputSize} numbers, got ${Y.length}`);
    const ws = this.workspace(batch);
    const L = this.layers.length;
    const single = batch === 1;
    const field = (l: number, name: string): string => `layers[${l}].${name}`;
    const aPrev = this.forwardInto(X, batch, ws, check);

    const nL = this.outputSize;
    let g = ws.g0;
    let gNext = ws.g1;
    let total = 0;
    for (let i = 0; i < batch; i++) total += lossAndGrad(this.loss, aPrev, Y, g, nL, i * nL);
    const loss = total / batch;
    if (check && !Number.isFinite(loss)) throw new NonFiniteError("loss", loss);

    const invB = 1 / batch;
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.layers[l] as CompiledLayer;
      const st = ws.layers[l] as FlatLayerState;
      const { nIn, nOut } = layer;
      const n = batch * nOut;
      const delta = st.delta;
      const fp = st.fPrime;
      for (let k = 0; k < n; k++) delta[k] = (g[k] as number) * (fp[k] as number);

      const input = l === 0 ? X : (ws.layers[l - 1] as FlatLayerState).a;
      gemmAtB(delta, input, st.dW, batch, nOut, nIn);
      const dW = st.dW;
      for (let k = 0; k < nOut * nIn; k++) dW[k] = (dW[k] as number) * invB;
      const db = st.db;
      db.fill(0);
      for (let i = 0; i < batch; i++) {
        const o = i * nOut;
        for (let j = 0; j < nOut; j++) db[j] = (db[j] as number) + (delta[o + j] as number);
      }
      for (let j = 0; j < nOut; j++) db[j] = (db[j] as number) * invB;
      if (check) {
        assertFinite(field(l, "delta"), delta, single ? 0 : nOut);
        if (batch > 1 && (firstNonFinite(dW) >= 0 || firstNonFinite(db) >= 0)) {
          // The batch sum overflowed although each δ is finite: the mean may
          // still be representable, so average the scaled terms instead.
          meanGradsScaled(delta, input, dW, db, batch, nOut, nIn);
        }
        assertFinite(field(l, "dW"), dW, nIn);
        assertFinite(field(l, "db"), db);
      }

      if (l > 0 || inputGrad) {
        gemm(delta, layer.W, gNext, batch, nOut, nIn);
        if (layer.residual) {
          for (let k = 0; k < n; k++) gNext[k] = (gNext[k] as number) + (g[k] as number);
        }
        const t = g;
        g = gNext;
        gNext = t;
      }
    }
    if (inputGrad) {
      const n0 = batch * this.inputSize;
      const dInput = ws.dInput;
      for (let k = 0; k < n0; k++) dInput[k] = (g[k] as number) * invB;
      if (check && batch > 1 && firstNonFinite(dInput) >= 0) {
        // Δ₀W₀ overflowed before the division by B; gNext still holds ∂C/∂a₀
        // (needed by a residual first layer), so redo it from Δ₀/B.
        const first = this.layers[0] as CompiledLayer;
        const d0 = (ws.layers[0] as FlatLayerState).delta;
        const scaled = new Float64Array(batch * first.nOut);
        for (let k = 0; k < scaled.length; k++) scaled[k] = (d0[k] as number) / batch;
        gemm(scaled, first.W, dInput, batch, first.nOut, first.nIn);
        if (first.residual) for (let k = 0; k < n0; k++) dInput[k] = (dInput[k] as number) + (gNext[k] as number) / batch;
      }
      if (check) assertFinite("dInput", dInput, single ? 0 : this.inputSize);
    }
    return { batch, loss, layers: ws.layers, dInput: inputGrad ? ws.dInput : new Float64Array(0) };
  }
}

/** dW = Σ_i (δ_i/B) a_iᵀ and db = Σ_i δ_i/B: slower than scaling the sums, but finite whenever the means are. */
function meanGradsScaled(
  delta: Float64Array,
  input: Float64Array,
  dW: Float64Array,
  db: Float64Array,
  batch: number,
  nOut: number,
  nIn: number,
): void {
  const scaled = new Float64Array(batch * nOut);
  for (let k = 0; k < batch * nOut; k++) scaled[k] = (delta[k] as number) / batch;
  gemmAtB(scaled, input, dW, batch, nOut, nIn);
  db.fill(0);
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < nOut; j++) db[j] = (db[j] as number) + (scaled[i * nOut + j] as number);
  }
}

export interface LayerTrace {
  z: number[];
  a: number[];
  fPrime: number[];
  /** δ = ∂C/∂z. */
  delta: number[];
  dW: Matrix;
  db: number[];
  /** ‖∂C/∂b‖ = ‖δ‖: how fast this layer's biases learn (Nielsen, ch. 5). */
  deltaNorm: number;
}

export interface Trace {
  loss: number;
  output: number[];
  layers: LayerTrace[];
  /** ∂C/∂input. */
  dInput: number[];
}

export interface BatchLayerTrace {
  /** Per example. */
  z: Matrix;
  a: Matrix;
  fPrime: Matrix;
  /** Per example δ_i = ∂C/∂z_i of the mean loss C, so that db = Σ_i δ_i. */
  delta: Matrix;
  /** Batch means. */
  dW: Matrix;
  db: number[];
  deltaNorm: number;
}

export interface BatchTrace {
  /** Mean loss. */
  loss: number;
  output: Matrix;
  layers: BatchLayerTrace[];
  /** Per example ∂C/∂x_i of the mean loss. */
  dInput: Matrix;
}

/** ‖v‖, which can overflow even when every entry is finite. */
function finiteNorm(v: Float64Array, field: string): number {
  const n = norm2(v);
  if (!Number.isFinite(n)) throw new NonFiniteError(field, n);
  return n;
}

function compile(net: NetworkSpec | FeedforwardNet): FeedforwardNet {
  return net instanceof FeedforwardNet ? net : FeedforwardNet.fromSpec(net);
}

function widthOf(net: FeedforwardNet | NetworkSpec, which: "in" | "out"): number {
  if (net instanceof FeedforwardNet) return which === "in" ? net.inputSize : net.outputSize;
  return which === "in" ? inputWidth(net) : outputWidth(net);
}

/** One example: every intermediate quantity a learner needs to see, per layer. */
export function forwardBackward(net: NetworkSpec | FeedforwardNet, input: VectorLike, target: VectorLike): Trace {
  const compiled = compile(net);
  parseVector(input, "input", widthOf(compiled, "in"), " (to match the columns of layers[0].W)");
  parseVector(target, "target", widthOf(compiled, "out"), ` (to match the rows of layers[${compiled.layers.length - 1}].W)`);
  const r = compiled.run(Float64Array.from(input), Float64Array.from(target), 1);
  const layers = r.layers.map((st, l): LayerTrace => {
    const { nIn, nOut } = compiled.layers[l] as CompiledLayer;
    const db = vecFromFlat(st.db, nOut);
    const deltaNorm = finiteNorm(st.db, `layers[${l}].deltaNorm`);
    return {
      z: vecFromFlat(st.z, nOut),
      a: vecFromFlat(st.a, nOut),
      fPrime: vecFromFlat(st.fPrime, nOut),
      delta: vecFromFlat(st.delta, nOut),
      dW: fromFlat(st.dW, nOut, nIn),
      db,
      deltaNorm,
    };
  });
  return {
    loss: r.loss,
    output: (layers[layers.length - 1] as LayerTrace).a.slice(),
    layers,
    dInput: vecFromFlat(r.dInput, compiled.inputSize),
  };
}

/** A batch: mean loss, mean gradients, and per-example intermediates. */
export function forwardBackwardBatch(net: NetworkSpec | FeedforwardNet, inputs: MatrixLike, targets: MatrixLike): BatchTrace {
  const compiled = compile(net);
  parseMatrix(inputs, "inputs", { cols: compiled.inputSize, colsWhy: " (to match the columns of layers[0].W)" });
  parseMatrix(targets, "targets", {
    rows: inputs.length,
    rowsWhy: " (one per input)",
    cols: compiled.outputSize,
    colsWhy: ` (to match the rows of layers[${compiled.layers.length - 1}].W)`,
  });
  const B = inputs.length;
  const r = compiled.run(toFlat(inputs), toFlat(targets), B);
  const invB = 1 / B;
  const layers = r.layers.map((st, l): BatchLayerTrace => {
    const { nIn, nOut } = compiled.layers[l] as CompiledLayer;
    const delta = fromFlat(st.delta, B, nOut);
    for (const row of delta) for (let j = 0; j < nOut; j++) row[j] = (row[j] as number) * invB;
    return {
      z: fromFlat(st.z, B, nOut),
      a: fromFlat(st.a, B, nOut),
      fPrime: fromFlat(st.fPrime, B, nOut),
      delta,
      dW: fromFlat(st.dW, nOut, nIn),
      db: vecFromFlat(st.db, nOut),
      deltaNorm: finiteNorm(st.db, `layers[${l}].deltaNorm`),
    };
  });
  return {
    loss: r.loss,
    output: (layers[layers.length - 1] as BatchLayerTrace).a.map((row) => row.slice()),
    layers,
    dInput: fromFlat(r.dInput, B, compiled.inputSize),
  };
}

export interface ForwardTrace {
  output: number[];
  layers: { z: number[]; a: number[]; fPrime: number[] }[];
}

/** Forward pass only (no target needed), e.g. to evaluate Jacobians at a given input. */
export function forward(net: NetworkSpec | FeedforwardNet, input: VectorLike): ForwardTrace {
  const compiled = compile(net);
  const t = forwardBackward(compiled, input, new Array<number>(compiled.outputSize).fill(0));
  return { output: t.output, layers: t.layers.map(({ z, a, fPrime }) => ({ z, a, fPrime })) };
}
