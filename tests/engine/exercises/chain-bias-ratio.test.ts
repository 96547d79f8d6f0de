import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/engine/answer";
import { chainBiasRatio, drawChainBiasRatio } from "@/lib/engine/exercises/chain-bias-ratio";
import { plainNum } from "@/lib/engine/exercises/format";
import type { ExerciseInstance, ExerciseParams } from "@/lib/engine/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

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

/** KaTeX errors depend on the TeX's structure, not its digits: each structure is rendered once. */
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

type Draw = ReturnType<typeof drawChainBiasRatio>;

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
    all(p).forEach((inst, i) => expect(chainBiasRatio.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches the ratio of finite-difference gradients (%o)", (p) => {
    const depth = [4, 5, 6][p.difficulty - 1] as number;
    all(p).forEach((inst, i) => {
      const d = drawChainBiasRatio(SEEDS[i] as number, p);
      expect(d.activation).toBe("sigmoid");
      expect(d.w).toHaveLength(depth);
      for (const w of d.w) {
        expect(Math.abs(w)).toBeGreaterThanOrEqual(0.2);
        expect(Math.abs(w)).toBeLessThanOrEqual(1);
      }
      for (const v of [d.x, d.y, ...d.w, ...d.b]) {
        expect(Math.round(v * 100) / 100).toBe(v);
        expect(showsNumber(inst.prompt, String(v)), `${v} in the prompt`).toBe(true);
      }
      const exp = inst.expected as number;
      const ratio = fdGradient(d, 2) / fdGradient(d, 0);
      expect(Math.abs(ratio - exp), `seed ${inst.seed}: fd ${ratio} vs ${exp}`).toBeLessThanOrEqual(1e-6 * Math.abs(exp));
      // |σ′| ≤ ¼ and |w| ≤ 1 make the ratio at least 16 in size.
      expect(Math.abs(exp)).toBeGreaterThanOrEqual(16);
      expect(Math.sign(exp)).toBe(Math.sign((d.w[1] as number) * (d.w[2] as number)));
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      expect(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      expect(ids).toEqual(["inverted", "bound-16", "dropped-sigma1", "off-by-one-layer"]);
      for (const m of inst.mistakes) {
        expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
        const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
        expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
        if (v.kind === "wrong") expect(v.mistakeId).toBe(m.id);
      }
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number]));
      expect(Math.abs((byId.inverted as number) * exp - 1)).toBeLessThan(1e-12);
      expect(byId["bound-16"]).toBe(16 * Math.sign(exp));
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      const lines = inst.solution.trim().split("\n");
      expect(lines[lines.length - 1]).toContain(inst.expectedTex);
      expect(Math.abs(lastNumber(inst.solution) - exp)).toBeLessThanOrEqual(5e-4 * Math.abs(exp));
      expect(inst.solution).toContain("\\ge 16");
      expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
      expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
      expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
