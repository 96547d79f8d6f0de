import { tanh, tanhPrime } from "./activations";
import { EngineError } from "./errors";
import { type VectorLike } from "./linalg";
import { parseNumber, parseVector } from "./spec";

/**
 * One LSTM unit along its cell state, with the gate values of every step
 * given (held fixed): the path that makes long memory possible. With the
 * gates held fixed the cell update is linear in c_{t−1}, so the gradient along
 * this path is a plain product of forget-gate values, with no weight and no
 * squashing derivative in it (unlike a vanilla RNN's ∏ w f′(z_t)).
 */

/** The gate values of steps t = 1..T, index t − 1. */
export interface LstmGateValues {
  /** Forget gate f_t ∈ (0, 1). */
  f: VectorLike;
  /** Input gate i_t ∈ (0, 1). */
  i: VectorLike;
  /** Candidate g_t ∈ (−1, 1). */
  g: VectorLike;
  /** Output gate o_t ∈ (0, 1). */
  o: VectorLike;
}

export interface LstmCellTrace {
  /** c_0 … c_T. */
  c: number[];
  /** h_1 … h_T (index t − 1). */
  h: number[];
}

function checkGates(gates: LstmGateValues): number {
  parseVector(gates.f, "f");
  const T = gates.f.length;
  parseVector(gates.i, "i", T, " (one per step)");
  parseVector(gates.g, "g", T, " (one per step)");
  parseVector(gates.o, "o", T, " (one per step)");
  return T;
}

/**
 * c_t = f_t\,c_{t-1} + i_t\,g_t,\qquad h_t = o_t \tanh(c_t)\qquad (t = 1..T)
 */
export function lstmCellForward(c0: number, gates: LstmGateValues): LstmCellTrace {
  parseNumber(c0, "c0");
  const T = checkGates(gates);
  const c = [c0];
  const h: number[] = [];
  for (let t = 0; t < T; t++) {
    const next = (gates.f[t] as number) * (c[t] as number) + (gates.i[t] as number) * (gates.g[t] as number);
    c.push(next);
    h.push((gates.o[t] as number) * tanh(next));
  }
  return { c, h };
}

/**
 * The cell-state path from c_from to c_to, gates held fixed:
 * \frac{\partial c_{to}}{\partial c_{from}} = \prod_{t=from+1}^{to} f_t
 * (1 when from = to). Steps are numbered 1..T as in f_t; f is f_1 … f_T.
 */
export function cellStatePathGradient(f: VectorLike, from = 0, to = f.length): number {
  parseVector(f, "f");
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= f.length)) {
    throw new EngineError("from", `expected whole steps 0 <= from <= to <= ${f.length}, got from = ${from}, to = ${to}`);
  }
  let p = 1;
  for (let t = from; t < to; t++) p *= f[t] as number;
  return p;
}

/**
 * What reaches h_T from c_T: \frac{\partial h_T}{\partial c_T} = o_T \tanh'(c_T).
 * It belongs to ∂h/∂c, not to the cell-state path itself.
 */
export function hiddenFromCell(oT: number, cT: number): number {
  return parseNumber(oT, "oT") * tanhPrime(parseNumber(cT, "cT"));
}

/**
 * The smallest whole number of steps k ≥ 1 after which a constant forget gate
 * f ∈ (0, 1) has shrunk the cell-state gradient below the fraction τ ∈ (0, 1):
 * f^k < τ, i.e. k = \lfloor \ln\tau / \ln f \rfloor + 1.
 * Found from the logarithms, then settled by the powers themselves, so a ratio
 * that lands within round-off of a whole number is decided by f^k < τ.
 */
export function stepsBelow(f: number, tau: number): number {
  if (!(parseNumber(f, "f") > 0 && f < 1)) throw new EngineError("f", `expected a forget gate strictly between 0 and 1, got ${f}`);
  if (!(parseNumber(tau, "tau") > 0 && tau < 1)) throw new EngineError("tau", `expected a threshold strictly between 0 and 1, got ${tau}`);
  let k = Math.max(1, Math.floor(Math.log(tau) / Math.log(f)) + 1);
  while (f ** k >= tau) k += 1;
  while (k > 1 && f ** (k - 1) < tau) k -= 1;
  return k;
}
