import type { ExerciseParams } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * The LSTM cell-state exercise by simulation, never by the product formula:
 * lstm: the recursion c_t = f_t c_{t−1} + i_t g_t is run from c_0 ± 1 and
 *   differenced (with the gates fixed it is linear in c_0, so a central
 *   difference of any step is exact); ∂h_T/∂c_0 carries a tangent through the
 *   recursion and out through o_T tanh(c_T).
 * rnn: a tangent carried through h_t = tanh(z_t), with tanh′ as sech² = 4/(e^z + e^{−z})².
 * threshold: multiplying step by step until the gradient is below τ.
 * Each mistake is the simulation its explanation describes.
 */

interface Lstm {
  mode: "lstm";
  c0: number;
  f: readonly number[];
  i: readonly number[];
  g: readonly number[];
  o: readonly number[];
}
interface Rnn {
  mode: "rnn";
  f: readonly number[];
  w: number;
  z: readonly number[];
}
interface Threshold {
  mode: "threshold";
  source: "gate" | "bias";
  value: number;
  tau: number;
}
type Drawn = Lstm | Rnn | Threshold;

const tanh = (x: number) => 1 - 2 / (Math.exp(2 * x) + 1);
const sech2 = (x: number) => 4 / (Math.exp(x) + Math.exp(-x)) ** 2;

/** c_T from c_start, running steps from..T−1 (0-based). */
function runCell(d: Lstm, cStart: number, from: number): number {
  let c = cStart;
  for (let t = from; t < d.f.length; t++) c = (d.f[t] as number) * c + (d.i[t] as number) * (d.g[t] as number);
  return c;
}

/** Exact for a function linear in its argument. */
const difference = (fn: (c: number) => number, at: number) => (fn(at + 1) - fn(at - 1)) / 2;

/** The cell states c_1..c_T. */
function states(d: Lstm): number[] {
  const out: number[] = [];
  let c = d.c0;
  d.f.forEach((f, t) => {
    c = f * c + (d.i[t] as number) * (d.g[t] as number);
    out.push(c);
  });
  return out;
}

/** A tangent carried along: per step it is multiplied by `step(t)`. */
function tangent(T: number, step: (t: number) => number, from = 0): number {
  let dot = 1;
  for (let t = from; t < T; t++) dot *= step(t);
  return dot;
}

/** Steps k until `level(k)` < τ, counting one at a time. */
function countSteps(level: (k: number) => number, tau: number): number {
  let k = 0;
  while (level(k) >= tau) k += 1;
  return k;
}

const gateOf = (d: Threshold) => (d.source === "gate" ? d.value : 1 / (1 + Math.exp(-d.value)));

function geometricSteps(f: number, tau: number): number {
  let p = 1;
  let k = 0;
  while (p >= tau) {
    p *= f;
    k += 1;
  }
  return k;
}

export const lstmCellStateOracle: Oracle<Drawn> = {
  combos: [{ mode: "lstm" }, { mode: "rnn" }, { mode: "threshold" }],
  expected(d, _params: ExerciseParams) {
    if (d.mode === "lstm") return difference((c) => runCell(d, c, 0), d.c0);
    if (d.mode === "rnn") return tangent(d.z.length, (t) => d.w * sech2(d.z[t] as number));
    return geometricSteps(gateOf(d), d.tau);
  },
  mistakes(d): Record<string, number> {
    if (d.mode === "lstm") {
      const T = d.f.length;
      const c = states(d);
      const cT = c[T - 1] as number;
      const along = difference((x) => runCell(d, x, 0), d.c0);
      return {
        summed: d.f.reduce((s, v) => s + v, 0),
        // ∂h_T/∂c_0: the tangent of c_T, then out through h_T = o_T tanh(c_T).
        "output-gate": along * (d.o[T - 1] as number) * sech2(cT),
        // From c_1 instead of c_0.
        "off-by-one": difference((x) => runCell(d, x, 1), c[0] as number),
        "tanh-each-step": tangent(T, (t) => (d.f[t] as number) * sech2(c[t] as number)),
        // A tangent, not a difference: ∏ (1 − f_t) can be 1e-10 beside c_t ≈ 1.
        "forget-complement": tangent(T, (t) => 1 - (d.f[t] as number)),
      };
    }
    if (d.mode === "rnn") {
      const T = d.z.length;
      const truth = tangent(T, (t) => d.w * sech2(d.z[t] as number));
      return {
        "forgot-tanh-prime": tangent(T, () => d.w),
        "forgot-w": tangent(T, (t) => sech2(d.z[t] as number)),
        "tanh-instead-of-derivative": tangent(T, (t) => d.w * tanh(d.z[t] as number)),
        "off-by-one": tangent(T, (t) => d.w * sech2(d.z[t] as number), 1),
        "answered-lstm": tangent(T, (t) => d.f[t] as number),
        "sign-error": -truth,
      };
    }
    const f = gateOf(d);
    return {
      "last-above": geometricSteps(f, d.tau) - 1,
      "linear-decay": countSteps((k) => 1 - k * (1 - f), d.tau),
      "linearised-log": countSteps((k) => Math.exp(-k * (1 - f)), d.tau),
    };
  },
};
