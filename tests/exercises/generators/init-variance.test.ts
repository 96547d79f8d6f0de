import { describe, expect, it } from "vitest";
import { createRng, heVariance, type Rng, tanhPrime, xavierVariance } from "@/lib/engine";
import { initVariance, standardNormalTanhChi } from "@/lib/exercises/generators/init-variance";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 31);
const MODES = ["xavier", "he", "which"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

// ---- independent recomputation ----

/** The fans read back from the prompt text (a dense layer, or a k×k convolution). */
function parseFans(prompt: string): { nIn: number; nOut: number; conv: boolean } {
  const dense = /n_\\text\{in\} = (\d+)\$ inputs to \$n_\\text\{out\} = (\d+)\$/.exec(prompt);
  if (dense) return { nIn: Number(dense[1]), nOut: Number(dense[2]), conv: false };
  const conv = /A (\d)×\d convolution .*C_\\text\{in\} = (\d+)\$ input channels to \$C_\\text\{out\} = (\d+)\$/.exec(prompt);
  if (!conv) throw new Error(`cannot read the layer from:\n${prompt}`);
  const k2 = Number(conv[1]) ** 2;
  return { nIn: Number(conv[2]) * k2, nOut: Number(conv[3]) * k2, conv: true };
}

/** The activation read back from the prompt (by name, or by formula at difficulty 3). */
function parseActivation(prompt: string): "relu" | "leaky_relu" | "tanh" | "sigmoid" {
  if (prompt.includes("leaky ReLU") || prompt.includes("\\max(0.01\\,z,\\ z)")) return "leaky_relu";
  if (prompt.includes("ReLU activations") || prompt.includes("\\max(0, z)")) return "relu";
  if (prompt.includes("tanh activations") || prompt.includes("e^{z} - e^{-z}")) return "tanh";
  if (prompt.includes("sigmoid activations") || prompt.includes("\\dfrac{1}{1 + e^{-z}}")) return "sigmoid";
  throw new Error(`cannot read the activation from:\n${prompt}`);
}

/**
 * A zero-mean weight with the given variance: uniform on ±√(3·variance). Only the
 * variance matters for how the second moment propagates (the sums over n_in
 * inputs are Gaussian anyway), and a uniform draw is much cheaper than a Gaussian.
 */
function weight(rng: Rng, variance: number): number {
  return (2 * rng.next() - 1) * Math.sqrt(3 * variance);
}

/**
 * Monte-Carlo variance propagation: a `depth`-layer square net of width n with
 * zero-mean weights of the given variance and zero biases, fed a batch of
 * N(0, inputSd²) vectors.
 * Returns the growth of the pre-activations' second moment E[z_l²]: end to end
 * (E[z_L²] / E[z_1²]) and per layer (the mean over layers of E[z_{l+1}²] / E[z_l²]).
 *
 * The per-layer mean is the statistic to test for ReLU nets: at width 200 each
 * layer's factor fluctuates by ~15 % (ReLU outputs share a positive mean
 * direction, so averaging over the batch barely helps), and over 20 layers the
 * end-to-end product is log-normal with median ≈ 0.75 although its mean is 1.
 */
function propagate(
  rng: Rng,
  n: number,
  depth: number,
  variance: number,
  f: (z: number) => number,
  inputSd = 1,
  batch = 12,
): { total: number; perLayer: number } {
  let a: Float64Array[] = Array.from({ length: batch }, () => Float64Array.from({ length: n }, () => rng.gaussian(0, inputSd)));
  const ms: number[] = [];
  const W = new Float64Array(n * n);
  for (let l = 0; l < depth; l++) {
    for (let i = 0; i < n * n; i++) W[i] = weight(rng, variance);
    let sum = 0;
    a = a.map((x) => {
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) s += (W[row + j] as number) * (x[j] as number);
        z[i] = s;
        sum += s * s;
      }
      return z.map(f);
    });
    ms.push(sum / (batch * n));
  }
  const ratios = ms.slice(1).map((v, l) => v / (ms[l] as number));
  return { total: (ms[depth - 1] as number) / (ms[0] as number), perLayer: ratios.reduce((x, y) => x + y, 0) / ratios.length };
}

