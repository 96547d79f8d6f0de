import { EngineError } from "./errors";
import { type VectorLike } from "./linalg";
import { parseVector } from "./spec";

/**
 * The relative error of a gradient check: backprop's analytic gradient g_a
 * against a numeric one g_n (central differences),
 *   \mathrm{rel} = \frac{\lVert g_a - g_n\rVert_2}{\lVert g_a\rVert_2 + \lVert g_n\rVert_2}.
 * Dividing by the sizes makes it scale-free: the same check passes or fails
 * whether the gradients are of order 1e−4 or 1e2, which an absolute
 * threshold on ‖g_a − g_n‖ cannot do.
 */
export function gradientCheckError(analytic: VectorLike, numeric: VectorLike): number {
  parseVector(analytic, "analytic");
  parseVector(numeric, "numeric", analytic.length, " (one per parameter)");
  let diff = 0;
  let a = 0;
  let n = 0;
  for (let i = 0; i < analytic.length; i++) {
    const ai = analytic[i] as number;
    const ni = numeric[i] as number;
    diff += (ai - ni) * (ai - ni);
    a += ai * ai;
    n += ni * ni;
  }
  const denom = Math.sqrt(a) + Math.sqrt(n);
  if (!(denom > 0)) throw new EngineError("analytic", "both gradients are zero; the relative error is undefined");
  return Math.sqrt(diff) / denom;
}
