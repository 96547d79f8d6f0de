import type { Oracle } from "./types";

/**
 * BPTT's factor by other routes than the generator's.
 * scalar: forward-mode differentiation, carrying ∂h_t/∂h_s along with h_t
 * (f′ read off the state: 1 − h² for tanh, h(1 − h) for the sigmoid), so no
 * product of precomputed factors is formed; each mistake runs the same
 * recursion with the part its explanation says was left out or swapped.
 * eigen: the eigenvalues in complex arithmetic, λ = tr/2 ± √(tr²/4 − det), their
 * moduli by hypot; σ_max(W) from the closed form ½(√((a+d)² + (b−c)²) + √((a−d)² + (b+c)²)).
 */

interface Scalar {
  mode: "scalar";
  activation: "tanh" | "sigmoid";
  w: number;
  u: number;
  b: number;
  h0: number;
  x: readonly number[];
}
interface Eigen {
  mode: "eigen";
  W: readonly (readonly number[])[];
}
type Drawn = Scalar | Eigen;

const F = {
  tanh: { f: (z: number) => (Math.exp(2 * z) - 1) / (Math.exp(2 * z) + 1), slope: (h: number) => 1 - h * h },
  sigmoid: { f: (z: number) => 1 / (1 + Math.exp(-z)), slope: (h: number) => h * (1 - h) },
};

/**
 * Runs the RNN forward from h_0 and carries the tangent ∂h_t/∂h_{from} (seeded with 1 at step
 * `from`). `step(h, tangent)` is the tangent's update once h_t is known; the default is the chain
 * rule w·f′(z_t).
 */
function tangent(d: Scalar, from: number, step?: (h: number, t: number) => number): number {
  const { f, slope } = F[d.activation];
  let h = d.h0;
  let t = 0;
  d.x.forEach((xt, i) => {
    if (i === from) t = 1;
    h = f(d.w * h + d.u * xt + d.b);
    t = step ? step(h, t) : d.w * slope(h) * t;
  });
  return t;
}

/** Both eigenvalues as [re, im] pairs. */
function eigenvalues(W: Eigen["W"]): [number, number][] {
  const [[a, b], [c, d]] = W as [[number, number], [number, number]];
  const half = (a + d) / 2;
  const rad = half * half - (a * d - b * c);
  return rad >= 0
    ? [
        [half + Math.sqrt(rad), 0],
        [half - Math.sqrt(rad), 0],
      ]
    : [
        [half, Math.sqrt(-rad)],
        [half, -Math.sqrt(-rad)],
      ];
}

const modulus = ([re, im]: [number, number]) => Math.hypot(re, im);

export const rnnBpttFactorOracle: Oracle<Drawn> = {
  combos: [{ mode: "scalar" }, { mode: "eigen" }],
  expected(d) {
    if (d.mode === "scalar") return tangent(d, 0);
    return Math.max(...eigenvalues(d.W).map(modulus));
  },
  mistakes(d): Record<string, number> {
    if (d.mode === "scalar") {
      const { slope } = F[d.activation];
      return {
        // A linear RNN, h_t = w h_{t-1} + …: the tangent picks up w per step.
        "forgot-f-prime": tangent(d, 0, (_h, t) => d.w * t),
        "forgot-w": tangent(d, 0, (h, t) => slope(h) * t),
        // The state h_t = f(z_t) in place of f′(z_t).
        "f-instead-of-derivative": tangent(d, 0, (h, t) => d.w * h * t),
        // ∂h_T/∂h_1: seeded one step late.
        "one-factor-short": tangent(d, 1),
        "sign-error": -tangent(d, 0),
      };
    }
    const [[a, b], [c, dd]] = d.W as [[number, number], [number, number]];
    const eig = eigenvalues(d.W);
    const real = eig.every(([, im]) => im === 0);
    const [l1, l2] = eig.map(([re]) => re) as [number, number];
    const out: Record<string, number> = {
      "largest-entry": Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(dd)),
      "singular-value": (Math.hypot(a + dd, b - c) + Math.hypot(a - dd, b + c)) / 2,
      "trace-half": (a + dd) / 2,
      determinant: a * dd - b * c,
    };
    if (real) {
      // The larger eigenvalue by sign, and the dominant one with its sign kept.
      out["signed-largest"] = Math.max(l1, l2);
      out["dropped-absolute-value"] = Math.abs(l1) >= Math.abs(l2) ? l1 : l2;
    }
    return out;
  },
};
