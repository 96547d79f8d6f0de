import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { chainBiasRatio } from "@/lib/exercises/generators/chain-bias-ratio";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

// ---- independent recomputation ----

type Draw = ReturnType<typeof chainBiasRatio.sample>["d"];

/** C = ½(a_L − y)² by a plain sigmoid forward pass, with b_k shifted by h. */
function cost(d: Draw, k: number, h: number): number {
  let a = d.x;
  d.w.forEach((w, j) => {
    a = 1 / (1 + Math.exp(-(w * a + (d.b[j] as number) + (j === k ? h : 0))));
  });
  return 0.5 * (a - d.y) ** 2;
}

/**
 * The six-point central stencil (error O(h⁶)) with a large step h = 1e-2: a
 * plain h = 1e-6 difference loses ~eps·C/(h·|C′|) ≈ 1e-4 relative on the small
 * ∂C/∂b_1 of a 6-layer chain, far above the 1e-6 we check to.
 */
function fdGradient(d: Draw, k: number, h = 1e-2): number {
  const c = (m: number) => cost(d, k, m * h) - cost(d, k, -m * h);
  return (45 * c(1) - 9 * c(2) + c(3)) / (60 * h);
}

const instances = new Map<number, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  let v = instances.get(p.difficulty);
  if (!v) {
    v = SEEDS.map((s) => chainBiasRatio.generate(s, p));
    instances.set(p.difficulty, v);
  }
  return v;
}

