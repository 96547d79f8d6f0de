import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { plainNum } from "@/lib/exercises/kit/tex";
import { mlpLayerSpeed } from "@/lib/exercises/generators/mlp-layer-speed";
import type { MlpDraw } from "@/lib/exercises/generators/mlp-layer-speed/model";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["slowest", "ratio"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));
const WIDTHS: Record<number, number[]> = { 1: [2, 3, 3, 3, 1], 2: [3, 4, 4, 4, 4, 1], 3: [3, 4, 4, 4, 4, 4, 2] };

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

/** Any number as generators print it: sign, decimals, optional `\times 10^{k}`. */
const NUMBER_RE = /-?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?/g;

/** KaTeX errors depend on the TeX's structure, not its numbers: each structure is rendered once. */
const rendered = new Set<string>();
function expectRenders(md: string, where: string): void {
  for (const { tex, display } of texSegments(md)) {
    const key = `${display ? "D" : "I"}${tex.replace(NUMBER_RE, "0")}`;
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

// ---- independent recomputation: finite differences of a plain forward pass ----

function cost(d: MlpDraw, b: number[][]): number {
  let a = d.x;
  for (let l = 0; l < d.W.length; l++) {
    const W = d.W[l] as number[][];
    const bl = b[l] as number[];
    a = W.map((row, i) => 1 / (1 + Math.exp(-row.reduce((s, w, j) => s + w * (a[j] as number), bl[i] as number))));
  }
  return 0.5 * a.reduce((s, v, k) => s + (v - (d.y[k] as number)) ** 2, 0);
}

/** ‖∂C/∂b^l‖ for every layer, by central differences on each bias (step 1e-5). */
function biasGradNorms(d: MlpDraw): number[] {
  const h = 1e-5;
  return d.b.map((bl, l) =>
    Math.sqrt(
      bl.reduce((s, _, i) => {
        const plus = d.b.map((v) => v.slice());
        const minus = d.b.map((v) => v.slice());
        (plus[l] as number[])[i] = (bl[i] as number) + h;
        (minus[l] as number[])[i] = (bl[i] as number) - h;
        const g = (cost(d, plus) - cost(d, minus)) / (2 * h);
        return s + g * g;
      }, 0),
    ),
  );
}

/** Entries of a TeX pmatrix body (rows split on \\, columns on &). */
function pmatrix(body: string): number[][] {
  return body
    .trim()
    .split("\\\\")
    .map((row) => row.split("&").map((v) => Number(v.trim())));
}

/** The network read back from the prompt text alone: x, y, and every W^l, b^l. */
function parsePrompt(prompt: string): MlpDraw {
  const PM = String.raw`\\begin\{pmatrix\}([\s\S]*?)\\end\{pmatrix\}`;
  const xy = new RegExp(String.raw`x = ${PM}, \\qquad y = ${PM}`).exec(prompt);
  if (!xy) throw new Error("no x, y in prompt");
  const W: number[][][] = [];
  const b: number[][] = [];
  for (const m of prompt.matchAll(new RegExp(String.raw`W\^\{(\d+)\} = ${PM}, \\quad b\^\{\d+\} = ${PM}`, "g"))) {
    expect(Number(m[1])).toBe(W.length + 1);
    W.push(pmatrix(m[2] as string));
    b.push(pmatrix(m[3] as string).map((r) => r[0] as number));
  }
  const x = pmatrix(xy[1] as string).map((r) => r[0] as number);
  const y = pmatrix(xy[2] as string).map((r) => r[0] as number);
  return { widths: [x.length, ...b.map((v) => v.length)], W, b, x, y };
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => mlpLayerSpeed.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("mlp-layer-speed", () => {
  it("declares its id and params; defaults to slowest; rejects bad params by name", () => {
    expect(mlpLayerSpeed.id).toBe("mlp-layer-speed");
    expect(mlpLayerSpeed.params).toEqual({ mode: ["slowest", "ratio"] });
    expect(mlpLayerSpeed.generate(4, { difficulty: 2 })).toEqual(mlpLayerSpeed.generate(4, { difficulty: 2, mode: "slowest" }));
    expect(() => mlpLayerSpeed.generate(4, { difficulty: 2, mode: "fastest" })).toThrow(/params\.mode/);
    expect(() => mlpLayerSpeed.generate(4, { difficulty: Number.NaN, mode: "ratio" })).toThrow(/params\.difficulty/);
  });

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    // Deep equality via JSON (plain data only): one expect, not one per seed.
    const differs = all(p).filter((inst, i) => JSON.stringify(mlpLayerSpeed.generate(SEEDS[i] as number, p)) !== JSON.stringify(inst));
    expect(differs.map((i) => i.seed)).toEqual([]);
  });

  it.each(COMBOS)("matches finite differences of the cost w.r.t. every bias (%o)", (p) => {
    const widths = WIDTHS[p.difficulty] as number[];
    const H = widths.length - 2;
    all(p).forEach((inst, i) => {
      // The numbers a learner sees, read back from the prompt.
      const d = parsePrompt(inst.prompt);
      expect(d.widths).toEqual(widths);
      // Drawn numbers are rounded to 2 decimals; the prompt shows exactly the drawn ones.
      // (One expect per instance: vitest's expect costs far more than the arithmetic.)
      expect([...d.W.flat(2), ...d.b.flat(), ...d.x, ...d.y].filter((v) => Math.round(v * 100) / 100 !== v)).toEqual([]);
      if (i % 10 === 0) expect(d).toEqual(mlpLayerSpeed.sample(SEEDS[i] as number, p).d.net);
      const norms = biasGradNorms(d).slice(0, H);
      if (p.mode === "slowest") {
        const min = Math.min(...norms);
        const k = norms.indexOf(min);
        expect(inst.expected, `seed ${inst.seed}`).toBe(String.fromCharCode(65 + k));
        const rest = norms.filter((_, j) => j !== k);
        expect(min).toBeLessThanOrEqual(0.9 * Math.min(...rest) * (1 + 1e-6));
      } else {
        const r = (norms[0] as number) / (norms[H - 1] as number);
        expect(Math.abs(r - (inst.expected as number)), `seed ${inst.seed}`).toBeLessThanOrEqual(1e-4 * r);
      }
    });
  });

  it("slowest: every hidden layer is sometimes the answer, layer 1 most often", () => {
    for (const difficulty of [1, 2, 3]) {
      const H = (WIDTHS[difficulty] as number[]).length - 2;
      const counts = new Map<string, number>();
      for (const inst of all({ difficulty, mode: "slowest" })) counts.set(inst.expected as string, (counts.get(inst.expected as string) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual(Array.from({ length: H }, (_, i) => String.fromCharCode(65 + i)));
      expect(counts.get("A")).toBe(Math.max(...counts.values()));
    }
  });

  // Recomputed by finite differences on the numbers the prompt shows, not by the generator's backprop.
  it.each(COMBOS)("the earliest hidden layer is slowest in ≥ 80 % of draws; every exception says so in its prompt; no mistake is the answer (%o)", (p) => {
    const H = (WIDTHS[p.difficulty] as number[]).length - 2;
    const bad: string[] = [];
    let firstSlowest = 0;
    for (const inst of all(p)) {
      const norms = biasGradNorms(parsePrompt(inst.prompt)).slice(0, H);
      const slowest = norms.indexOf(Math.min(...norms));
      const flagged = inst.prompt.includes("**unusually large**");
      if (slowest === 0) firstSlowest++;
      else if (!flagged) bad.push(`seed ${inst.seed}: layer ${slowest + 1} slowest, prompt does not say the weights are unusual`);
      if (p.mode === "ratio" && norms[0]! > norms[H - 1]! && !flagged) bad.push(`seed ${inst.seed}: first layer faster, unflagged`);
      if (!flagged && !inst.prompt.includes("usual scale, $W^l_{ij}, b^l_i \\sim N(0, 1)$")) bad.push(`seed ${inst.seed}: no scale note`);
      if (inst.mistakes.some((m) => !distinguishable(m.value, inst.expected, inst.answer))) bad.push(`seed ${inst.seed}: a mistake equals the answer`);
      if (p.mode === "slowest" && slowest === 0 && inst.mistakes.some((m) => m.value === "A")) bad.push(`seed ${inst.seed}: the right answer A listed as a mistake`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(firstSlowest).toBeGreaterThanOrEqual(0.8 * SEEDS.length);
  });

  it("ratio: mostly < 1 (vanishing), sometimes > 1", () => {
    for (const difficulty of [1, 2, 3]) {
      const rs = all({ difficulty, mode: "ratio" }).map((i) => i.expected as number);
      const above = rs.filter((r) => r > 1).length;
      expect(above).toBeGreaterThan(5);
      expect(above).toBeLessThan(0.2 * SEEDS.length);
    }
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    const H = (WIDTHS[p.difficulty] as number[]).length - 2;
    for (const inst of all(p)) {
      expect(inst.mistakes.length).toBeGreaterThanOrEqual(1);
      if (p.mode === "slowest") {
        const exp = inst.expected as string;
        expect(inst.answer).toEqual({ kind: "choice", options: Array.from({ length: H }, (_, i) => String.fromCharCode(65 + i)) });
        expect(checkAnswer(exp, inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(exp.toLowerCase(), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(inst.mistakes[0]?.id).toBe("picked-largest");
        if (exp !== String.fromCharCode(64 + H)) expect(inst.mistakes.map((m) => m.value)).toContain(String.fromCharCode(64 + H));
        for (const m of inst.mistakes) {
          expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
          const v = checkAnswer(m.value as string, inst.answer, exp, inst.mistakes);
          expect(v.kind === "wrong" && v.mistakeId === m.id, `${inst.seed} ${m.id}`).toBe(true);
        }
      } else {
        const exp = inst.expected as number;
        expect(inst.answer).toEqual({ kind: "number", tolerance: { rel: 0.005 } });
        expect(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(inst.mistakes[0]?.id).toBe("inverted");
        expect(inst.mistakes[0]?.value as number).toBeCloseTo(1 / exp, 12);
        for (const m of inst.mistakes) {
          expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
          const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
          expect(v.kind === "wrong" && v.mistakeId === m.id, `${inst.seed} ${m.id}`).toBe(true);
        }
      }
      const ids = inst.mistakes.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("ratio, step by step: ‖δ^L‖ … ‖δ^1‖ then the ratio; the true values give exactly the answer, a wrong earlier norm is carried into the ratio", () => {
    const bad: string[] = [];
    for (const difficulty of [1, 2, 3]) {
      const L = (WIDTHS[difficulty] as number[]).length - 1;
      for (const seed of SEEDS.slice(0, 20)) {
        const { d, s } = mlpLayerSpeed.sample(seed, { difficulty, mode: "ratio" });
        const steps = mlpLayerSpeed.definition.steps?.(d, s) ?? [];
        expect(steps.map((st) => st.id)).toEqual([...Array.from({ length: L }, (_, k) => `delta-norm-${L - k}`), "ratio"]);
        const truth: number[] = [];
        for (const st of steps) truth.push(st.value(truth));
        // Exactly the answer (same division), and the norms match finite differences of the cost.
        if (truth[L] !== s.expected) bad.push(`${seed}/${difficulty}: last step ${truth[L]} ≠ ${String(s.expected)}`);
        const fd = biasGradNorms(d.net).reverse();
        if (fd.some((v, k) => Math.abs(v - (truth[k] as number)) > 1e-5 * v)) bad.push(`${seed}/${difficulty}: norms ${String(truth)} vs ${String(fd)}`);
        // A slip in ‖δ^1‖ (step L − 1) or in ‖δ^H‖ (step 1) is carried forward: the ratio follows the learner's value.
        const norms = truth.slice(0, L);
        const slip1 = norms.map((v, k) => (k === L - 1 ? 2 * v : v));
        const slipH = norms.map((v, k) => (k === 1 ? 0.5 : v));
        const last = steps[L]!;
        if (last.value(slip1) !== (2 * truth[L - 1]!) / truth[1]!) bad.push(`${seed}/${difficulty}: slip in ‖δ^1‖ not carried`);
        if (last.value(slipH) !== truth[L - 1]! / 0.5) bad.push(`${seed}/${difficulty}: slip in ‖δ^H‖ not carried`);
        // A wrong ‖δ^L‖ (not used by the ratio) changes nothing.
        if (last.value(norms.map((v, k) => (k === 0 ? v + 1 : v))) !== s.expected) bad.push(`${seed}/${difficulty}: ‖δ^L‖ leaks into the ratio`);
      }
      const slow = mlpLayerSpeed.sample(SEEDS[0] as number, { difficulty, mode: "slowest" });
      expect(mlpLayerSpeed.definition.steps?.(slow.d, slow.s)).toEqual([]);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const lines = inst.solution.trim().split("\n");
      const last = lines[lines.length - 1] as string;
      expect(last.startsWith(`**Answer:** $${inst.expectedTex}$`)).toBe(true);
      if (p.mode === "ratio") {
        const exp = inst.expected as number;
        expect(Math.abs(lastNumber(inst.solution) - exp)).toBeLessThanOrEqual(5e-4 * exp);
        expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
        expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
        expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      } else {
        expect(inst.expectedTex).toBe(`\\text{${String(inst.expected)}}`);
        expect(inst.prompt).toContain("Answer with a letter");
        expect(inst.prompt).toContain(`**${String(inst.expected)}.**`);
      }
      // The δ recursion is shown with numbers for every hidden layer, and the norm table.
      expect(inst.solution).toContain("\\delta^{1} = \\left(");
      expect(inst.solution).toContain("| layer $l$ |");
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