const relu = (z: number) => Math.max(0, z);
const linear = (z: number) => z;

/** E[g(√q ξ)], ξ ~ N(0,1), by the trapezoid rule on [−12, 12] (a second method, independent of the generator). */
function gauss(g: (z: number) => number, q: number): number {
  const N = 6000;
  const h = 24 / N;
  let s = 0;
  for (let k = 0; k <= N; k++) {
    const x = -12 + k * h;
    s += (k === 0 || k === N ? 0.5 : 1) * g(Math.sqrt(q) * x) * Math.exp(-(x * x) / 2);
  }
  return (s * h) / Math.sqrt(2 * Math.PI);
}
const tanh2 = (z: number) => Math.tanh(z) ** 2;
const fp2 = (z: number) => tanhPrime(z) ** 2;

/** He on tanh (n·Var(w) = 2): the fixed point of q ← 2 E[tanh²(√q ξ)] and the gain χ = 2 E[tanh′²] there. */
function heOnTanh(): { q: number; chi: number } {
  let q = 1;
  for (let l = 0; l < 300; l++) q = 2 * gauss(tanh2, q);
  return { q, chi: 2 * gauss(fp2, q) };
}
const HE_TANH = heOnTanh();

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => initVariance.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("init-variance", () => {
  it("declares its id and params, defaults to xavier, rejects bad params", () => {
    expect(initVariance.id).toBe("init-variance");
    expect(initVariance.params).toEqual({ mode: ["xavier", "he", "which"] });
    expect(initVariance.generate(4, { difficulty: 2 })).toEqual(initVariance.generate(4, { difficulty: 2, mode: "xavier" }));
    expect(() => initVariance.generate(4, { difficulty: 2, mode: "lecun" })).toThrow(/params\.mode/);
    expect(() => initVariance.generate(4, { difficulty: 2, mode: 3 as unknown as string })).toThrow(/params\.mode/);
    expect(() => initVariance.generate(4, { difficulty: Number.POSITIVE_INFINITY })).toThrow(/params\.difficulty/);
    expect(() => initVariance.generate(0.25, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS.filter((p) => p.mode !== "which"))("matches the formula on the prompt's fans and the engine (%o)", (p) => {
    all(p).forEach((inst, i) => {
      const { nIn, nOut, conv } = parseFans(inst.prompt);
      expect(conv).toBe(p.difficulty === 3);
      const d = initVariance.sample(SEEDS[i] as number, p).d;
      if (d.mode === "which") throw new Error("expected a layer draw");
      if (d.layer === "dense") expect([d.nIn, d.nOut]).toEqual([nIn, nOut]);
      else expect([d.cIn * d.k * d.k, d.cOut * d.k * d.k]).toEqual([nIn, nOut]);
      const exp = inst.expected as number;
      const plain = p.mode === "xavier" ? 2 / (nIn + nOut) : 2 / nIn;
      expect(Math.abs(exp - plain)).toBeLessThanOrEqual(1e-15 * plain);
      expect(exp).toBe(p.mode === "xavier" ? xavierVariance(nIn, nOut) : heVariance(nIn));
    });
  });

  it("xavier by Monte Carlo: forward and backward gains average to 1 for the drawn layers", () => {
    const rng = createRng(20261123);
    const picked = all({ difficulty: 2, mode: "xavier" })
      .map((inst) => ({ inst, ...parseFans(inst.prompt) }))
      .filter(({ nIn, nOut }) => Math.min(nIn, nOut) >= 100 && nIn * nOut <= 100_000)
      .slice(0, 4);
    expect(picked.length).toBe(4);
    for (const { inst, nIn, nOut } of picked) {
      const v = inst.expected as number;
      const W = Float64Array.from({ length: nOut * nIn }, () => weight(rng, v));
      const B = 10;
      let fwd = 0;
      let bwd = 0;
      for (let b = 0; b < B; b++) {
        const x = Array.from({ length: nIn }, () => rng.gaussian());
        const g = Array.from({ length: nOut }, () => rng.gaussian());
        for (let i = 0; i < nOut; i++) {
          let s = 0;
          for (let j = 0; j < nIn; j++) s += (W[i * nIn + j] as number) * (x[j] as number);
          fwd += s * s;
        }
        for (let j = 0; j < nIn; j++) {
          let s = 0;
          for (let i = 0; i < nOut; i++) s += (W[i * nIn + j] as number) * (g[i] as number);
          bwd += s * s;
        }
      }
      // Var(z)/Var(x) ≈ n_in·Var(w) forward, Var(δ_in)/Var(δ_out) ≈ n_out·Var(w) backward: Xavier makes their mean 1.
      fwd /= B * nOut;
      bwd /= B * nIn;
      expect(Math.abs(fwd - nIn * v)).toBeLessThanOrEqual(0.1 * nIn * v);
      expect(Math.abs(bwd - nOut * v)).toBeLessThanOrEqual(0.1 * nOut * v);
      expect(Math.abs((fwd + bwd) / 2 - 1)).toBeLessThanOrEqual(0.08);
    }
    // And a 20-layer linear net of 200 units with the Xavier variance 2/(200 + 200) keeps the variance.
    const lin = propagate(rng, 200, 20, xavierVariance(200, 200), linear, 1, 40);
    expect(Math.abs(lin.total - 1)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(lin.perLayer - 1)).toBeLessThanOrEqual(0.05);
  });

  it("he by Monte Carlo: a 20-layer ReLU net with the drawn variance keeps the activation variance; 1/n_in halves it", () => {
    const rng = createRng(7);
    const picked = all({ difficulty: 1, mode: "he" })
      .map((inst) => ({ inst, ...parseFans(inst.prompt) }))
      .filter(({ nIn }) => nIn <= 200)
      .slice(0, 2);
    expect(picked.length).toBe(2);
    for (const { inst, nIn } of picked) {
      const he = propagate(rng, nIn, 20, inst.expected as number, relu);
      expect(Math.abs(he.perLayer - 1), `n_in ${nIn}: per-layer ratio ${he.perLayer}`).toBeLessThanOrEqual(0.1);
      expect(he.total).toBeGreaterThan(0.25);
      expect(he.total).toBeLessThan(4);
      // The "lecun" mistake's variance 1/n_in: every layer halves the second moment.
      const lecun = inst.mistakes.find((m) => m.id === "lecun")?.value as number;
      const halved = propagate(rng, nIn, 20, lecun, relu);
      expect(Math.abs(halved.perLayer - 0.5)).toBeLessThanOrEqual(0.05);
      expect(halved.total).toBeLessThan(1e-4);
    }
  });

  it.each(COMBOS.filter((p) => p.mode === "which"))("which: the letter fits the activation (%o)", (p) => {
    const seen = new Set<string>();
    all(p).forEach((inst, i) => {
      const act = parseActivation(inst.prompt);
      seen.add(act);
      const d = initVariance.sample(SEEDS[i] as number, p).d;
      expect(d.mode === "which" && d.activation).toBe(act);
      expect(inst.expected).toBe(act === "relu" || act === "leaky_relu" ? "B" : "A");
      expect(inst.answer).toEqual({ kind: "choice", options: ["A", "B", "C"] });
      for (const l of ["A", "B", "C"]) expect(inst.prompt).toContain(`**${l}.**`);
    });
    // No sigmoid: its slope ≤ 1/4 gives E[f'²] ≤ 1/16, and none of A–C keeps χ near 1 for it.
    expect([...seen].sort()).toEqual(p.difficulty === 1 ? ["relu", "tanh"] : ["leaky_relu", "relu", "tanh"]);
  });

  it.each(COMBOS.filter((p) => p.mode === "which"))("which: states the χ criterion and no false claim about tanh (%o)", (p) => {
    for (const inst of all(p)) {
      expect(inst.prompt).toContain("\\chi = n\\,\\operatorname{Var}(w)\\,\\mathbb E\\bigl[f'(z)^2\\bigr]");
      expect(inst.prompt).toMatch(/neither vanish nor explode geometrically/);
      // TeX commands keep their backslash (KaTeX would render a bare "operatorname" as text without complaint).
      for (const t of [inst.prompt, inst.solution, inst.hint, ...inst.mistakes.map((m) => m.explanation)]) {
        expect(t).not.toMatch(/(^|[^\\])(operatorname|mathbb|tfrac|chi\b|text\{in)/);
      }
      if (inst.expected !== "A") continue;
      const he = inst.mistakes.find((m) => m.id === "he-for-tanh")?.explanation ?? "";
      const n01 = inst.mistakes.find((m) => m.id === "standard-normal")?.explanation ?? "";
      // He + tanh settles at Var(z) ≈ 0.62 with χ ≈ 1.11 (gradients grow); N(0,1) saturates and χ ≫ 1.
      for (const t of [he, n01, inst.solution]) expect(t).not.toMatch(/gradients vanish|into saturation/);
      expect(he).toMatch(/\*\*grow\*\*/);
      // The shown fixed point and gain, against quadrature.
      const shownQ = Number(/\\operatorname\{Var\}\(z\) \\approx ([\d.]+)/.exec(he)?.[1]);
      const shownChi = Number(/\\chi \\approx ([\d.]+)/.exec(he)?.[1]);
      expect(Math.abs(shownQ - HE_TANH.q)).toBeLessThan(0.001);
      expect(Math.abs(shownChi - HE_TANH.chi)).toBeLessThan(0.001);
      expect(n01).toMatch(/\*\*explode\*\*/);
      expect(inst.solution).toMatch(/\*\*grow\*\*[\s\S]*\*\*explode\*\*/);
    }
  });

  it("which by quadrature: the stated tanh fixed point, gains and the N(0,1) estimate are right", () => {
    // He: the fixed point is a real one (Var(z) neither vanishes nor keeps doubling), and χ > 1 there.
    expect(Math.abs(2 * gauss(tanh2, HE_TANH.q) - HE_TANH.q)).toBeLessThan(1e-9);
    expect(HE_TANH.q).toBeGreaterThan(0.5);
    expect(HE_TANH.chi).toBeGreaterThan(1.05);
    // Xavier (n·Var(w) = 1) from unit-variance inputs: χ below 1 and rising, ≈ 0.90 at layer 10 and 0.97 at layer 30.
    let q = 1;
    const chi: number[] = [];
    for (let l = 0; l < 30; l++) {
      chi.push(gauss(fp2, q));
      q = gauss(tanh2, q);
    }
    expect(Math.abs((chi[9] as number) - 0.9)).toBeLessThan(0.01);
    expect(Math.abs((chi[29] as number) - 0.97)).toBeLessThan(0.01);
    expect(Math.abs(q - 1 / 60)).toBeLessThan(0.002);
    // N(0,1) (n·Var(w) = n): χ = n E[tanh'²] at the fixed point q ≈ n, against the stated (4/3)√(n/2π).
    for (const n of [128, 256, 512, 1024]) {
      let qn = n;
      for (let l = 0; l < 20; l++) qn = n * gauss(tanh2, qn);
      const exact = n * gauss(fp2, qn);
      expect(Math.abs(standardNormalTanhChi(n) - exact) / exact, `n = ${n}`).toBeLessThan(0.05);
      expect(exact).toBeGreaterThan(5);
    }
  });

  it("which by Monte Carlo: χ per layer in a real 30-layer net", () => {
    // Forward through a depth-L square net of width n (Gaussian weights, zero biases), then backpropagate four random
    // gradients; returns the settled Var(z) and the geometric mean of the per-layer gain over the `back` deepest layers
    // (one layer's gain fluctuates by ~10 % at n = 512; 20 layers × 4 vectors bring that to ~1 %).
    const gains = (rng: Rng, n: number, L: number, back: number, variance: number, f: (z: number) => number, fp: (z: number) => number) => {
      const Ws: Float64Array[] = [];
      const zs: Float64Array[] = [];
      let a = Float64Array.from({ length: n }, () => rng.gaussian());
      for (let l = 0; l < L; l++) {
        // Uniform weights of the same variance: the sums over n inputs are Gaussian anyway, and far cheaper to draw.
        const W = Float64Array.from({ length: n * n }, () => weight(rng, variance));
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += (W[i * n + j] as number) * (a[j] as number);
          z[i] = s;
        }
        Ws.push(W);
        zs.push(z);
        a = z.map(f);
      }
      const sq = (vs: Float64Array[]) => vs.reduce((t, v) => t + v.reduce((s, x) => s + x * x, 0), 0);
      let deltas = Array.from({ length: 4 }, () =>
        Float64Array.from({ length: n }, (_, i) => rng.gaussian() * fp((zs[L - 1] as Float64Array)[i] as number)),
      );
      const logs: number[] = [];
      for (let l = L - 1; l >= L - back; l--) {
        const W = Ws[l] as Float64Array;
        const z = zs[l - 1] as Float64Array;
        const next = deltas.map((delta) => {
          const out = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const di = delta[i] as number;
            for (let j = 0; j < n; j++) out[j] = (out[j] as number) + (W[i * n + j] as number) * di;
          }
          return out.map((v, j) => v * fp(z[j] as number));
        });
        logs.push(Math.log(sq(next) / sq(deltas)));
        deltas = next;
      }
      return { varZ: sq([zs[L - 1] as Float64Array]) / n, chi: Math.exp(logs.reduce((x, y) => x + y, 0) / logs.length) };
    };
    const rng = createRng(2026);
    const n = 512;
    const he = gains(rng, n, 30, 20, heVariance(n), Math.tanh, tanhPrime);
    expect(Math.abs(he.varZ - HE_TANH.q)).toBeLessThan(0.12);
    expect(he.chi).toBeGreaterThan(1.05);
    expect(he.chi).toBeLessThan(1.17);
    const xav = gains(rng, n, 30, 20, xavierVariance(n, n), Math.tanh, tanhPrime);
    // Var(z) drifts to 0 like 1/(2l), so χ rises from ≈ 0.90 (layer 10) to ≈ 0.97 (layer 30): below 1, not geometric.
    expect(xav.chi).toBeGreaterThan(0.9);
    expect(xav.chi).toBeLessThan(0.99);
    expect(xav.varZ).toBeLessThan(0.05);
    // N(0,1) saturates at once (Var(z) ≈ n), so a few layers suffice: χ ≈ 11 measured (12 in the wide limit), ≫ 1.
    const n01 = gains(rng, n, 8, 6, 1, Math.tanh, tanhPrime);
    expect(n01.varZ).toBeGreaterThan(0.8 * n);
    expect(n01.chi).toBeGreaterThan(6);
    const reluPrime = (z: number) => (z > 0 ? 1 : 0);
    expect(Math.abs(gains(rng, 256, 15, 10, heVariance(256), relu, reluPrime).chi - 1)).toBeLessThan(0.1);
    expect(Math.abs(gains(rng, 256, 15, 10, xavierVariance(256, 256), relu, reluPrime).chi - 0.5)).toBeLessThan(0.06);
    // The forward side for ReLU: He keeps the activation variance, Xavier halves it every layer.
    expect(Math.abs(propagate(rng, 200, 20, heVariance(200), relu).perLayer - 1)).toBeLessThanOrEqual(0.1);
    expect(propagate(rng, 200, 20, xavierVariance(200, 200), relu).total).toBeLessThan(1e-4);
    const leaky = (z: number) => (z > 0 ? z : 0.01 * z);
    expect(Math.abs(propagate(rng, 200, 20, heVariance(200), leaky).perLayer - 1)).toBeLessThanOrEqual(0.1);
  });

  it.each(COMBOS.filter((p) => p.mode !== "which"))("lists the scheme's required mistakes (%o)", (p) => {
    const want = p.mode === "xavier" ? ["lecun", "he-instead", "missing-two", "std-not-variance"] : ["lecun", "xavier-instead", "std-not-variance"];
    for (const inst of all(p)) expect(inst.mistakes.map((m) => m.id)).toEqual(expect.arrayContaining(want));
  });

  it.each(COMBOS.filter((p) => p.mode !== "which"))("the hint never shows the answer (%o)", (p) => {
    for (const inst of all(p)) expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
  });
});