describe("chain-bias-ratio", () => {
  it("declares its id and (no) params, and rejects a bad difficulty", () => {
    expect(chainBiasRatio.id).toBe("chain-bias-ratio");
    expect(chainBiasRatio.params).toEqual({});
    expect(() => chainBiasRatio.generate(5, { difficulty: Number.NaN })).toThrow(/params\.difficulty/);
  });

  it.each(COMBOS)("matches the ratio of finite-difference gradients (%o)", (p) => {
    const depth = [4, 5, 6][p.difficulty - 1] as number;
    const wMax = p.difficulty === 3 ? 2.5 : 1;
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = chainBiasRatio.sample(s, p).d;
      bad.check(d.activation === "sigmoid" && d.w.length === depth, () => `${s}: ${d.activation}, depth ${d.w.length}`);
      bad.check(d.w.every((w) => Math.abs(w) >= 0.2 && Math.abs(w) <= wMax), () => `${s}: weights ${d.w}`);
      if (p.difficulty === 1) bad.check(d.w.every((w) => w > 0), () => `${s}: difficulty 1 has a negative weight`);
      // Difficulty 3 is the case the ≥ 16 bound does not cover.
      if (p.difficulty === 3) bad.check(Math.abs((d.w[1] as number) * (d.w[2] as number)) > 1, () => `${s}: |w₂w₃| ≤ 1`);
      for (const v of [d.x, d.y, ...d.w, ...d.b]) {
        bad.check(Math.round(v * 100) / 100 === v, () => `${s}: ${v} not rounded`);
        bad.check(showsNumber(inst.prompt, String(v)), () => `${s}: ${v} not in the prompt`);
      }
      const exp = inst.expected as number;
      const ratio = fdGradient(d, 2) / fdGradient(d, 0);
      bad.check(Math.abs(ratio - exp) <= 1e-6 * Math.abs(exp), () => `${s}: fd ${ratio} vs ${exp}`);
      // |σ′| ≤ ¼ and |w| ≤ 1 make the ratio at least 16 in size, with the sign of w₂w₃.
      if (p.difficulty < 3) bad.check(Math.abs(exp) >= 16, () => `${s}: |ratio| ${exp} < 16`);
      bad.check(Math.sign(exp) === Math.sign((d.w[1] as number) * (d.w[2] as number)), () => `${s}: sign`);
    }
    bad.none();
  });

  it.each(COMBOS)("lists the sign mistakes only for a negative ratio (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const ids = inst.mistakes.map((m) => m.id).join(",");
      const want =
        (inst.expected as number) < 0
          ? "inverted,bound-16,bound-16-signed,dropped-sign,dropped-sigma1,off-by-one-layer"
          : "inverted,bound-16,dropped-sigma1,off-by-one-layer";
      bad.check(ids === want, () => `${inst.seed}: mistakes ${ids}`);
    }
    bad.none();
  });

  // What a learner types, recomputed from the drawn chain by finite differences (not the generator's solver).
  it.each(COMBOS)("names the mistake for the bound 16, the dropped sign and the dropped σ′(z₁) (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = chainBiasRatio.sample(s, p).d;
      const named = (typed: string, id: string) => {
        const v = checkAnswer(typed, inst.answer, inst.expected, inst.mistakes);
        bad.check(v.kind === "wrong" && v.mistakeId === id, () => `${s}: ${typed} gives ${JSON.stringify(v)}, want ${id}`);
      };
      named("16", "bound-16");
      const ratio = fdGradient(d, 2) / fdGradient(d, 0);
      if (ratio < 0) {
        named("-16", "bound-16-signed");
        named(plainNum(-ratio, 4), "dropped-sign");
      }
      // Without σ′(z₁) = a₁(1 − a₁): the ratio times σ′(z₁), σ′ from a plain forward pass.
      const a1 = 1 / (1 + Math.exp(-((d.w[0] as number) * d.x + (d.b[0] as number))));
      named(plainNum(ratio * a1 * (1 - a1), 4), "dropped-sigma1");
    }
    bad.none();
  });

  it.each(COMBOS)("step by step: the true values end on the answer, an earlier slip is carried forward (%o)", (p) => {
    const steps = chainBiasRatio.definition.model.steps;
    if (!steps) return expect.fail("no steps");
    const bad = problems();
    for (const seed of SEEDS.slice(0, 50)) {
      const { d, s } = chainBiasRatio.sample(seed, p);
      const list = steps(d, s);
      bad.check(list.map((st) => st.id).join(",") === "sigma-prime-1,sigma-prime-2,ratio", () => `${seed}: steps ${list.map((st) => st.id)}`);
      // The true values, each from the true earlier ones.
      const truth: number[] = [];
      for (const st of list) truth.push(st.value(truth));
      bad.check(truth[truth.length - 1] === s.expected, () => `${seed}: last step ${truth[truth.length - 1]} vs ${s.expected}`);
      // σ′(z_j) = a_j(1 − a_j) by a plain forward pass.
      let a = d.x;
      d.w.slice(0, 2).forEach((w, j) => {
        a = 1 / (1 + Math.exp(-(w * a + (d.b[j] as number))));
        bad.check(Math.abs((truth[j] as number) - a * (1 - a)) <= 1e-12, () => `${seed}: step ${j + 1} ${truth[j]} vs ${a * (1 - a)}`);
      });
      // A wrong σ′(z_1) (10 % off): the ratio step follows it, not the true answer.
      const last = list[list.length - 1]!;
      const slip = [(truth[0] as number) * 1.1, truth[1] as number];
      const carried = last.value(slip);
      const [, w2, w3] = d.w as [number, number, number];
      bad.check(Math.abs(carried - 1 / (slip[0]! * w2 * slip[1]! * w3)) <= 1e-12 * Math.abs(carried), () => `${seed}: carried ${carried}`);
      bad.check(Math.abs(carried * 1.1 - s.expected) <= 1e-9 * Math.abs(s.expected), () => `${seed}: carried ${carried} vs ${s.expected}/1.1`);
      bad.check(Math.sign(carried) === Math.sign(s.expected), () => `${seed}: sign of the carried ratio`);
    }
    bad.none();
  });

  it("asks for a signed ratio and says what the sign means", () => {
    for (const difficulty of [1, 2, 3]) {
      const prompt = all({ difficulty })[0]!.prompt;
      expect(prompt).toContain("signed ratio");
      expect(prompt).toContain("$r < 0$: opposite signs");
    }
    // Negative answers are a minority (none at difficulty 1, where every weight is positive).
    const negatives = [1, 2, 3].map((difficulty) => all({ difficulty }).filter((i) => (i.expected as number) < 0).length);
    expect(negatives[0]).toBe(0);
    expect(negatives[1]! + negatives[2]!).toBeGreaterThan(100);
  });

  it("difficulty 3 differs from 2 (and 2 from 1) in at least 90 % of seeds", () => {
    const differs = (x: number, y: number) =>
      SEEDS.filter((_, i) => Math.abs((all({ difficulty: x })[i]!.expected as number) - (all({ difficulty: y })[i]!.expected as number)) > 1e-9).length;
    expect(differs(3, 2)).toBeGreaterThanOrEqual(0.9 * SEEDS.length);
    expect(differs(2, 1)).toBeGreaterThanOrEqual(0.9 * SEEDS.length);
  });

  it.each(COMBOS)("argues with the ≥ 16 bound, and the hint does not give the answer away (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      bad.check(inst.solution.includes("\\ge 16"), () => `${inst.seed}: no ≥ 16 argument`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${inst.seed}: hint shows the answer`);
    }
    bad.none();
  });
});
