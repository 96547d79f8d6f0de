import { describe, expect, it } from "vitest";
import { jacobianSpectral } from "@/lib/exercises/generators/jacobian-spectral";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["jacobian", "classify"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

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

  it.each(COMBOS.filter((p) => p.mode === "jacobian"))("jacobian: matches finite differences of h (%o)", (p) => {
    const n = p.difficulty === 3 ? 3 : 2;
    const bad = problems();
    all(p).forEach((inst, i) => {
      const at = `seed ${inst.seed}`;
      const d = drawnLayer(SEEDS[i] as number, p);
      bad.check(d.W.length === n, () => `${at}: ${d.W.length} units`);
      // Rounded to 2 decimals and shown in the prompt.
      const drawn = [...d.W.flat(), ...d.b, ...d.hPrev];
      bad.check(drawn.every((v) => Math.round(v * 100) / 100 === v && showsNumber(inst.prompt, String(v))), () => `${at}: a drawn number is not 2-decimal or not shown`);
      bad.check(inst.prompt.includes(d.activation === "sigmoid" ? "h = \\sigma(z)" : "h = \\tanh(z)"), () => `${at}: activation not shown`);
      const fd = jacobianByDifferences(d.W, d.b, d.hPrev, act(d.activation));
      const exp = inst.expected as number[];
      bad.check(exp.length === n * n && fd.every((v, k) => Math.abs(v - (exp[k] as number)) <= 1e-8 + 1e-6 * Math.abs(v)), () => `${at}: ${String(exp)} vs differences ${String(fd)}`);
      // z is given at difficulty 1 only; the entries are asked row by row.
      bad.check(inst.prompt.includes("pre-activations are") === (p.difficulty === 1), () => `${at}: z shown at difficulty ${p.difficulty}`);
      bad.check(inst.prompt.includes("row by row"), () => `${at}: entry order not said`);
    });
    bad.none();
  });

  it.each(COMBOS.filter((p) => p.mode === "classify"))("classify: matches the growth of J^200 by repeated multiplication (%o)", (p) => {
    const bad = problems();
    all(p).forEach((inst, i) => {
      const at = `seed ${inst.seed}`;
      const { J } = drawnClassify(SEEDS[i] as number, p);
      bad.check(J.flat().every((v) => Math.round(v * 100) / 100 === v && showsNumber(inst.prompt, String(v))), () => `${at}: an entry is not 2-decimal or not shown`);
      const cls = classByPowers(J);
      bad.check(inst.expected === cls, () => `${at}: ${String(inst.expected)}, powers give ${cls}`);
      const { rho, norm } = rhoAndNorm(J);
      bad.check(classOf(rho) === cls, () => `${at}: ρ = ${rho} but powers give ${cls}`);
      // Clear of the class boundaries.
      bad.check(cls === "A" ? rho <= 0.93 : cls === "B" ? rho >= 1.07 : Math.abs(rho - 1) <= 1e-9, () => `${at}: ρ = ${rho} too close to 1 for ${cls}`);
      // The spectral-norm trap comes first whenever it gives another letter; the "entries below 1" trap is offered likewise.
      if (classOf(norm) !== cls) bad.check(inst.mistakes[0]?.id === "spectral-norm" && inst.mistakes[0].value === classOf(norm), () => `${at}: spectral-norm trap not first`);
      const byEntries = J.flat().every((v) => Math.abs(v) < 1) ? "A" : "B";
      if (byEntries !== cls) bad.check(inst.mistakes.some((m) => m.value === byEntries), () => `${at}: entries trap ${byEntries} not offered`);
      // The solution sets ρ(J), which decides, against ‖J‖₂, which does not.
      bad.check(inst.solution.includes("\\rho(J) =") && inst.solution.includes("\\lVert J \\rVert_2 ="), () => `${at}: solution lacks ρ(J) or ‖J‖₂`);
    });
    bad.none();
  });

  // The options are limits (→ 0, → ∞, bounded and not → 0), so exactly one holds; the answer must be the one that does.
  it.each(COMBOS.filter((p) => p.mode === "classify"))("classify: the answer is the option that holds as K → ∞, the only one (%o)", (p) => {
    const bad = problems();
    all(p).forEach((inst, i) => {
      const { J } = drawnClassify(SEEDS[i] as number, p);
      const limit = classByLimit(J);
      bad.check(limit === inst.expected, () => `seed ${inst.seed}: ${String(inst.expected)} but the limit gives ${String(limit)} (J = ${JSON.stringify(J)})`);
      // No fixed number of steps that the long-run answer could contradict.
      bad.check(!/K = \d/.test(inst.prompt), () => `seed ${inst.seed}: a fixed K in the prompt`);
    });
    bad.none();
    const prompt = all(p)[0]!.prompt;
    expect(prompt).toContain("as $K \\to \\infty$");
    expect(prompt).toContain("**A.** Vanishing: $\\lVert J^K \\rVert \\to 0$.");
    expect(prompt).toContain("**B.** Exploding: $\\lVert J^K \\rVert \\to \\infty$.");
    expect(prompt).toContain("**C.** Neither: $\\lVert J^K \\rVert$ stays bounded and does not tend to 0.");
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

  it("jacobian: the transposed matrix is the first mistake offered", () => {
    const bad = problems();
    for (const p of COMBOS.filter((c) => c.mode === "jacobian")) {
      for (const inst of all(p)) bad.check(inst.mistakes[0]?.id === "transposed", () => `seed ${inst.seed}: first mistake ${inst.mistakes[0]?.id}`);
    }
    bad.none();
  });
});
