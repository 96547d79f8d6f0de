import { describe, expect, it } from "vitest";
import { rnnBpttFactor } from "@/lib/exercises/generators/rnn-bptt-factor";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { richardson, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 11);
const COMBOS: ExerciseParams[] = ["scalar", "eigen"].flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

// ---- independent recomputation ----

type Draw = ReturnType<typeof rnnBpttFactor.sample>["d"];
type ScalarDraw = Extract<Draw, { mode: "scalar" }>;

const NUM = "(-?\\d+(?:\\.\\d+)?)";

/** The scalar RNN read back from the prompt text. */
function parseScalar(prompt: string): ScalarDraw {
  const act = prompt.includes("h_t = \\tanh(z_t)") ? "tanh" : prompt.includes("h_t = \\sigma(z_t)") ? "sigmoid" : null;
  const m = new RegExp(`w = ${NUM},\\\\ u = ${NUM},\\\\ b = ${NUM},\\\\ h_0 = ${NUM}\\.`).exec(prompt);
  const xs = [...prompt.matchAll(new RegExp(`x_\\{(\\d+)\\} = ${NUM}`, "g"))];
  if (!act || !m || xs.length === 0) throw new Error(`cannot read the RNN from:\n${prompt}`);
  xs.forEach((x, i) => expect(Number(x[1])).toBe(i + 1));
  return { mode: "scalar", activation: act, w: Number(m[1]), u: Number(m[2]), b: Number(m[3]), h0: Number(m[4]), x: xs.map((x) => Number(x[2])) };
}

/** W read back from the prompt's pmatrix. */
function parseMatrix(prompt: string): number[][] {
  const m = /W = \\begin\{pmatrix\} (.*?) \\end\{pmatrix\}/.exec(prompt);
  if (!m) throw new Error(`cannot read W from:\n${prompt}`);
  return (m[1] as string).split(" \\\\ ").map((row) => row.split(" & ").map(Number));
}

/** h_T by a plain forward pass from a given h_0 (Math.tanh / the logistic function, not the engine's). */
function hT(d: ScalarDraw, h0: number): number {
  const f = d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z));
  let h = h0;
  for (const x of d.x) h = f(d.w * h + d.u * x + d.b);
  return h;
}

