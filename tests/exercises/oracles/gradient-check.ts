import type { ExerciseParams } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * The gradient check from the printed integers A_i, N_i (g = integer · 10^e)
 * in exact BigInt arithmetic: Σ(A_i − N_i)², ΣA_i², ΣN_i² are exact, and
 * only their square roots are rounded. rel is scale-free, so 10^e cancels;
 * the absolute error puts it back. τ = 1e−6 as the prompt states.
 */

interface Check {
  A: readonly number[];
  N: readonly number[];
  e: number;
}

const TAU = 1e-6;

function sums({ A, N }: Check) {
  let diff = 0n;
  let a = 0n;
  let n = 0n;
  A.forEach((ai, i) => {
    const x = BigInt(ai);
    const y = BigInt(N[i] as number);
    diff += (x - y) * (x - y);
    a += x * x;
    n += y * y;
  });
  return { diff: Math.sqrt(Number(diff)), a: Math.sqrt(Number(a)), n: Math.sqrt(Number(n)) };
}

export const gradientCheckOracle: Oracle<Check> = {
  combos: [{ mode: "error" }, { mode: "verdict" }],
  expected(d, params: ExerciseParams) {
    const s = sums(d);
    const rel = s.diff / (s.a + s.n);
    return params.mode === "error" ? rel : rel < TAU;
  },
  mistakes(d, params: ExerciseParams): Record<string, number | boolean> {
    const s = sums(d);
    if (params.mode === "verdict") return { "absolute-verdict": s.diff * 10 ** d.e < TAU };
    return {
      "absolute-error": s.diff * 10 ** d.e,
      "analytic-norm-only": s.diff / s.a,
      "squared-norms": (s.diff * s.diff) / (s.a * s.a + s.n * s.n),
    };
  },
};
