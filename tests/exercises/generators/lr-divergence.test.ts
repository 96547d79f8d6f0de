import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { lrDivergence } from "@/lib/exercises/generators/lr-divergence";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { lastNumber, problems, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 37);
const COMBOS: ExerciseParams[] = ["diverges", "threshold"].flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

// ---- independent recomputation ----

const NUM = "(-?\\d+(?:\\.\\d+)?)";

/** The loss read back from the prompt, as a function of the parameter vector. */
function parseLoss(prompt: string): { f: (w: number[]) => number; dim: number; shown: number[] } {
  const half = new RegExp(`f\\(w\\) = \\\\tfrac12\\\\, a\\\\, w\\^2, \\\\qquad a = ${NUM}`).exec(prompt);
  if (half) {
    const a = Number(half[1]);
    return { f: ([w]) => 0.5 * a * (w as number) ** 2, dim: 1, shown: [a] };
  }
  const plain = new RegExp(`f\\(w\\) = ${NUM}\\\\, w\\^2`).exec(prompt);
  if (plain) {
    const c = Number(plain[1]);
    return { f: ([w]) => c * (w as number) ** 2, dim: 1, shown: [c] };
  }
  const diag = new RegExp(`a_1 = ${NUM},\\\\quad a_2 = ${NUM}`).exec(prompt);
  if (diag) {
    const a1 = Number(diag[1]);
    const a2 = Number(diag[2]);
    return { f: ([w1, w2]) => 0.5 * (a1 * (w1 as number) ** 2 + a2 * (w2 as number) ** 2), dim: 2, shown: [a1, a2] };
  }
  throw new Error(`cannot read the loss from:\n${prompt}`);
}

/**
 * Runs gradient descent with a central-difference gradient of f (exact for a
 * quadratic up to rounding, and blind to how the generator wrote the curvature)
 * and returns max_i |w_i| after `steps` steps from w = (1, …, 1).
 */
