import { describe, expect, it } from "vitest";
import { mlpLayerSpeed } from "@/lib/exercises/generators/mlp-layer-speed";
import type { MlpDraw } from "@/lib/exercises/generators/mlp-layer-speed/model";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["slowest", "ratio"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));
const WIDTHS: Record<number, number[]> = { 1: [2, 3, 3, 3, 1], 2: [3, 4, 4, 4, 4, 1], 3: [3, 4, 4, 4, 4, 4, 2] };

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

  it.each(COMBOS)("matches finite differences of the cost w.r.t. every bias, on the numbers the prompt shows (%o)", (p) => {
    const widths = WIDTHS[p.difficulty] as number[];
    const H = widths.length - 2;
    const bad = problems();
    all(p).forEach((inst, i) => {
      const at = `seed ${inst.seed}`;
      // The numbers a learner sees, read back from the prompt: rounded to 2 decimals, exactly the drawn ones.
      const d = parsePrompt(inst.prompt);
      bad.check(JSON.stringify(d.widths) === JSON.stringify(widths), () => `${at}: widths ${String(d.widths)}`);
      bad.check([...d.W.flat(2), ...d.b.flat(), ...d.x, ...d.y].every((v) => Math.round(v * 100) / 100 === v), () => `${at}: a drawn number is not 2-decimal`);
      if (i % 10 === 0) expect(d).toEqual(mlpLayerSpeed.sample(SEEDS[i] as number, p).d.net);
      const norms = biasGradNorms(d).slice(0, H);
      if (p.mode === "slowest") {
        const min = Math.min(...norms);
        const k = norms.indexOf(min);
        bad.check(inst.expected === String.fromCharCode(65 + k), () => `${at}: ${String(inst.expected)}, differences give layer ${k + 1}`);
        // Clearly slowest: at most 90 % of the next smallest.
        bad.check(min <= 0.9 * Math.min(...norms.filter((_, j) => j !== k)) * (1 + 1e-6), () => `${at}: slowest layer not clear`);
      } else {
        const r = (norms[0] as number) / (norms[H - 1] as number);
        bad.check(Math.abs(r - (inst.expected as number)) <= 1e-4 * r, () => `${at}: ratio ${String(inst.expected)}, differences give ${r}`);
      }
    });
    bad.none();
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
  it.each(COMBOS)("the earliest hidden layer is slowest in ≥ 80 % of draws, and every exception says so in its prompt (%o)", (p) => {
    const H = (WIDTHS[p.difficulty] as number[]).length - 2;
    const bad = problems();
    let firstSlowest = 0;
    for (const inst of all(p)) {
      const norms = biasGradNorms(parsePrompt(inst.prompt)).slice(0, H);
      const slowest = norms.indexOf(Math.min(...norms));
      const flagged = inst.prompt.includes("**unusually large**");
      if (slowest === 0) firstSlowest++;
      else bad.check(flagged, () => `seed ${inst.seed}: layer ${slowest + 1} slowest, prompt does not say the weights are unusual`);
      if (p.mode === "ratio") bad.check(flagged || norms[0]! <= norms[H - 1]!, () => `seed ${inst.seed}: first layer faster, unflagged`);
      bad.check(flagged || inst.prompt.includes("usual scale, $W^l_{ij}, b^l_i \\sim N(0, 1)$"), () => `seed ${inst.seed}: no scale note`);
    }
    bad.none();
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

  it("offers picking the fastest layer first (slowest mode) and the inverted ratio first (ratio mode)", () => {
    const bad = problems();
    for (const p of COMBOS) {
      for (const inst of all(p)) bad.check(inst.mistakes[0]?.id === (p.mode === "slowest" ? "picked-largest" : "inverted"), () => `seed ${inst.seed} ${JSON.stringify(p)}: first mistake ${inst.mistakes[0]?.id}`);
    }
    bad.none();
  });

  it("ratio, step by step: ‖δ^L‖ … ‖δ^1‖ then the ratio; the true values give exactly the answer, a wrong earlier norm is carried into the ratio", () => {
    const bad = problems();
    for (const difficulty of [1, 2, 3]) {
      const L = (WIDTHS[difficulty] as number[]).length - 1;
      for (const seed of SEEDS.slice(0, 20)) {
        const { d, s } = mlpLayerSpeed.sample(seed, { difficulty, mode: "ratio" });
        const steps = mlpLayerSpeed.steps(seed, { difficulty, mode: "ratio" }) ?? [];
        expect(steps.map((st) => st.id)).toEqual([...Array.from({ length: L }, (_, k) => `delta-norm-${L - k}`), "ratio"]);
        const truth: number[] = [];
        for (const st of steps) truth.push(st.value(truth));
        // Exactly the answer (same division), and the norms match finite differences of the cost.
        bad.check(truth[L] === s.expected, () => `${seed}/${difficulty}: last step ${truth[L]} ≠ ${String(s.expected)}`);
        const fd = biasGradNorms(d.net).reverse();
        bad.check(fd.every((v, k) => Math.abs(v - (truth[k] as number)) <= 1e-5 * v), () => `${seed}/${difficulty}: norms ${String(truth)} vs ${String(fd)}`);
        // A slip in ‖δ^1‖ (step L − 1) or in ‖δ^H‖ (step 1) is carried forward: the ratio follows the learner's value.
        const norms = truth.slice(0, L);
        const last = steps[L]!;
        bad.check(last.value(norms.map((v, k) => (k === L - 1 ? 2 * v : v))) === (2 * truth[L - 1]!) / truth[1]!, () => `${seed}/${difficulty}: slip in ‖δ^1‖ not carried`);
        bad.check(last.value(norms.map((v, k) => (k === 1 ? 0.5 : v))) === truth[L - 1]! / 0.5, () => `${seed}/${difficulty}: slip in ‖δ^H‖ not carried`);
        // A wrong ‖δ^L‖ (not used by the ratio) changes nothing.
        bad.check(last.value(norms.map((v, k) => (k === 0 ? v + 1 : v))) === s.expected, () => `${seed}/${difficulty}: ‖δ^L‖ leaks into the ratio`);
      }
      // Which layer is slowest is a letter: no steps.
      expect(mlpLayerSpeed.steps(SEEDS[0] as number, { difficulty, mode: "slowest" })).toBeNull();
    }
    bad.none();
  });

  it.each(COMBOS)("the solution backpropagates δ with numbers through every hidden layer and tabulates the norms (%o)", (p) => {
    const H = (WIDTHS[p.difficulty] as number[]).length - 2;
    const bad = problems();
    for (const inst of all(p)) {
      for (let l = 1; l <= H; l++) bad.check(inst.solution.includes(`\\delta^{${l}} = \\left(`), () => `seed ${inst.seed}: no δ^${l} with numbers`);
      bad.check(inst.solution.includes("| layer $l$ |"), () => `seed ${inst.seed}: no norm table`);
    }
    bad.none();
  });
});
