import type { Oracle } from "./types";

/**
 * Gradient descent on a quadratic loss. The curvatures are read off the loss
 * as written (½aw², cw², ½(a₁w₁² + a₂w₂²)) by a second difference with step 1,
 * exact for a quadratic; a step size diverges iff η·a_max > 2 (the limit
 * compared, not the factor 1 − ηa). Each mistake is the verdict or the limit
 * that its explanation's reasoning gives.
 */

type Form = { form: "half"; a: number } | { form: "plain"; c: number } | { form: "diag"; a1: number; a2: number };
type Draw = Form & ({ mode: "diverges"; eta: number } | { mode: "threshold" });

/** The loss along each coordinate (the other held at 0). */
function losses(d: Form): ((w: number) => number)[] {
  if (d.form === "half") return [(w) => 0.5 * d.a * w * w];
  if (d.form === "plain") return [(w) => d.c * w * w];
  return [(w) => 0.5 * d.a1 * w * w, (w) => 0.5 * d.a2 * w * w];
}

const curvatures = (d: Form): number[] => losses(d).map((f) => f(1) - 2 * f(0) + f(-1));
const diverges = (eta: number, a: number): boolean => eta * a > 2;

export const lrDivergenceOracle: Oracle<Draw> = {
  combos: [{ mode: "diverges" }, { mode: "threshold" }],
  expected(d) {
    const aMax = Math.max(...curvatures(d));
    return d.mode === "diverges" ? diverges(d.eta, aMax) : 2 / aMax;
  },
  mistakes(d) {
    const curv = curvatures(d);
    const aMax = Math.max(...curv);
    const aMin = Math.min(...curv);
    if (d.mode === "diverges") {
      return {
        // The stability test run with the coefficient c (half the curvature), or with the flat direction only.
        ...(d.form === "plain" ? { "coefficient-as-curvature": diverges(d.eta, d.c) } : {}),
        ...(d.form === "diag" ? { "flat-direction-only": diverges(d.eta, aMin) } : {}),
        // A plain wrong verdict: "converges" for a diverging run; "diverges" for a converging one (overshooting or not).
        "said-converges": false,
        "overshoot-is-not-divergence": true,
        "said-diverges": true,
      };
    }
    return {
      ...(d.form === "plain" ? { "coefficient-as-curvature": 2 / d.c } : {}),
      ...(d.form === "diag" ? { "flat-direction": 2 / aMin, "mean-curvature": 2 / ((curv[0] as number) / 2 + (curv[1] as number) / 2) } : {}),
      "optimal-rate": 1 / aMax,
      "half-curvature": aMax / 2,
      "double-curvature": 2 * aMax,
    };
  },
};