function runGd(f: (w: number[]) => number, dim: number, eta: number, steps: number): number {
  const w = Array.from({ length: dim }, () => 1);
  const g = new Array<number>(dim).fill(0);
  const h = 1e-3;
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < dim; i++) {
      const v = w[i] as number;
      w[i] = v + h;
      const up = f(w);
      w[i] = v - h;
      const dn = f(w);
      w[i] = v;
      g[i] = (up - dn) / (2 * h);
    }
    let m = 0;
    for (let i = 0; i < dim; i++) {
      w[i] = (w[i] as number) - eta * (g[i] as number);
      m = Math.max(m, Math.abs(w[i] as number));
    }
    if (m > 1e12 || m < 1e-12) break;
  }
  return Math.max(...w.map(Math.abs));
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => lrDivergence.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("lr-divergence", () => {
  it("declares its id and params, defaults to diverges, rejects bad params", () => {
    expect(lrDivergence.id).toBe("lr-divergence");
    expect(lrDivergence.params).toEqual({ mode: ["diverges", "threshold"] });
    expect(lrDivergence.generate(8, { difficulty: 1 })).toEqual(lrDivergence.generate(8, { difficulty: 1, mode: "diverges" }));
    expect(() => lrDivergence.generate(8, { difficulty: 1, mode: "converges" })).toThrow(/params\.mode/);
    expect(() => lrDivergence.generate(8, { difficulty: true as unknown as number })).toThrow(/params\.difficulty/);
    expect(() => lrDivergence.generate(Number.MAX_VALUE, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS.filter((p) => p.mode === "diverges"))("diverges: the verdict matches running gradient descent (%o)", (p) => {
    const verdicts = { yes: 0, no: 0, oscillating: 0, trap: 0 };
    const bad = problems();
    all(p).forEach((inst) => {
      const s = inst.seed;
      const { f, dim, shown } = parseLoss(inst.prompt);
      const etaM = new RegExp(`\\\\eta = ${NUM}\\$ minimises`).exec(inst.prompt);
      const eta = Number(etaM?.[1]);
      const d = lrDivergence.sample(s, p).d;
      bad.check(dim === (p.difficulty === 3 ? 2 : 1) && d.mode === "diverges" && d.eta === eta, () => `${s}: ${JSON.stringify(d)} vs η ${eta}, dim ${dim}`);
      bad.check(JSON.stringify(Object.values(d).filter((v) => typeof v === "number")) === JSON.stringify([...shown, eta]), () => `${s}: prompt shows ${shown}`);
      const final = runGd(f, dim, eta, 400);
      // Margins of ≥ 7 % around |1 − ηa| = 1 make 400 steps decisive either way.
      bad.check(inst.expected ? final > 1e6 : final < 1e-6, () => `${s}: answer ${inst.expected}, |w| after 400 steps ${final}`);
      verdicts[inst.expected ? "yes" : "no"]++;
      const id = inst.mistakes[0]?.id;
      if (id === "overshoot-is-not-divergence") verdicts.oscillating++;
      if (id === "coefficient-as-curvature" || id === "flat-direction-only") verdicts.trap++;
    });
    bad.none();
    // All three regimes occur: monotone and oscillating convergence, and divergence.
    expect(verdicts.yes).toBeGreaterThan(40);
    expect(verdicts.no).toBeGreaterThan(80);
    expect(verdicts.oscillating).toBeGreaterThan(25);
    if (p.difficulty > 1) expect(verdicts.trap).toBeGreaterThan(10);
  });

  it.each(COMBOS.filter((p) => p.mode === "threshold"))("threshold: matches a bisection on running gradient descent (%o)", (p) => {
    const bad = problems();
    all(p).forEach((inst) => {
      const s = inst.seed;
      const { f, dim, shown } = parseLoss(inst.prompt);
      const d = lrDivergence.sample(s, p).d;
      bad.check(JSON.stringify(Object.values(d).filter((v) => typeof v === "number")) === JSON.stringify(shown), () => `${s}: prompt shows ${shown}`);
      // Largest η whose iterates still shrink after 2000 steps: |1 − ηa|^2000 < 1 resolves η* to ~2e-4 relative.
      const exp = inst.expected as number;
      // A bracket around the claimed value, checked by simulation at both ends.
      let lo = 0.5 * exp;
      let hi = 2 * exp;
      bad.check(runGd(f, dim, lo, 2000) < 1 && runGd(f, dim, hi, 2000) > 1, () => `${s}: η*/2 and 2η* do not bracket the limit`);
      for (let k = 0; k < 13; k++) {
        const mid = (lo + hi) / 2;
        if (runGd(f, dim, mid, 2000) < 1) lo = mid;
        else hi = mid;
      }
      bad.check(Math.abs(lo - exp) <= 1e-3 * exp, () => `${s}: bisection ${lo} vs ${exp}`);
    });
    bad.none();
  });

  it.each(COMBOS)("lists its mistakes, reads the answer as typed, and states it last (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      if (p.mode === "diverges") {
        // One wrong verdict, named by its likely reason; "Yes"/"No" in any case are read.
        bad.check(JSON.stringify(inst.answer) === JSON.stringify({ kind: "boolean" }), () => `${s}: answer spec`);
        bad.check(inst.mistakes.length === 1 && inst.mistakes[0]?.value === !inst.expected, () => `${s}: mistakes ${JSON.stringify(inst.mistakes)}`);
        bad.check(checkAnswer(inst.expected ? "Yes" : "No", inst.answer, inst.expected, inst.mistakes).kind === "correct", () => `${s}: Yes/No not read`);
        bad.check(inst.prompt.includes("Answer yes or no"), () => `${s}: no answer form`);
        bad.check(inst.solution.trim().endsWith(`— it ${inst.expected ? "diverges" : "converges"}.`), () => `${s}: the verdict in words`);
        continue;
      }
      const exp = inst.expected as number;
      bad.check(JSON.stringify(inst.answer) === JSON.stringify({ kind: "number", tolerance: { rel: 0.005 } }), () => `${s}: answer spec`);
      bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4 digits not accepted`);
      const ids = inst.mistakes.map((m) => m.id);
      const want = ["optimal-rate", "half-curvature", "double-curvature", ...(p.difficulty === 2 ? ["coefficient-as-curvature"] : p.difficulty === 3 ? ["flat-direction"] : [])];
      for (const id of want) bad.check(ids.includes(id), () => `${s}: no ${id}`);
      bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * exp, () => `${s}: last number ${lastNumber(inst.solution)}`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      bad.check(inst.prompt.includes("as a number"), () => `${s}: no answer form`);
    }
    bad.none();
  });
});
