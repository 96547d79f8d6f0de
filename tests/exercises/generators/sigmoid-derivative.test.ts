import { describe, expect, it } from "vitest";
import { sigmoidDerivative } from "@/lib/exercises/generators/sigmoid-derivative";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["value", "bound"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

// ---- independent recomputation ----

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** σ′ by a central difference of σ (h = 1e-5: truncation and round-off both ≈ 1e-11). */
function fdSigmoidPrime(z: number, h = 1e-5): number {
  return (sig(z + h) - sig(z - h)) / (2 * h);
}

/**
 * max over x ∈ [−50, 50] of |w σ′(w x + b)|: a grid (step 0.01) to bracket the
 * peak, then golden-section search inside the bracket — no use of the
 * closed form x* = −b/w.
 */
function maxFactor(w: number, b: number): number {
  const g = (x: number) => {
    const s = sig(w * x + b);
    return Math.abs(w * s * (1 - s));
  };
  let best = -50;
  for (let x = -50; x <= 50; x += 0.01) if (g(x) > g(best)) best = x;
  let lo = best - 0.01;
  let hi = best + 0.01;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = hi - phi * (hi - lo);
  let d = lo + phi * (hi - lo);
  while (hi - lo > 1e-10) {
    if (g(c) > g(d)) hi = d;
    else lo = c;
    c = hi - phi * (hi - lo);
    d = lo + phi * (hi - lo);
  }
  return g((lo + hi) / 2);
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => sigmoidDerivative.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("sigmoid-derivative", () => {
  it("declares its id and params; defaults to value; rejects bad params by name", () => {
    expect(sigmoidDerivative.id).toBe("sigmoid-derivative");
    expect(sigmoidDerivative.params).toEqual({ mode: ["value", "bound"] });
    expect(sigmoidDerivative.generate(9, { difficulty: 1 })).toEqual(sigmoidDerivative.generate(9, { difficulty: 1, mode: "value" }));
    expect(() => sigmoidDerivative.generate(9, { difficulty: 1, mode: "max" })).toThrow(/params\.mode/);
  });

  it.each(COMBOS)("matches an independent recomputation (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = sigmoidDerivative.sample(s, p).d;
      const exp = inst.expected as number;
      if (d.mode === "value") {
        let z = d.z;
        if (p.difficulty === 1) {
          bad.check(d.w === undefined && showsNumber(inst.prompt, String(d.z)), () => `${s}: z not shown`);
        } else {
          const { w, x, b } = d as { w: number; x: number; b: number };
          for (const v of [w, x, b]) bad.check(showsNumber(inst.prompt, String(v)), () => `${s}: ${v} not in the prompt`);
          // z itself is not shown: the learner computes it.
          bad.check(Math.abs(z - (w * x + b)) < 1e-12, () => `${s}: z ${z} vs wx+b ${w * x + b}`);
          z = w * x + b;
        }
        bad.check(Math.abs(z) <= 4, () => `${s}: |z| = ${Math.abs(z)}`);
        const fd = fdSigmoidPrime(z);
        bad.check(Math.abs(fd - exp) <= 1e-7 * exp, () => `${s}: fd ${fd} vs ${exp}`);
      } else {
        bad.check(Math.abs(d.w) <= 1 && showsNumber(inst.prompt, String(d.w)), () => `${s}: w ${d.w}`);
        if (p.difficulty === 1) bad.check(d.w > 0, () => `${s}: w ≤ 0 at difficulty 1`);
        if (p.difficulty === 3) bad.check(d.b !== undefined && showsNumber(inst.prompt, String(d.b)), () => `${s}: b not shown`);
        else bad.check(d.b === undefined, () => `${s}: unexpected b`);
        const m = maxFactor(d.w, d.b ?? 0);
        bad.check(Math.abs(m - exp) <= 1e-9 * exp, () => `${s}: search ${m} vs ${exp}`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("lists the mistakes of its mode; at-x-zero only where a bias moves the peak (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      // Draws where two required mistakes coincide are redrawn, so they are all there; at-x-zero is optional.
      const w = p.mode === "bound" ? (sigmoidDerivative.sample(s, p).d as { w: number }).w : 0;
      const required =
        p.mode === "value"
          ? ["sigma-not-prime", "one-minus-only", "tanh-derivative", ...(p.difficulty >= 2 ? ["forgot-chain-z", "times-w"] : [])]
          : ["quarter-only", "half", "sigma-max", ...(w < 0 ? ["signed"] : [])];
      const ids = inst.mistakes.map((m) => m.id);
      bad.check(ids.filter((id) => id !== "at-x-zero").join(",") === required.join(","), () => `${s}: mistakes ${ids}`);
      if (ids.includes("at-x-zero")) bad.check(p.mode === "bound" && p.difficulty === 3, () => `${s}: at-x-zero without a bias`);
    }
    bad.none();
  });

  it.each(COMBOS)("the hint does not give the answer away; bound argues from |w| ≤ 1 (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      if (p.mode === "bound") bad.check(inst.solution.includes("|w| \\le 1"), () => `${inst.seed}: no |w| ≤ 1 argument`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${inst.seed}: hint shows the answer`);
    }
    bad.none();
  });
});
