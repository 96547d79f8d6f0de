import { getActivation } from "@/lib/engine/activations";
import type { Rng } from "@/lib/engine/rng";
import { actTex, type ChainActivation, type ChainDraw, chainForward, type ChainTrace, drawChainCandidate } from "../../kit/chain";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved, StepOf } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * ∂C/∂b_1 in a one-neuron-per-layer chain a_0 = x, z_j = w_j a_{j-1} + b_j,
 * a_j = f(z_j), C = ½(a_L − y)². By the chain rule along the only path from b_1
 * to C (∂z_1/∂b_1 = 1, ∂a_j/∂z_j = f′(z_j), ∂z_{j+1}/∂a_j = w_{j+1}, ∂C/∂a_L = a_L − y):
 *   \frac{\partial C}{\partial b_1} = f'(z_1)\,\prod_{j=2}^{L} w_j\,f'(z_j)\,(a_L - y).
 */

export const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const satisfies readonly ChainActivation[];
const DEPTHS = [3, 4, 6] as const;

/** Below this f′ a unit is saturated and the exercise degenerates into "≈ 0". */
const MIN_FPRIME = 0.03;
/** |a_L − y| below this makes the gradient ≈ 0 because the output happens to be right. */
const MIN_RESIDUAL = 0.05;
/** Smallest |∂C/∂b_1| we ask for: tiny is the point, but not beyond what anyone would type. */
const MIN_ANSWER = 1e-8;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  activation: ChainActivation;
}

export type Drawn = ChainDraw;

export interface Solution extends Solved {
  expected: number;
  trace: ChainTrace;
  /** Depth L. */
  L: number;
  /** a_L − y. */
  residual: number;
  /** f′(z_1), then w_j f′(z_j) for j = 2..L. */
  factors: number[];
  /** ∂C/∂b_L = f′(z_L)(a_L − y), for the comparison with the last bias. */
  gradL: number;
}

export type MistakeId = "sigma-not-prime" | "dropped-cost-factor" | "included-w1" | "missing-factor" | "dropped-fprime1" | "sign-error";

const prod = (xs: readonly number[]): number => xs.reduce((p, v) => p * v, 1);


export function draw(rng: Rng, p: Params): Drawn | null {
  return drawChainCandidate(rng, { activation: p.activation, L: DEPTHS[p.difficulty - 1] as number, wMax: 1.5, wMin: 0.3 });
}

export function solve(d: Drawn): Solution | null {
  const trace = chainForward(d);
  const { z, a, fp } = trace;
  const L = d.w.length;
  if (d.activation !== "relu" && fp.some((v) => v < MIN_FPRIME)) return null;
  // ReLU: every unit must be active, else the answer is exactly 0.
  if (d.activation === "relu" && z.some((v) => !(v > 0))) return null;
  const residual = (a[L] as number) - d.y;
  if (Math.abs(residual) < MIN_RESIDUAL) return null;
  const factors = fp.map((v, i) => (i === 0 ? v : (d.w[i] as number) * v));
  const expected = prod(factors) * residual;
  if (!Number.isFinite(expected) || Math.abs(expected) < MIN_ANSWER) return null;
  return {
    answer: { kind: "number", tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texNum(expected, 4),
    trace,
    L,
    residual,
    factors,
    gradL: (fp[L - 1] as number) * residual,
  };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { L, residual, factors, expected } = s;
  const act = getActivation(d.activation);
  const fz = s.trace.z.map((v) => act.f(v));
  const cands: MistakeOf<MistakeId>[] = [
    { id: "sigma-not-prime", value: prod(fz.map((v, i) => (i === 0 ? v : (d.w[i] as number) * v))) * residual },
    { id: "dropped-cost-factor", value: prod(factors) },
    { id: "included-w1", value: (d.w[0] as number) * expected },
    { id: "missing-factor", value: prod(factors.slice(0, L - 1)) * residual },
    // ReLU's f′(z_1) is 1, so dropping it changes nothing there.
    ...(d.activation === "relu" ? [] : [{ id: "dropped-fprime1" as const, value: expected / (s.trace.fp[0] as number) }]),
    { id: "sign-error", value: -expected },
  ];
  return resolveAllMistakes(expected, cands);
}

/**
 * Step by step: each factor along the path (f′(z_1), then w_j f′(z_j)), the
 * output factor a_L − y, then their product, computed from the learner's own
 * earlier values (error carried forward). Same multiplication order as
 * solve(), so the true values give exactly the expected answer.
 */
export function steps(d: Drawn, s: Solution): StepOf[] {
  const F = actTex(d.activation);
  const { L } = s;
  return [
    ...s.factors.map((v, i) => ({
      id: `factor-${i + 1}`,
      tex: i === 0 ? `${F}'(z_1)` : `w_{${i + 1}}\\,${F}'(z_{${i + 1}})`,
      value: () => v,
    })),
    { id: "output", tex: `a_{${L}} - y`, value: () => s.residual },
    {
      id: "answer",
      tex: `\\dfrac{\\partial C}{\\partial b_1}`,
      value: (earlier: readonly number[]) => prod(earlier.slice(0, L)) * (earlier[L] as number),
    },
  ];
}
