import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/engine/answer";
import { forwardBackward } from "@/lib/engine";
import { chainBiasGradient, drawChainBiasGradient } from "@/lib/engine/exercises/chain-bias-gradient";
import { plainNum } from "@/lib/engine/exercises/format";
import type { ExerciseInstance, ExerciseParams } from "@/lib/engine/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const;
const COMBOS: ExerciseParams[] = ACTIVATIONS.flatMap((activation) => [1, 2, 3].map((difficulty) => ({ difficulty, activation })));
const label = (p: ExerciseParams) => `${String(p.activation)}, difficulty ${p.difficulty}`;

// ---- helpers (kept local: each exercise test file stands alone) ----

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
  expect(rest, "unbalanced $").not.toContain("$");
  return out;
}

/**
 * KaTeX errors depend on the TeX's structure, not on the digits in it, so each
 * structure (digits replaced by 0) is rendered once: thousands of instances
 * then cost a few hundred renders.
 */
const rendered = new Set<string>();
function expectRenders(md: string, where: string): void {
  for (const { tex, display } of texSegments(md)) {
    const key = `${display ? "D" : "I"}${tex.replace(/\d+/g, "0")}`;
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
  const esc = tex.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^0-9.])${esc}(?![0-9])`).test(text);
}

// ---- independent recomputation ----

type Act = (typeof ACTIVATIONS)[number];
const F: Record<Act, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => Math.tanh(z),
  relu: (z) => Math.max(0, z),
};

/** C = ½(a_L − y)² by a plain forward pass, with b_k shifted by h. */
function cost(d: ReturnType<typeof drawChainBiasGradient>, k: number, h: number): number {
  let a = d.x;
  d.w.forEach((w, j) => {
    a = F[d.activation](w * a + (d.b[j] as number) + (j === k ? h : 0));
  });
  return 0.5 * (a - d.y) ** 2;
}

/**
 * Central difference with two Richardson steps (error O(h⁶)). Plain h = 1e-6
 * differences lose ~eps·C/(h·|C′|) ≈ 1e-3 relative on gradients of 1e-8, so
 * a larger base step h = 1e-2 is extrapolated instead; relu chains stay on the
 * linear side of every kink since every z_j ≥ 0.1 > 1e-2·∏|w_j|.
 */
function fdGradient(d: ReturnType<typeof drawChainBiasGradient>, k: number, h = 1e-2): number {
  const D = (s: number) => (cost(d, k, s) - cost(d, k, -s)) / (2 * s);
  const d1 = D(h);
  const d2 = D(h / 2);
  const d3 = D(h / 4);
  const r1 = (4 * d2 - d1) / 3;
  const r2 = (4 * d3 - d2) / 3;
  return (16 * r2 - r1) / 15;
}

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

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(chainBiasGradient.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches finite differences and the engine's forwardBackward (%o)", (p) => {
    const depth = [3, 4, 6][p.difficulty - 1];
    all(p).forEach((inst, i) => {
      const s = SEEDS[i] as number;
      const d = drawChainBiasGradient(s, p);
      const exp = inst.expected as number;
      expect(d.w).toHaveLength(depth as number);
      // Drawn numbers are 2-decimal values shown exactly in the prompt.
      for (const v of [d.x, d.y, ...d.w, ...d.b]) {
        expect(Math.round(v * 100) / 100).toBe(v);
        expect(showsNumber(inst.prompt, String(v)), `${v} in the prompt`).toBe(true);
      }
      if (d.activation !== "relu") expect(d.w.every((w) => Math.abs(w) <= 1.5)).toBe(true);
      const fd = fdGradient(d, 0);
      expect(Math.abs(fd - exp), `seed ${s}: fd ${fd} vs ${exp}`).toBeLessThanOrEqual(1e-6 * Math.abs(exp));
      const net = { layers: d.w.map((w, j) => ({ W: [[w]], b: [d.b[j] as number], activation: d.activation })), loss: "mse" as const };
      const trace = forwardBackward(net, [d.x], [d.y]);
      const db1 = trace.layers[0]!.db[0] as number;
      expect(Math.abs(db1 - exp)).toBeLessThanOrEqual(1e-12 * Math.abs(exp));
      if (d.activation === "relu") expect(trace.layers.every((l) => (l.z[0] as number) > 0)).toBe(true);
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      expect(Number.isFinite(exp) && exp !== 0).toBe(true);
      expect(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      expect(checkAnswer("0", inst.answer, exp, inst.mistakes).kind).toBe("wrong");
      // Draws where two mistakes coincide are redrawn, so all five are always there.
      expect(inst.mistakes.map((m) => m.id)).toEqual(["sigma-not-prime", "dropped-cost-factor", "included-w1", "missing-factor", "sign-error"]);
      for (const m of inst.mistakes) {
        expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
        const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
        expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
        if (v.kind === "wrong") expect(v.mistakeId).toBe(m.id);
      }
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number]));
      expect(byId["sign-error"]).toBe(-exp);
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      const lines = inst.solution.trim().split("\n");
      expect(lines[lines.length - 1]).toContain(inst.expectedTex);
      expect(Math.abs(lastNumber(inst.solution) - exp)).toBeLessThanOrEqual(5e-4 * Math.abs(exp));
      expect(inst.solution).toMatch(/times (smaller|\*\*larger\*\*) than/);
      expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
      expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
      expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      expect(inst.prompt).toMatch(/Give it as a number/);
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
