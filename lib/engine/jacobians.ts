import { getActivation } from "./activations";
import { EngineError } from "./errors";
import { forward } from "./feedforward";
import { type Complex, eigenvalues, gemm, fromFlat, type Matrix, type MatrixLike, shape, singularValues, toFlat, type VectorLike } from "./linalg";
import { rnnBptt } from "./rnn";
import { type LayerSpec, type NetworkSpec, parseLayer, parseVector, type RnnModelSpec } from "./spec";

/**
 * Layer-to-layer Jacobians: the matrices whose product decides whether a
 * gradient vanishes or explodes on its way back through depth or time.
 */

/**
 * \frac{\partial a^{(k)}}{\partial a^{(k-1)}} = \operatorname{diag}\!\big(f'(z^{(k)})\big)\,W^{(k)}
 * \;(+\,I \text{ for a residual layer}),\quad z^{(k)} = W^{(k)} a^{(k-1)} + b^{(k)}.
 * For a 1-unit layer this is the familiar factor w·σ′(z).
 */
export function jacobian(layer: LayerSpec, aPrev: VectorLike): Matrix {
  const l = parseLayer(layer, "layer", undefined, "");
  const nIn = (l.W[0] as VectorLike).length;
  parseVector(aPrev, "aPrev", nIn, " (to match the columns of layer.W)");
  const act = getActivation(l.activation, "layer.activation");
  return l.W.map((row, i) => {
    let z = l.b[i] as number;
    for (let j = 0; j < nIn; j++) z += (row[j] as number) * (aPrev[j] as number);
    const fp = act.fPrime(z);
    return row.map((w, j) => fp * w + (l.residual && i === j ? 1 : 0));
  });
}

/**
 * \frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\!\big(f'(z_t)\big)\,W,\quad z_t = W h_{t-1} + U x_t + b.
 */
export function rnnStepJacobian(W: MatrixLike, fPrimeOfZ: VectorLike): Matrix {
  const [H, cols] = shape(W, "W");
  if (cols !== H) throw new EngineError("W", `expected a square matrix, got ${H}x${cols}`);
  parseVector(fPrimeOfZ, "fPrime", H, " (the hidden size)");
  return W.map((row, i) => row.map((w) => (fPrimeOfZ[i] as number) * w));
}

/** Every layer's Jacobian at the activations produced by `input`, first layer first. */
export function networkJacobians(net: NetworkSpec, input: VectorLike): Matrix[] {
  const trace = forward(net, input);
  return net.layers.map((layer, k) => {
    const fp = (trace.layers[k] as { fPrime: number[] }).fPrime;
    return layer.W.map((row, i) => row.map((w, j) => (fp[i] as number) * w + (layer.residual && i === j ? 1 : 0)));
  });
}

/** ∂h_t/∂h_{t−1} for t = 1..T along the trajectory driven by `inputs`. */
export function rnnJacobians(model: RnnModelSpec, inputs: MatrixLike): Matrix[] {
  const zeroTarget = new Array<number>(model.readout.V.length).fill(0);
  const trace = rnnBptt(model, inputs, zeroTarget);
  return trace.fPrime.map((fp) => rnnStepJacobian(model.rnn.W, fp));
}

/**
 * J_n ⋯ J_2 J_1 for `jacobians` given in forward order [J_1, …, J_n], i.e.
 * ∂(last)/∂(first input) by the chain rule. Each J_k must have as many
 * columns as J_{k−1} has rows.
 */
export function jacobianProduct(jacobians: readonly MatrixLike[]): Matrix {
  if (jacobians.length === 0) throw new EngineError("jacobians", "expected at least one matrix");
  let [rows, cols] = shape(jacobians[0] as MatrixLike, "jacobians[0]");
  let acc = toFlat(jacobians[0] as MatrixLike);
  for (let k = 1; k < jacobians.length; k++) {
    const J = jacobians[k] as MatrixLike;
    const [r, c] = shape(J, `jacobians[${k}]`);
    if (c !== rows) {
      throw new EngineError(`jacobians[${k}]`, `expected ${rows} columns, got ${c} (to match the rows of jacobians[${k - 1}])`);
    }
    const next = new Float64Array(r * cols);
    gemm(toFlat(J), acc, next, r, c, cols);
    acc = next;
    rows = r;
  }
  void cols;
  return fromFlat(acc, rows, cols);
}

export interface MatrixAnalysis {
  /** Largest singular value: the worst-case gain on any direction. */
  spectralNorm: number;
  singularValues: number[];
  /** Square matrices only, sorted by decreasing modulus. */
  eigenvalues: Complex[] | null;
  /** max |λ|; > 1 means repeated application explodes, < 1 vanishes. */
  spectralRadius: number | null;
}

export function analyzeMatrix(M: MatrixLike): MatrixAnalysis {
  const [r, c] = shape(M, "matrix");
  const sv = singularValues(M);
  const eig = r === c ? eigenvalues(M) : null;
  const first = eig?.[0];
  return {
    spectralNorm: sv[0] as number,
    singularValues: sv,
    eigenvalues: eig,
    spectralRadius: first ? Math.hypot(first.re, first.im) : null,
  };
}

