import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { plainNum } from "@/lib/exercises/kit/tex";
import { lrDivergence } from "@/lib/exercises/generators/lr-divergence";
import type { AnswerValue, ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 37);
const COMBOS: ExerciseParams[] = ["diverges", "threshold"].flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

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
    const key = `${display ? "D" : "I"}${tex.replace(/-?\d+(\.\d+)?/g, "0")}`;
    if (rendered.has(key)) continue;
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "error" });
    } catch (e) {
      expect.fail(`${where}: ${String(e)}\n${tex}`);
    }
    rendered.add(key);
  }
}

/** Every number written in a text, reading `m \times 10^{e}` as one number. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)].map((m) => Number(m[1]) * 10 ** Number(m[2] ?? 0));
}

/** True when `s` occurs in `text` as a whole number (not part of a longer one). */
function showsNumber(text: string, s: string): boolean {
  const esc = s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^0-9.])${esc}(?![0-9])`).test(text);
}

/** How a learner would type a value back. */
function typed(v: AnswerValue): string {
  if (typeof v === "number") return plainNum(v);
  if (Array.isArray(v)) return v.map((x) => plainNum(x)).join(", ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

/** Checker round trip: the answer is correct, each mistake is wrong and recognised as itself. */
function expectCheckerRoundTrip(inst: ExerciseInstance): void {
  const exp = inst.expected;
  expect(checkAnswer(typed(exp), inst.answer, exp, inst.mistakes).kind, `${inst.seed} expected`).toBe("correct");
  expect(inst.mistakes.length).toBeGreaterThan(0);
  expect(new Set(inst.mistakes.map((m) => m.id)).size).toBe(inst.mistakes.length);
  inst.mistakes.forEach((m, i) => {
    expect(distinguishable(m.value, exp, inst.answer), `${inst.seed} ${m.id} vs expected`).toBe(true);
    for (const other of inst.mistakes.slice(0, i)) expect(distinguishable(m.value, other.value, inst.answer)).toBe(true);
    const v = checkAnswer(typed(m.value), inst.answer, exp, inst.mistakes);
    expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
    if (v.kind === "wrong") expect(v.mistakeId, `${inst.seed} ${m.id}`).toBe(m.id);
    expect(m.explanation.length).toBeGreaterThan(10);
  });
}

function expectAllTexRenders(inst: ExerciseInstance): void {
  expectRenders(inst.prompt, `prompt ${inst.seed}`);
  expectRenders(inst.hint, `hint ${inst.seed}`);
  expectRenders(inst.solution, `solution ${inst.seed}`);
  for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
}

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

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(lrDivergence.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS.filter((p) => p.mode === "diverges"))("diverges: the verdict matches running gradient descent (%o)", (p) => {
    const verdicts = { yes: 0, no: 0, oscillating: 0, trap: 0 };
    all(p).forEach((inst, i) => {
      const { f, dim, shown } = parseLoss(inst.prompt);
      expect(dim).toBe(p.difficulty === 3 ? 2 : 1);
      const etaM = new RegExp(`\\\\eta = ${NUM}\\$ minimises`).exec(inst.prompt);
      expect(etaM).not.toBeNull();
      const eta = Number(etaM?.[1]);
      const d = lrDivergence.sample(SEEDS[i] as number, p).d;
      expect(d.mode).toBe("diverges");
      expect(d.mode === "diverges" && d.eta).toBe(eta);
      expect(Object.values(d).filter((v) => typeof v === "number")).toEqual([...shown, eta]);
      const final = runGd(f, dim, eta, 400);
      // Margins of ≥ 7 % around |1 − ηa| = 1 make 400 steps decisive either way.
      if (inst.expected) expect(final, `seed ${inst.seed}`).toBeGreaterThan(1e6);
      else expect(final, `seed ${inst.seed}`).toBeLessThan(1e-6);
      verdicts[inst.expected ? "yes" : "no"]++;
      const id = inst.mistakes[0]?.id;
      if (id === "overshoot-is-not-divergence") verdicts.oscillating++;
      if (id === "coefficient-as-curvature" || id === "flat-direction-only") verdicts.trap++;
    });
    // All three regimes occur: monotone and oscillating convergence, and divergence.
    expect(verdicts.yes).toBeGreaterThan(40);
    expect(verdicts.no).toBeGreaterThan(80);
    expect(verdicts.oscillating).toBeGreaterThan(25);
    if (p.difficulty > 1) expect(verdicts.trap).toBeGreaterThan(10);
  });

  it.each(COMBOS.filter((p) => p.mode === "threshold"))("threshold: matches a bisection on running gradient descent (%o)", (p) => {
    all(p).forEach((inst, i) => {
      const { f, dim, shown } = parseLoss(inst.prompt);
      const d = lrDivergence.sample(SEEDS[i] as number, p).d;
      expect(Object.values(d).filter((v) => typeof v === "number")).toEqual(shown);
      // Largest η whose iterates still shrink after 2000 steps: |1 − ηa|^2000 < 1 resolves η* to ~2e-4 relative.
      const exp = inst.expected as number;
      // A bracket around the claimed value, checked by simulation at both ends.
      let lo = 0.5 * exp;
      let hi = 2 * exp;
      expect(runGd(f, dim, lo, 2000)).toBeLessThan(1);
      expect(runGd(f, dim, hi, 2000)).toBeGreaterThan(1);
      for (let k = 0; k < 13; k++) {
        const mid = (lo + hi) / 2;
        if (runGd(f, dim, mid, 2000) < 1) lo = mid;
        else hi = mid;
      }
      expect(Math.abs(lo - exp), `seed ${inst.seed}: bisection ${lo} vs ${exp}`).toBeLessThanOrEqual(1e-3 * exp);
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      expectCheckerRoundTrip(inst);
      if (p.mode === "diverges") {
        expect(inst.answer).toEqual({ kind: "boolean" });
        expect(inst.mistakes).toHaveLength(1);
        expect(inst.mistakes[0]?.value).toBe(!inst.expected);
        expect(checkAnswer(inst.expected ? "Yes" : "No", inst.answer, inst.expected, inst.mistakes).kind).toBe("correct");
        continue;
      }
      const exp = inst.expected as number;
      expect(inst.answer).toEqual({ kind: "number", tolerance: { rel: 0.005 } });
      expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["optimal-rate", "half-curvature", "double-curvature"]) expect(ids).toContain(id);
      if (p.difficulty === 2) expect(ids).toContain("coefficient-as-curvature");
      if (p.difficulty === 3) expect(ids).toContain("flat-direction");
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number]));
      // The curvature a with η* = 2/a: the listed mistakes are 1/a, a/2 and 2a.
      const a = 2 / exp;
      expect(byId["optimal-rate"]).toBeCloseTo(1 / a, 12);
      expect(byId["half-curvature"]).toBeCloseTo(a / 2, 12);
      expect(byId["double-curvature"]).toBeCloseTo(2 * a, 12);
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const lines = inst.solution.trim().split("\n");
      if (p.mode === "diverges") {
        expect(lines[lines.length - 1]).toContain(`**Answer: ${inst.expected ? "yes" : "no"}**`);
        expect(inst.expectedTex).toBe(inst.expected ? "\\text{yes}" : "\\text{no}");
        expect(inst.prompt).toMatch(/Answer yes or no/);
      } else {
        const exp = inst.expected as number;
        const tail = lines.slice(-2).join("\n");
        expect(tail).toContain(inst.expectedTex);
        expect(Math.abs((numbersIn(tail).at(-1) as number) - exp)).toBeLessThanOrEqual(5e-4 * exp);
        expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
        expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
        expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
        expect(inst.prompt).toMatch(/as a number/);
      }
      expectAllTexRenders(inst);
    }
  });
});