/** ρ(W) of a 2×2 matrix from its characteristic polynomial λ² − tr·λ + det = 0. */
function rhoByHand(W: number[][]): number {
  const [[a, b], [c, d]] = W as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = tr * tr - 4 * det;
  if (disc < 0) return Math.sqrt(det); // |λ|² = λ·λ̄ = det for a complex pair
  return Math.max(Math.abs((tr + Math.sqrt(disc)) / 2), Math.abs((tr - Math.sqrt(disc)) / 2));
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => rnnBpttFactor.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("rnn-bptt-factor", () => {
  it("declares its id and params, defaults to scalar, rejects bad params", () => {
    expect(rnnBpttFactor.id).toBe("rnn-bptt-factor");
    expect(rnnBpttFactor.params).toEqual({ mode: ["scalar", "eigen"] });
    expect(rnnBpttFactor.generate(5, { difficulty: 2 })).toEqual(rnnBpttFactor.generate(5, { difficulty: 2, mode: "scalar" }));
    expect(() => rnnBpttFactor.generate(5, { difficulty: 2, mode: "matrix" })).toThrow(/params\.mode/);
    expect(() => rnnBpttFactor.generate(5, { difficulty: "hard" as unknown as number })).toThrow(/params\.difficulty/);
    expect(() => rnnBpttFactor.generate(1.5, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS.filter((p) => p.mode === "scalar"))("scalar: matches finite differences of h_T w.r.t. h_0 (%o)", (p) => {
    const T = [3, 5, 8][p.difficulty - 1] as number;
    const acts = new Set<string>();
    all(p).forEach((inst, i) => {
      const d = parseScalar(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) expect(rnnBpttFactor.sample(SEEDS[i] as number, p).d).toEqual(d);
      expect(d.x).toHaveLength(T);
      acts.add(d.activation);
      // Drawn numbers have at most 2 decimals, so the prompt shows them exactly.
      for (const v of [d.w, d.u, d.b, d.h0, ...d.x]) expect(Math.round(v * 100) / 100).toBe(v);
      const exp = inst.expected as number;
      const fd = richardson((e) => hT(d, d.h0 + e), 1e-3);
      expect(Math.abs(fd - exp), `seed ${inst.seed}: fd ${fd} vs ${exp}`).toBeLessThanOrEqual(1e-7 * Math.abs(exp) + 1e-12);
      // The required mistakes are always offered.
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["forgot-f-prime", "forgot-w", "one-factor-short", "sign-error"]) expect(ids).toContain(id);
    });
    expect([...acts].sort()).toEqual(p.difficulty === 1 ? ["tanh"] : ["sigmoid", "tanh"]);
  });

  it.each(COMBOS.filter((p) => p.mode === "eigen"))("eigen: matches the characteristic polynomial by hand (%o)", (p) => {
    let complex = 0;
    all(p).forEach((inst, i) => {
      const W = parseMatrix(inst.prompt);
      if (i % 4 === 0) expect(rnnBpttFactor.sample(SEEDS[i] as number, p).d).toEqual({ mode: "eigen", W });
      for (const v of W.flat()) expect(Math.round(v * 10) / 10).toBe(v);
      const [[a, b], [c, e]] = W as [[number, number], [number, number]];
      if ((a + e) ** 2 - 4 * (a * e - b * c) < 0) complex++;
      const exp = inst.expected as number;
      expect(Math.abs(rhoByHand(W) - exp)).toBeLessThanOrEqual(1e-12 * exp);
      // Long-run growth: ‖W^k‖^(1/k) → ρ(W) (Gelfand); loose, since non-normal W converge slowly.
      let m00 = 1;
      let m01 = 0;
      let m10 = 0;
      let m11 = 1;
      let logScale = 0;
      const k = 1000;
      for (let t = 0; t < k; t++) {
        const n00 = m00 * a + m01 * c;
        const n01 = m00 * b + m01 * e;
        const n10 = m10 * a + m11 * c;
        const n11 = m10 * b + m11 * e;
        const s = Math.max(Math.abs(n00), Math.abs(n01), Math.abs(n10), Math.abs(n11));
        m00 = n00 / s;
        m01 = n01 / s;
        m10 = n10 / s;
        m11 = n11 / s;
        logScale += Math.log(s);
      }
      expect(Math.abs(Math.exp(logScale / k) - exp)).toBeLessThanOrEqual(0.01 * exp);
      // The answer implies vanishing (ρ < 1) or exploding (ρ > 1), and the solution says which.
      expect(inst.solution).toContain(exp > 1 ? "**explode**" : "**vanish**");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["largest-entry", "trace-half", "determinant"]) expect(ids).toContain(id);
    });
    if (p.difficulty === 1) expect(complex).toBe(0);
    else expect(complex).toBeGreaterThan(20);
  });

  it.each(COMBOS.filter((p) => p.mode === "eigen"))("eigen: the tanh remark is true for every draw; σ_max remark only where it applies (%o)", (p) => {
    // σ_max of a 2×2 matrix in closed form: σ² = (‖W‖_F² ± √(‖W‖_F⁴ − 4 det²)) / 2 (independent of the engine's SVD).
    const sigmaMax = (M: number[][]) => {
      const [[a, b], [c, e]] = M as [[number, number], [number, number]];
      const f = a * a + b * b + c * c + e * e;
      const det = a * e - b * c;
      return Math.sqrt((f + Math.sqrt(Math.max(0, f * f - 4 * det * det))) / 2);
    };
    const mul = (A: number[][], B: number[][]) => A.map((row) => [0, 1].map((j) => row.reduce((s, x, k) => s + x * (B[k]![j] as number), 0)));
    const rng = (() => {
      let x = 12345;
      return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
    })();
    // The false claim, refuted once: tanh' ≤ 1 factors can raise the spectral radius of a non-normal W.
    const Wx = [[-1.5, -1.4], [0.6, 0]];
    const DWx = mul([[1, 0], [0, 0.035]], Wx);
    expect(rhoByHand(Wx)).toBeLessThan(0.93);
    expect(rhoByHand(DWx)).toBeGreaterThan(1.45);
    all(p).forEach((inst) => {
      const W = parseMatrix(inst.prompt);
      const sMax = sigmaMax(W);
      const rho = inst.expected as number;
      expect(inst.solution).not.toMatch(/can only shrink|only shrink them further/);
      expect(inst.solution).toContain("\\le \\sigma_{\\max}(W)^T$, since $\\lVert D_t\\rVert \\le 1$");
      expect(inst.solution.includes("can amplify it more than"), `seed ${inst.seed}`).toBe(sMax > 1 && sMax > 1.02 * rho);
      expect(inst.solution.includes("no step can stretch a gradient"), `seed ${inst.seed}`).toBe(sMax <= 1);
      expect(inst.solution.includes("vanish at least like"), `seed ${inst.seed}`).toBe(sMax < 1);
      // The stated bound, by Monte Carlo: random diag(tanh') factors in (0, 1], T = 12 steps.
      for (let trial = 0; trial < 5; trial++) {
        let P = [[1, 0], [0, 1]];
        for (let t = 0; t < 12; t++) P = mul([[rng(), 0], [0, rng()]], mul(W, P));
        expect(sigmaMax(P), `seed ${inst.seed}`).toBeLessThanOrEqual(sMax ** 12 * (1 + 1e-9));
      }
    });
  });

  it("scalar steps: one per factor w f'(z_t), then their product, with the error carried forward", () => {
    const steps = (seed: number, p: ExerciseParams) => {
      const { d, s } = rnnBpttFactor.sample(seed, p);
      return { s, steps: rnnBpttFactor.definition.model.steps?.(d, s) ?? [] };
    };
    for (const difficulty of [1, 2, 3]) {
      const T = [3, 5, 8][difficulty - 1] as number;
      for (const seed of SEEDS.slice(0, 20)) {
        const { s, steps: st } = steps(seed, { difficulty, mode: "scalar" });
        expect(st.map((x) => x.id)).toEqual([...Array.from({ length: T }, (_, i) => `factor-${i + 1}`), "product"]);
        expect(st[0]?.tex).toMatch(/^w\\,\\(tanh|sigma)'\(z_\{1\}\)$/);
        // With the true earlier values each step is the true intermediate, and the last one is the answer, exactly.
        const truth: number[] = [];
        for (const x of st) truth.push(x.value(truth));
        expect(truth.at(-1)).toBe(s.expected);
        // The factors are w f'(z_t) recomputed here from the drawn RNN (plain Math.tanh / logistic).
        const d = parseScalar(rnnBpttFactor.generate(seed, { difficulty, mode: "scalar" }).prompt);
        let h = d.h0;
        d.x.forEach((x, t) => {
          const z = d.w * h + d.u * x + d.b;
          h = d.activation === "tanh" ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
          const fp = d.activation === "tanh" ? 1 - h * h : h * (1 - h);
          expect(Math.abs((truth[t] as number) - d.w * fp)).toBeLessThanOrEqual(1e-12 * Math.abs(d.w * fp));
        });
        // One wrong factor: the product follows the learner's value, not the true one.
        const k = seed % T;
        const earlier = truth.slice(0, T);
        earlier[k] = (earlier[k] as number) * 1.5 + 0.1;
        const carried = st[T]?.value(earlier) as number;
        expect(carried).toBe(earlier.reduce((a, b) => a * b, 1));
        expect(Math.abs(carried - s.expected)).toBeGreaterThan(1e-3 * Math.abs(s.expected));
      }
    }
    // The eigen mode has no chain of factors: no steps.
    expect(steps(SEEDS[0] as number, { difficulty: 2, mode: "eigen" }).steps).toEqual([]);
  });

  it.each(COMBOS)("the hint never shows the answer (%o)", (p) => {
    for (const inst of all(p)) expect(showsNumber(inst.hint, inst.expectedTex), `seed ${inst.seed}`).toBe(false);
  });
});
