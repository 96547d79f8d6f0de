import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { plainNum } from "@/lib/exercises/kit/tex";
import { jacobianSpectral } from "@/lib/exercises/generators/jacobian-spectral";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["jacobian", "classify"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

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

/** True when `tex` occurs in `text` as a whole number (not part of a longer one). */
function showsNumber(text: string, tex: string): boolean {
  const esc = tex.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^0-9.])${esc}(?![0-9])`).test(text);
}

/** All numbers of a text, reading `m \times 10^{e}` as one number. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)].map((m) => Number(m[1]) * 10 ** Number(m[2] ?? 0));
}

// ---- independent recomputation ----

const act = (name: string) => (name === "sigmoid" ? (z: number) => 1 / (1 + Math.exp(-z)) : Math.tanh);

/** ∂h/∂h_prev by central differences of h = f(W h_prev + b), row by row. */
function jacobianByDifferences(W: number[][], b: number[], hPrev: number[], f: (z: number) => number): number[] {
  const eps = 1e-6;
  const h = (v: number[]) => W.map((row, i) => f(row.reduce((s, w, j) => s + w * (v[j] as number), b[i] as number)));
  const n = W.length;
  const out = new Array<number>(n * n);
  for (let j = 0; j < n; j++) {
    const up = hPrev.slice();
    const dn = hPrev.slice();
    up[j] = (up[j] as number) + eps;
    dn[j] = (dn[j] as number) - eps;
    const hu = h(up);
    const hd = h(dn);
    for (let i = 0; i < n; i++) out[i * n + j] = ((hu[i] as number) - (hd[i] as number)) / (2 * eps);
  }
  return out;
}

function mul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * (B[k]![j] as number), 0)));
}

const frob = (A: number[][]): number => Math.sqrt(A.flat().reduce((s, v) => s + v * v, 0));

/** The class from J^200 built by repeated multiplication: its size relative to J tells decay from growth. */
function classByPowers(J: number[][]): "A" | "B" | "C" {
  let P = J;
  for (let k = 1; k < 200; k++) P = mul(P, J);
  const r = frob(P) / frob(J);
  return r < 1e-3 ? "A" : r > 1e3 ? "B" : "C";
}

/** ρ(J) and ‖J‖₂ of a 2×2 matrix in closed form. */
function rhoAndNorm(J: number[][]): { rho: number; norm: number } {
  const [[a, b], [c, d]] = J as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = tr * tr - 4 * det;
  const rho = disc < 0 ? Math.sqrt(det) : Math.max(Math.abs(tr + Math.sqrt(disc)), Math.abs(tr - Math.sqrt(disc))) / 2;
  const S = a * a + b * b + c * c + d * d;
  const norm = Math.sqrt((S + Math.sqrt(Math.max(0, S * S - 4 * det * det))) / 2);
  return { rho, norm };
}

/** The options' own criterion: ‖J^K‖ → 0 iff ρ < 1, → ∞ iff ρ > 1; "neither" needs ρ = 1 (up to float round-off). */
const classOf = (r: number): "A" | "B" | "C" => (r < 1 - 1e-9 ? "A" : r > 1 + 1e-9 ? "B" : "C");

/**
 * The limit itself, by repeated squaring (J^(2^m)), read against the three
 * options: → 0, → ∞, or bounded and not → 0 (stays within [0.5, 1e3] from
 * K = 1024 to K = 8192). null when none of the three is clearly what happens.
 */
function classByLimit(J: number[][]): "A" | "B" | "C" | null {
  let P = J;
  const norms: number[] = [];
  for (let m = 1; m <= 13; m++) {
    P = mul(P, P);
    if (m >= 10) norms.push(frob(P));
  }
  if (norms.every((v) => v < 1e-12)) return "A";
  if (norms.every((v) => v > 1e12 || !Number.isFinite(v))) return "B";
  if (norms.every((v) => v >= 0.5 && v <= 1e3)) return "C";
  return null;
}

/** The drawn numbers of an instance, checked to be of the expected mode. */
function drawnLayer(seed: number, p: ExerciseParams) {
  const { d } = jacobianSpectral.sample(seed, p);
  if (d.mode !== "jacobian") throw new Error(`seed ${seed}: not a jacobian draw`);
  return d;
}
function drawnClassify(seed: number, p: ExerciseParams) {
  const { d } = jacobianSpectral.sample(seed, p);
  if (d.mode !== "classify") throw new Error(`seed ${seed}: not a classify draw`);
  return d;
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => jacobianSpectral.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("jacobian-spectral", () => {
  it("declares its id and params; defaults to jacobian; rejects bad params by name", () => {
    expect(jacobianSpectral.id).toBe("jacobian-spectral");
    expect(jacobianSpectral.params).toEqual({ mode: ["jacobian", "classify"] });
    expect(jacobianSpectral.generate(4, { difficulty: 2 })).toEqual(jacobianSpectral.generate(4, { difficulty: 2, mode: "jacobian" }));
    expect(() => jacobianSpectral.generate(4, { difficulty: 2, mode: "norm" })).toThrow(/params\.mode/);
    expect(() => jacobianSpectral.generate(4, { difficulty: Number.NaN })).toThrow(/params\.difficulty/);
  });

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    // Deep equality via JSON (plain data only): one expect, not one per seed.
    const differs = all(p).filter((inst, i) => JSON.stringify(jacobianSpectral.generate(SEEDS[i] as number, p)) !== JSON.stringify(inst));
    expect(differs.map((i) => i.seed)).toEqual([]);
  });

  it.each(COMBOS.filter((p) => p.mode === "jacobian"))("jacobian: matches finite differences of h (%o)", (p) => {
    const n = p.difficulty === 3 ? 3 : 2;
    all(p).forEach((inst, i) => {
      const d = drawnLayer(SEEDS[i] as number, p);
      expect(d.W).toHaveLength(n);
      const drawn = [...d.W.flat(), ...d.b, ...d.hPrev];
      // Rounded to 2 decimals and shown in the prompt (one expect per instance: expect is the slow part).
      expect(drawn.filter((v) => Math.round(v * 100) / 100 !== v || !showsNumber(inst.prompt, String(v)))).toEqual([]);
      expect(inst.prompt).toContain(d.activation === "sigmoid" ? "h = \\sigma(z)" : "h = \\tanh(z)");
      const fd = jacobianByDifferences(d.W, d.b, d.hPrev, act(d.activation));
      const exp = inst.expected as number[];
      expect(exp).toHaveLength(n * n);
      const bad = fd.filter((v, k) => !(Math.abs(v - (exp[k] as number)) <= 1e-8 + 1e-6 * Math.abs(v)));
      expect(bad, `seed ${inst.seed}`).toEqual([]);
    });
  });

  it.each(COMBOS.filter((p) => p.mode === "classify"))("classify: matches the growth of J^200 by repeated multiplication (%o)", (p) => {
    all(p).forEach((inst, i) => {
      const { J } = drawnClassify(SEEDS[i] as number, p);
      expect(J.flat().filter((v) => Math.round(v * 100) / 100 !== v || !showsNumber(inst.prompt, String(v)))).toEqual([]);
      const cls = classByPowers(J);
      expect(inst.expected, `seed ${inst.seed}`).toBe(cls);
      const { rho, norm } = rhoAndNorm(J);
      expect(classOf(rho)).toBe(cls);
      // Clear of the class boundaries.
      expect(cls === "A" ? rho <= 0.93 : cls === "B" ? rho >= 1.07 : Math.abs(rho - 1) <= 1e-9).toBe(true);
      // The spectral-norm and "entries below 1" traps are offered whenever they give another letter.
      const values = inst.mistakes.map((m) => m.value);
      if (classOf(norm) !== cls) {
        expect(inst.mistakes[0]).toMatchObject({ id: "spectral-norm", value: classOf(norm) });
      }
      const byEntries = J.flat().every((v) => Math.abs(v) < 1) ? "A" : "B";
      if (byEntries !== cls) expect(values).toContain(byEntries);
    });
  });

  // The options are limits (→ 0, → ∞, bounded and not → 0), so exactly one holds; the answer must be the one that does.
  it.each(COMBOS.filter((p) => p.mode === "classify"))("classify: the answer is the option that holds as K → ∞, the only one (%o)", (p) => {
    const wrong: string[] = [];
    all(p).forEach((inst, i) => {
      const { J } = drawnClassify(SEEDS[i] as number, p);
      const limit = classByLimit(J);
      if (limit !== inst.expected) wrong.push(`seed ${inst.seed}: ${String(inst.expected)} but the limit gives ${String(limit)} (J = ${JSON.stringify(J)})`);
    });
    expect(wrong.slice(0, 10)).toEqual([]);
    const prompt = all(p)[0]!.prompt;
    expect(prompt).toContain("as $K \\to \\infty$");
    expect(prompt).toContain("**A.** Vanishing: $\\lVert J^K \\rVert \\to 0$.");
    expect(prompt).toContain("**B.** Exploding: $\\lVert J^K \\rVert \\to \\infty$.");
    expect(prompt).toContain("**C.** Neither: $\\lVert J^K \\rVert$ stays bounded and does not tend to 0.");
    // No fixed number of steps that the long-run answer could contradict.
    expect(all(p).filter((inst) => /K = \d/.test(inst.prompt)).map((inst) => inst.seed)).toEqual([]);
  });

  it("classify: all three classes occur, neither is rarest, and the ‖J‖₂ > 1 trap is common", () => {
    for (const difficulty of [1, 2, 3]) {
      const insts = all({ difficulty, mode: "classify" });
      const count = (c: string) => insts.filter((i) => i.expected === c).length;
      expect(count("A")).toBeGreaterThan(50);
      expect(count("B")).toBeGreaterThan(50);
      expect(count("C")).toBeGreaterThan(10);
      expect(count("C")).toBeLessThan(Math.min(count("A"), count("B")));
      const traps = insts.filter((i) => i.mistakes.some((m) => m.id === "spectral-norm")).length;
      expect(traps).toBeGreaterThan(20);
    }
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      expect(inst.mistakes.length).toBeGreaterThanOrEqual(1);
      const ids = inst.mistakes.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      if (p.mode === "jacobian") {
        const exp = inst.expected as number[];
        const n = p.difficulty === 3 ? 3 : 2;
        expect(inst.answer).toEqual({ kind: "vector", length: n * n, tolerance: { rel: 0.005 } });
        const fmt = (v: number[], digits = 6) => v.map((x) => plainNum(x, digits)).join(", ");
        expect(checkAnswer(fmt(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(fmt(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(ids[0]).toBe("transposed");
        for (const m of inst.mistakes) {
          expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
          const v = checkAnswer(fmt(m.value as number[]), inst.answer, exp, inst.mistakes);
          expect(v.kind === "wrong" && v.mistakeId === m.id, `${inst.seed} ${m.id}`).toBe(true);
        }
      } else {
        const exp = inst.expected as string;
        expect(inst.answer).toEqual({ kind: "choice", options: ["A", "B", "C"] });
        expect(checkAnswer(exp, inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(exp.toLowerCase(), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        for (const m of inst.mistakes) {
          expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
          const v = checkAnswer(m.value as string, inst.answer, exp, inst.mistakes);
          expect(v.kind === "wrong" && v.mistakeId === m.id, `${inst.seed} ${m.id}`).toBe(true);
        }
      }
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const lines = inst.solution.trim().split("\n");
      const last = lines[lines.length - 1] as string;
      expect(last.startsWith(`**Answer:** $${inst.expectedTex}$`)).toBe(true);
      if (p.mode === "jacobian") {
        const exp = inst.expected as number[];
        const shown = numbersIn(last);
        expect(shown).toHaveLength(exp.length);
        shown.forEach((v, k) => expect(Math.abs(v - (exp[k] as number))).toBeLessThanOrEqual(5e-4 * Math.abs(exp[k] as number)));
        expect(inst.prompt).not.toContain(inst.expectedTex);
        expect(inst.prompt).toContain("row by row");
        // d = 1 gives z; otherwise the prompt must not.
        expect(inst.prompt.includes("pre-activations are")).toBe(p.difficulty === 1);
      } else {
        expect(inst.expectedTex).toBe(`\\text{${String(inst.expected)}}`);
        expect(inst.prompt).toContain("**C.**");
        expect(inst.prompt).toContain("Answer with a letter");
        expect(inst.solution).toContain("\\rho(J) =");
        expect(inst.solution).toContain("\\lVert J \\rVert_2 =");
      }
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
