import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { forwardBackward } from "@/lib/engine";
import { chainBiasGradient } from "@/lib/exercises/generators/chain-bias-gradient";
import type { ChainDraw } from "@/lib/exercises/kit/chain";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { lastNumber, problems, richardson, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const;
const COMBOS: ExerciseParams[] = ACTIVATIONS.flatMap((activation) => [1, 2, 3].map((difficulty) => ({ difficulty, activation })));
const label = (p: ExerciseParams) => `${String(p.activation)}, difficulty ${p.difficulty}`;

// ---- independent recomputation ----

type Act = (typeof ACTIVATIONS)[number];
const F: Record<Act, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => Math.tanh(z),
  relu: (z) => Math.max(0, z),
};

/** C = ½(a_L − y)² by a plain forward pass, with b_k shifted by h. */
function cost(d: ChainDraw, k: number, h: number): number {
  let a = d.x;
  d.w.forEach((w, j) => {
    a = F[d.activation](w * a + (d.b[j] as number) + (j === k ? h : 0));
  });
  return 0.5 * (a - d.y) ** 2;
}

/** ∂C/∂b_k by Richardson-extrapolated central differences; relu chains stay on the linear side of every kink since every z_j ≥ 0.1 > 1e-2·∏|w_j|. */
const fdGradient = (d: ChainDraw, k: number): number => richardson((h) => cost(d, k, h));

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = label(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => chainBiasGradient.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("chain-bias-gradient", () => {
  it("declares its id and params", () => {
    expect(chainBiasGradient.id).toBe("chain-bias-gradient");
    expect(chainBiasGradient.params).toEqual({ activation: ["sigmoid", "tanh", "relu"] });
  });

  it("defaults to sigmoid and rejects bad params with a typed error naming them", () => {
    expect(chainBiasGradient.generate(5, { difficulty: 2 })).toEqual(chainBiasGradient.generate(5, { difficulty: 2, activation: "sigmoid" }));
    expect(() => chainBiasGradient.generate(5, { difficulty: 2, activation: "softplus" })).toThrow(/params\.activation/);
    expect(() => chainBiasGradient.generate(5, { difficulty: "hard" as unknown as number })).toThrow(/params\.difficulty/);
    expect(() => chainBiasGradient.generate(1.5, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS)("matches finite differences and the engine's forwardBackward (%o)", (p) => {
    const depth = [3, 4, 6][p.difficulty - 1] as number;
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = chainBiasGradient.sample(s, p).d;
      const exp = inst.expected as number;
      bad.check(d.w.length === depth && d.b.length === depth, () => `${s}: depth ${d.w.length}`);
      // Drawn numbers are 2-decimal values, shown exactly in the prompt.
      for (const v of [d.x, d.y, ...d.w, ...d.b]) {
        bad.check(Math.round(v * 100) / 100 === v, () => `${s}: ${v} not rounded`);
        bad.check(showsNumber(inst.prompt, String(v)), () => `${s}: ${v} not in the prompt`);
      }
      bad.check(d.w.every((w) => Math.abs(w) >= 0.3 && Math.abs(w) <= 1.5), () => `${s}: weights ${d.w}`);
      const fd = fdGradient(d, 0);
      bad.check(Math.abs(fd - exp) <= 1e-6 * Math.abs(exp), () => `${s}: fd ${fd} vs ${exp}`);
      const net = { layers: d.w.map((w, j) => ({ W: [[w]], b: [d.b[j] as number], activation: d.activation })), loss: "mse" as const };
      const trace = forwardBackward(net, [d.x], [d.y]);
      const db1 = trace.layers[0]!.db[0] as number;
      bad.check(Math.abs(db1 - exp) <= 1e-12 * Math.abs(exp), () => `${s}: forwardBackward ${db1} vs ${exp}`);
      // ReLU: every unit active (else the answer would be exactly 0).
      if (d.activation === "relu") bad.check(trace.layers.every((l) => (l.z[0] as number) > 0), () => `${s}: inactive relu`);
    }
    bad.none();
  });

  it.each(COMBOS)("lists every mistake on every draw, and reads a 4-digit answer (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      bad.check(Number.isFinite(exp) && Math.abs(exp) >= 1e-8, () => `${s}: answer ${exp}`);
      bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4-digit answer not accepted`);
      bad.check(checkAnswer("0", inst.answer, exp, inst.mistakes).kind === "wrong", () => `${s}: 0 accepted`);
      // Draws where two mistakes coincide are redrawn, so all five are always there.
      const ids = inst.mistakes.map((m) => m.id).join(",");
      const want =
        p.activation === "relu"
          ? "sigma-not-prime,dropped-cost-factor,included-w1,missing-factor,sign-error"
          : "sigma-not-prime,dropped-cost-factor,included-w1,missing-factor,dropped-fprime1,sign-error";
      bad.check(ids === want, () => `${s}: mistakes ${ids}`);
    }
    bad.none();
  });

  // The learner's product without f′(z₁), recomputed from the prompt's numbers: finite-difference ∂C/∂b₁ divided by f′(z₁) = ∂a₁/∂b₁ (also by differences).
  it.each(COMBOS.filter((p) => p.activation !== "relu"))("names the mistake when f′(z₁) is dropped (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = chainBiasGradient.sample(s, p).d;
      const f = F[d.activation];
      const z1 = (d.w[0] as number) * d.x + (d.b[0] as number);
      const fp1 = (f(z1 + 1e-6) - f(z1 - 1e-6)) / 2e-6;
      const typed = plainNum(fdGradient(d, 0) / fp1, 4);
      const v = checkAnswer(typed, inst.answer, inst.expected, inst.mistakes);
      bad.check(v.kind === "wrong" && v.mistakeId === "dropped-fprime1", () => `${s}: ${typed} gives ${JSON.stringify(v)}`);
    }
    bad.none();
  });

  it.each(COMBOS)("solution ends on the answer and compares with the last bias; the hint hides the answer (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * Math.abs(exp), () => `${s}: last number ${lastNumber(inst.solution)}`);
      bad.check(/times (smaller|\*\*larger\*\*) than/.test(inst.solution), () => `${s}: no comparison with the last bias`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      bad.check(inst.prompt.includes("Give it as a number"), () => `${s}: no answer form`);
    }
    bad.none();
  });
});
