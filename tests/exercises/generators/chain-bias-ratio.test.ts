import { isDeepStrictEqual } from "node:util";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { chainBiasRatio } from "@/lib/exercises/generators/chain-bias-ratio";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

// ---- helpers (kept local: each exercise test file stands alone) ----

/**
 * Plain comparisons collected and asserted once per test: thousands of
 * expect() calls would dominate the run time.
 */
function problems() {
  const list: string[] = [];
  return {
    check(ok: boolean, msg: () => string): void {
      if (!ok && list.length < 20) list.push(msg());
    },
    none(): void {
      expect(list).toEqual([]);
    },
  };
}

/** $$…$$ and $…$ segments of a Markdown string; fails if a stray $ is left over. */
function texSegments(md: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  const rest = md
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, t: string) => {
      out.push({ tex: t, display: true });
      return " ";
    })
    .replace(/\$([^$]+)\$/g, (_, t: string) => {
      out.push({ tex: t, display: false });
      return " ";
    });
  if (rest.includes("$")) expect.fail(`unbalanced $ in: ${md}`);
  return out;
}

/** KaTeX errors depend on the TeX's structure, not its digits: each structure is rendered once. */
const rendered = new Set<string>();
/** A signed number, possibly in `m \times 10^{e}` form: one placeholder, so sign and notation patterns do not multiply the keys. */
const NUMBER = /-?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?/g;
function expectRenders(md: string, where: string): void {
  for (const { tex, display } of texSegments(md)) {
    const key = `${display ? "D" : "I"}${tex.replace(NUMBER, "0")}`;
    if (rendered.has(key)) continue;
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "error" });
    } catch (e) {
      expect.fail(`${where}: ${String(e)}\n${tex}`);
    }
    rendered.add(key);
  }
}

/** The last number written in a text, reading `m \times 10^{e}` as one number. */
function lastNumber(text: string): number {
  const all = [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)];
  const m = all[all.length - 1];
  if (!m) return NaN;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0);
}

/** True when `tex` occurs in `text` as a whole number (not part of a longer one). */
function showsNumber(text: string, tex: string): boolean {
  for (let i = text.indexOf(tex); i >= 0; i = text.indexOf(tex, i + 1)) {
    const before = text[i - 1] ?? " ";
    const after = text[i + tex.length] ?? " ";
    if (!/[0-9.]/.test(before) && !/[0-9]/.test(after)) return true;
  }
  return false;
}

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
 * Central difference with two Richardson steps (error O(h⁶)): a plain
 * h = 1e-6 difference loses ~eps·C/(h·|C′|) ≈ 1e-4 relative on the small
 * ∂C/∂b_1 of a 6-layer chain, far above the 1e-6 we check to.
 */
function fdGradient(d: Draw, k: number, h = 1e-2): number {
  const D = (s: number) => (cost(d, k, s) - cost(d, k, -s)) / (2 * s);
  const d1 = D(h);
  const d2 = D(h / 2);
  const d3 = D(h / 4);
  const r1 = (4 * d2 - d1) / 3;
  const r2 = (4 * d3 - d2) / 3;
  return (16 * r2 - r1) / 15;
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

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) bad.check(isDeepStrictEqual(chainBiasRatio.generate(inst.seed, p), inst), () => `seed ${inst.seed}`);
    bad.none();
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

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      bad.check(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: answer not accepted`);
      bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4-digit answer not accepted`);
      const ids = inst.mistakes.map((m) => m.id).join(",");
      const want = exp < 0 ? "inverted,bound-16,bound-16-signed,dropped-sign,dropped-sigma1,off-by-one-layer" : "inverted,bound-16,dropped-sigma1,off-by-one-layer";
      bad.check(ids === want, () => `${s}: mistakes ${ids}`);
      for (const m of inst.mistakes) {
        bad.check(distinguishable(m.value, exp, inst.answer), () => `${s}: ${m.id} not distinguishable`);
        const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
        bad.check(v.kind === "wrong" && v.mistakeId === m.id, () => `${s}: ${m.id} answered gives ${JSON.stringify(v)}`);
      }
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number]));
      bad.check(Math.abs((byId.inverted as number) * exp - 1) < 1e-12, () => `${s}: inverted`);
      bad.check(byId["bound-16"] === 16, () => `${s}: bound-16`);
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
    const steps = chainBiasRatio.definition.steps;
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

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      const lines = inst.solution.trim().split("\n");
      bad.check((lines[lines.length - 1] as string).includes(inst.expectedTex), () => `${s}: last line ${lines[lines.length - 1]}`);
      bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * Math.abs(exp), () => `${s}: last number ${lastNumber(inst.solution)}`);
      bad.check(inst.solution.includes("\\ge 16"), () => `${s}: no ≥ 16 argument`);
      bad.check(!showsNumber(inst.prompt, inst.expectedTex) && !showsNumber(inst.prompt, plainNum(exp, 4)), () => `${s}: prompt shows the answer`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      expectRenders(inst.prompt, `prompt ${s}`);
      expectRenders(inst.hint, `hint ${s}`);
      expectRenders(inst.solution, `solution ${s}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${s}`);
    }
    bad.none();
  });
});
