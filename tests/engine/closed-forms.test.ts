import { describe, expect, it } from "vitest";
import {
  batchNormBackward,
  batchNormForward,
  clipByGlobalNorm,
  createRng,
  EngineError,
  explodingWindow,
  FeedforwardNet,
  heNormal,
  heUniform,
  heVariance,
  MAX_SIGMOID_PRIME,
  type Matrix,
  sigmoidPrime,
  xavierNormal,
  xavierUniform,
  xavierVariance,
} from "@/lib/engine";
import { centralDiff, expectClose, randomMatrix, randomVector } from "./helpers";

/**
 * Every closed form the notes quote, checked against a numerical method that
 * does not use the formula: grids, golden-section search, bisection,
 * Monte-Carlo draws and central finite differences. The sigmoid below is
 * written out here (not imported) so the numerical side shares nothing with
 * the engine.
 */
const sig = (u: number): number => 1 / (1 + Math.exp(-u));
const sigPrime = (u: number): number => sig(u) * (1 - sig(u));

/** Golden-section search for the maximiser of a unimodal f on [a, b]. */
function goldenMax(f: (x: number) => number, a: number, b: number, iters = 200): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    }
  }
  return (lo + hi) / 2;
}

/** Root of f on [a, b] by bisection, given f(a) and f(b) of opposite signs; runs until the bracket stops shrinking. */
function bisect(f: (x: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  const fa = f(lo);
  expect(Math.sign(fa) * Math.sign(f(hi))).toBeLessThan(0);
  for (let i = 0; i < 2000; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(f(mid)) === Math.sign(fa)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The window {x : |w σ′(wx + b)| ≥ 1} found numerically: g(x) = |w|σ′(wx+b) − 1
 * peaks at x* = −b/w with g(x*) = |w|/4 − 1 and decreases on both sides, so
 * one bisection on each side of x* finds the two ends.
 */
function windowByBisection(w: number, b: number): { lo: number; hi: number; width: number } {
  const g = (x: number): number => Math.abs(w) * sigPrime(w * x + b) - 1;
  const peak = -b / w;
  const reach = 60 / Math.abs(w); // |wx + b| = 60 puts σ′ far below 1/|w|
  const left = bisect(g, peak - reach, peak);
  const right = bisect(g, peak, peak + reach);
  return { lo: left, hi: right, width: right - left };
}

describe("max σ′ = 1/4", () => {
  it("a dense grid on [−10, 10] finds the maximum 1/4 at z = 0", () => {
    let best = -Infinity;
    let arg = NaN;
    for (let i = -200_000; i <= 200_000; i++) {
      const z = i * 5e-5;
      const v = sigPrime(z);
      if (v > best) {
        best = v;
        arg = z;
      }
    }
    expect(arg).toBe(0);
    expect(best).toBe(0.25);
    expect(MAX_SIGMOID_PRIME).toBe(best);
  });

  it("golden-section search converges to z = 0, and the engine's σ′ never exceeds 1/4", () => {
    const z = goldenMax(sigPrime, -7, 3);
    expect(Math.abs(z)).toBeLessThan(1e-7);
    expectClose(sigPrime(z), MAX_SIGMOID_PRIME, 1e-14, 0);
    expect(sigmoidPrime(0)).toBe(MAX_SIGMOID_PRIME);
    const rng = createRng(1);
    let worst = 0;
    for (let i = 0; i < 10_000; i++) worst = Math.max(worst, sigmoidPrime(rng.gaussian(0, 5)));
    expect(worst).toBeLessThanOrEqual(MAX_SIGMOID_PRIME);
  });
});

describe("exploding window |w σ′(wx + b)| ≥ 1", () => {
  const cases: [number, number][] = [
    [4.000001, 0],
    [4.01, 0.3],
    [5, 0],
    [6.9, -1.2],
    [-6.9, 0.7],
    [10, 2],
    [-25, -3],
    [100, 0.5],
    [1e4, 1],
  ];

  it.each(cases)("w = %s, b = %s: ends and width match bisection", (w, b) => {
    const r = explodingWindow(w, b);
    expect(r).not.toBeNull();
    const num = windowByBisection(w, b);
    // The ends sit near −b/w, so compare them on the scale of the window.
    const scale = Math.max(num.width, Math.abs(b / w));
    expect(Math.abs(r!.lo - num.lo)).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
    expect(Math.abs(r!.hi - num.hi)).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
    expectClose(r!.width, num.width, 1e-7, 1e-13, "width");
    expectClose(r!.hi - r!.lo, r!.width, 1e-9, 1e-15, "hi − lo");
    // Inside the window the factor is ≥ 1, just outside it is < 1.
    const factor = (x: number): number => Math.abs(w) * sigPrime(w * x + b);
    expect(factor((r!.lo + r!.hi) / 2)).toBeGreaterThanOrEqual(1);
    expect(factor(r!.hi + 1e-3 * r!.width + 1e-9)).toBeLessThan(1);
    expect(factor(r!.lo - 1e-3 * r!.width - 1e-9)).toBeLessThan(1);
  });

  it("matches the textbook form width = (2/|w|) ln(|w|(1 + √(1 − 4/|w|))/2 − 1)", () => {
    for (const w of [4.5, 5, 6, 6.9, 8, 12, 50, 400]) {
      const textbook = (2 / w) * Math.log((w * (1 + Math.sqrt(1 - 4 / w))) / 2 - 1);
      expectClose(explodingWindow(w)!.width, textbook, 1e-12, 0, `w=${w}`);
      expectClose(explodingWindow(-w, 0.3)!.width, textbook, 1e-12, 0, `w=${-w}`);
    }
  });

  it("is null for |w| < 4, where a dense scan shows |w σ′| < 1 everywhere", () => {
    for (const w of [0, 0.5, -1, 3, -3.99, 3.999999]) {
      expect(explodingWindow(w, 0.4)).toBeNull();
      let best = 0;
      for (let i = -20_000; i <= 20_000; i++) best = Math.max(best, Math.abs(w) * sigPrime(w * (i * 1e-3) + 0.4));
      expect(best).toBeLessThan(1);
    }
    expect(explodingWindow(4)!.width).toBe(0);
    expect(explodingWindow(4, 1)!.lo).toBe(-0.25);
  });

  it("the widest window is ≈ 0.448, reached near |w| ≈ 6.9 (scan of the bisection widths)", () => {
    // Coarse scan of the numerically found width, then golden section around the best point.
    let bestW = 4;
    let best = 0;
    for (let w = 4.05; w <= 20; w += 0.05) {
      const width = windowByBisection(w, 0).width;
      if (width > best) {
        best = width;
        bestW = w;
      }
    }
    const wStar = goldenMax((w) => windowByBisection(w, 0).width, bestW - 0.1, bestW + 0.1, 80);
    const maxWidth = windowByBisection(wStar, 0).width;
    expect(wStar).toBeGreaterThan(6.85);
    expect(wStar).toBeLessThan(6.95);
    expect(maxWidth).toBeCloseTo(0.4477, 4);
    // The closed form agrees at the maximiser and nowhere exceeds it.
    expectClose(explodingWindow(wStar)!.width, maxWidth, 1e-8, 0);
    for (let w = 4; w <= 200; w *= 1.01) expect(explodingWindow(w)!.width).toBeLessThanOrEqual(maxWidth * (1 + 1e-9));
  });

  it("rejects non-finite w and b", () => {
    expect(() => explodingWindow(Number.NaN)).toThrow(/^w: /);
    expect(() => explodingWindow(5, Infinity)).toThrow(/^b: /);
  });
});

describe("clipByGlobalNorm", () => {
  const plainNorm = (ts: readonly (number[] | number[][])[]): number =>
    Math.sqrt(ts.reduce<number>((s, t) => s + (t as (number | number[])[]).flat().reduce((a: number, v: number) => a + v * v, 0), 0));

  it("leaves gradients untouched below (and at) the threshold", () => {
    const g = [[[3, 0], [0, 0]], [4]] as const;
    const r = clipByGlobalNorm(g, 5);
    expect(r.globalNorm).toBe(5);
    expect(r.scale).toBe(1);
    expect(r.clipped).toEqual([[[3, 0], [0, 0]], [4]]);
    const below = clipByGlobalNorm([[1, 2, 2]], 10);
    expect(below.globalNorm).toBe(3);
    expect(below.clipped).toEqual([[1, 2, 2]]);
  });

  it("above the threshold: one common factor τ/‖g‖, direction kept, new global norm = τ (several tensors)", () => {
    const rng = createRng(31);
    for (let trial = 0; trial < 20; trial++) {
      const dW1 = randomMatrix(rng, 4, 3, 2);
      const db1 = randomVector(rng, 4, 2);
      const dW2 = randomMatrix(rng, 2, 4, 2);
      const db2 = randomVector(rng, 2, 2);
      const ts = [dW1, db1, dW2, db2];
      const norm = plainNorm(ts);
      const tau = norm * rng.uniform(0.05, 0.95);
      const r = clipByGlobalNorm([dW1, db1, dW2, db2] as const, tau);
      expectClose(r.globalNorm, norm, 1e-13, 0, "globalNorm");
      expectClose(r.scale, tau / norm, 1e-13, 0, "scale");
      const [cW1, cb1, cW2, cb2] = r.clipped;
      expectClose(cW1, dW1.map((row) => row.map((v) => (v * tau) / norm)), 1e-13, 1e-300, "dW1");
      expectClose(cb1, db1.map((v) => (v * tau) / norm), 1e-13, 1e-300, "db1");
      expectClose(cW2, dW2.map((row) => row.map((v) => (v * tau) / norm)), 1e-13, 1e-300, "dW2");
      expectClose(cb2, db2.map((v) => (v * tau) / norm), 1e-13, 1e-300, "db2");
      expectClose(plainNorm([cW1, cb1, cW2, cb2]), tau, 1e-13, 0, "norm after clipping");
      // Same direction: the cosine between the flattened old and new gradients is 1.
      const a = ts.flat(2) as number[];
      const b = [cW1, cb1, cW2, cb2].flat(2) as number[];
      const cos = a.reduce((s, v, i) => s + v * b[i]!, 0) / (plainNorm([a]) * plainNorm([b]));
      expectClose(cos, 1, 1e-14, 0, "cosine");
      // Shapes are kept.
      expect(cW1).toHaveLength(4);
      expect(cW1[0]).toHaveLength(3);
      expect(cb2).toHaveLength(2);
    }
  });

  it("stays finite for exploding gradients whose squares overflow", () => {
    const r = clipByGlobalNorm([[3e200, -4e200], [[0, 1e200]]], 1);
    expect(Number.isFinite(r.globalNorm)).toBe(true);
    expectClose(r.globalNorm, Math.sqrt(26) * 1e200, 1e-14, 0);
    expectClose(plainNorm(r.clipped as unknown as number[][]), 1, 1e-14, 0);
    const zero = clipByGlobalNorm([[0, 0]], 1);
    expect(zero).toEqual({ clipped: [[0, 0]], globalNorm: 0, scale: 1 });
  });

  it("names the bad field", () => {
    expect(() => clipByGlobalNorm([[1]], 0)).toThrow(EngineError);
    expect(() => clipByGlobalNorm([[1]], -1)).toThrow(/^maxNorm: /);
    expect(() => clipByGlobalNorm([[1, 2], [[1, Number.NaN]]], 1)).toThrow(/^tensors\[1\]\[0\]\[1\]: expected a finite number/);
  });
});

describe("Xavier and He initialisation", () => {
  it("variance formulas 2/(n_in + n_out) and 2/n_in", () => {
    expect(xavierVariance(784, 30)).toBe(2 / 814);
    expect(xavierVariance(1, 1)).toBe(1);
    expect(heVariance(784)).toBe(2 / 784);
    expect(heVariance(2)).toBe(1);
    expect(() => xavierVariance(0, 3)).toThrow(/^nIn: /);
    expect(() => xavierVariance(3, 1.5)).toThrow(/^nOut: /);
    expect(() => heVariance(-2)).toThrow(/^nIn: /);
  });

  // 100 000 draws each: the sample variance has relative sd √(2/N) ≈ 0.45 % for a
  // Gaussian and ≈ 0.28 % for a uniform, so 2 % is > 4 sd; the kurtosis
  // E[w⁴]/Var² (3 Gaussian, 9/5 uniform) tells the two shapes apart.
  const nIn = 400;
  const nOut = 250;
  const samplers: [string, (seed: number) => Matrix, number, "normal" | "uniform"][] = [
    ["xavierNormal", (s) => xavierNormal(createRng(s), nIn, nOut), 2 / (nIn + nOut), "normal"],
    ["xavierUniform", (s) => xavierUniform(createRng(s), nIn, nOut), 2 / (nIn + nOut), "uniform"],
    ["heNormal", (s) => heNormal(createRng(s), nIn, nOut), 2 / nIn, "normal"],
    ["heUniform", (s) => heUniform(createRng(s), nIn, nOut), 2 / nIn, "uniform"],
  ];

  it.each(samplers)("%s: 100k draws have mean 0 and the formula's variance", (_name, draw, variance, shape) => {
    const W = draw(77);
    expect(W).toHaveLength(nOut);
    expect(W[0]).toHaveLength(nIn);
    const xs = W.flat();
    const N = xs.length;
    expect(N).toBe(100_000);
    const mean = xs.reduce((s, v) => s + v, 0) / N;
    const m2 = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (N - 1);
    const m4 = xs.reduce((s, v) => s + (v - mean) ** 4, 0) / N;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m2 / variance - 1)).toBeLessThan(0.02);
    const kurtosis = m4 / (m2 * m2);
    if (shape === "normal") {
      expect(Math.abs(kurtosis - 3)).toBeLessThan(0.1);
    } else {
      expect(Math.abs(kurtosis - 1.8)).toBeLessThan(0.05);
      const l = Math.sqrt(3 * variance);
      expect(Math.max(...xs)).toBeLessThan(l);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(-l);
      expect(Math.max(...xs)).toBeGreaterThan(0.999 * l);
    }
    // Same seed, same weights; another seed, other weights.
    expect(draw(77)).toEqual(W);
    expect(draw(78)[0]![0]).not.toBe(W[0]![0]);
  });

  /**
   * Forward second moments through 20 ReLU layers (zero biases, a batch of 32
   * Gaussian inputs). With Var(w) = v the law is
   *   E[z_l²] = n_in v E[a_{l−1}²],  E[a_l²] = E[z_l²]/2  (relu keeps half),
   * so He (v = 2/n_in) keeps E[a²] constant and Xavier on a square relu stack
   * (v = 1/n) halves it at every layer.
   *
   * For one network of finite width n the per-layer gain is 1 only in
   * expectation over the weights: relu(z)² has relative variance 5, so each
   * layer's gain has a relative sd of about √(5/n) (≈ 0.14 at n = 256) and
   * E[a_20²]/E[a_0²] of a single net wanders by a factor ~2 (seeds 90–97 give
   * 0.4–4.3 at n = 256). So the law is checked pooled over the 20 layers
   * (sd ≈ 0.03, tolerance 10 %), and the end-to-end ratio only as "neither
   * vanishes nor explodes", against Xavier's 2⁻²⁰.
   */
  function secondMoments(init: "he" | "xavier", n: number): { z: number[]; a: number[]; prev: number[] } {
    const B = 32;
    const rng = createRng(init === "he" ? 90 : 91);
    const layers = Array.from({ length: 20 }, () => ({
      W: init === "he" ? heNormal(rng, n, n) : xavierNormal(rng, n, n),
      b: new Array<number>(n).fill(0),
      activation: "relu" as const,
    }));
    const X = Float64Array.from({ length: B * n }, () => rng.gaussian());
    const r = FeedforwardNet.fromSpec({ layers }).run(X, new Float64Array(B * n), B, { inputGrad: false });
    const ms = (xs: Float64Array): number => xs.reduce((s, v) => s + v * v, 0) / xs.length;
    const a = r.layers.map((l) => ms(l.a));
    return { z: r.layers.map((l) => ms(l.z)), a, prev: [ms(X), ...a.slice(0, -1)] };
  }

  const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

  it("He keeps the ReLU activation second moment: E[z²] = 2E[a_prev²], E[a²] = E[z²]/2, gain 1 per layer", () => {
    const { z, a, prev } = secondMoments("he", 256);
    // Variance propagation n_in·Var(w)·E[a_prev²] = 2E[a_prev²], pooled over the layers.
    expect(Math.abs(mean(z.map((v, l) => v / (2 * prev[l]!))) - 1)).toBeLessThan(0.1);
    // relu keeps half of a symmetric pre-activation's second moment.
    expect(Math.abs(a.reduce((s, v) => s + v, 0) / z.reduce((s, v) => s + v / 2, 0) - 1)).toBeLessThan(0.1);
    // So the mean gain per layer E[a_l²]/E[a_{l−1}²] is 1 …
    expect(Math.abs(mean(a.map((v, l) => v / prev[l]!)) - 1)).toBeLessThan(0.1);
    // … and after 20 layers the second moment is still O(1).
    const end = a[19]! / prev[0]!;
    expect(end).toBeGreaterThan(0.2);
    expect(end).toBeLessThan(5);
  });

  it("Xavier on a square ReLU stack halves the second moment per layer: ≈ 2⁻²⁰ after 20 layers", () => {
    const { z, a, prev } = secondMoments("xavier", 128);
    expect(Math.abs(mean(z.map((v, l) => v / prev[l]!)) - 1)).toBeLessThan(0.1); // n·(1/n) = 1
    expect(Math.abs(mean(a.map((v, l) => v / prev[l]!)) - 0.5)).toBeLessThan(0.05);
    const end = a[19]! / prev[0]!;
    expect(end).toBeLessThan(1e-4);
    expect(end).toBeGreaterThan(1e-8);
  });
});

describe("BatchNorm (training mode) on a small batch", () => {
  const rng = createRng(61);
  const B = 5;
  const N = 3;
  const x = randomMatrix(rng, B, N, 2).map((row) => row.map((v, j) => v + j)); // distinct means per feature
  const gamma = randomVector(rng, N, 1);
  const beta = randomVector(rng, N, 1);
  const eps = 1e-5;

  it("forward matches plain arithmetic: batch mean, biased variance, normalise, scale and shift", () => {
    const f = batchNormForward(x, gamma, beta, eps);
    for (let j = 0; j < N; j++) {
      const col = x.map((row) => row[j]!);
      const mu = col.reduce((s, v) => s + v, 0) / B;
      const v = col.reduce((s, c) => s + (c - mu) ** 2, 0) / B;
      expectClose(f.mean[j]!, mu, 1e-14, 1e-15, `mean[${j}]`);
      expectClose(f.variance[j]!, v, 1e-13, 0, `variance[${j}]`);
      for (let i = 0; i < B; i++) {
        const xh = (x[i]![j]! - mu) / Math.sqrt(v + eps);
        expectClose(f.xHat[i]![j]!, xh, 1e-12, 1e-15, `xHat[${i}][${j}]`);
        expectClose(f.y[i]![j]!, gamma[j]! * xh + beta[j]!, 1e-12, 1e-15, `y[${i}][${j}]`);
      }
      // Output statistics: mean β, variance γ² σ²/(σ² + ε).
      const ys = f.y.map((row) => row[j]!);
      const my = ys.reduce((s, c) => s + c, 0) / B;
      expectClose(my, beta[j]!, 1e-12, 1e-14, `mean of y[*][${j}]`);
      expectClose(ys.reduce((s, c) => s + (c - my) ** 2, 0) / B, (gamma[j]! ** 2 * v) / (v + eps), 1e-12, 0);
    }
  });

  it("backward matches central finite differences of C = Σ g ⊙ y for dx, dγ, dβ", () => {
    const g = randomMatrix(rng, B, N, 1);
    const C = (xx: number[][], gg: number[], bb: number[]): number =>
      batchNormForward(xx, gg, bb, eps).y.reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * g[i]![j]!, 0), 0);
    const grads = batchNormBackward(g, batchNormForward(x, gamma, beta, eps));
    const close = (a: number, fd: number, name: string): void => {
      expect(Math.abs(a - fd), `${name}: ${a} vs fd ${fd}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
    };
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < N; j++) {
        const fd = centralDiff((h) => {
          const xx = structuredClone(x);
          xx[i]![j]! += h;
          return C(xx, gamma, beta);
        }, 1e-5);
        close(grads.dx[i]![j]!, fd, `dx[${i}][${j}]`);
      }
    }
    for (let j = 0; j < N; j++) {
      close(grads.dgamma[j]!, centralDiff((h) => C(x, gamma.map((v, k) => (k === j ? v + h : v)), beta), 1e-5), `dgamma[${j}]`);
      close(grads.dbeta[j]!, centralDiff((h) => C(x, gamma, beta.map((v, k) => (k === j ? v + h : v))), 1e-5), `dbeta[${j}]`);
    }
    // Invariants of the exact gradient: Σ_i dx_ij = 0 and Σ_i dx_ij x̂_ij = 0
    // (a shift or a rescale of one feature's column leaves y unchanged, up to ε).
    const f = batchNormForward(x, gamma, beta, eps);
    for (let j = 0; j < N; j++) {
      const s0 = grads.dx.reduce((s, row) => s + row[j]!, 0);
      const s1 = grads.dx.reduce((s, row, i) => s + row[j]! * f.xHat[i]![j]!, 0);
      expect(Math.abs(s0)).toBeLessThan(1e-12);
      expect(Math.abs(s1)).toBeLessThan(1e-5); // exactly 0 only when ε = 0
    }
    const exact = batchNormBackward(g, batchNormForward(x, gamma, beta, 0));
    const fx = batchNormForward(x, gamma, beta, 0);
    for (let j = 0; j < N; j++) expect(Math.abs(exact.dx.reduce((s, row, i) => s + row[j]! * fx.xHat[i]![j]!, 0))).toBeLessThan(1e-12);
  });

  it("names bad fields", () => {
    expect(() => batchNormForward(x, [1, 2], beta)).toThrow(/^gamma: expected length 3, got 2/);
    expect(() => batchNormForward([[1, 2], [3]], [1, 1], [0, 0])).toThrow(/^x\[1\]: /);
    expect(() => batchNormForward([[1], [1]], [1], [0], 0)).toThrow(/^x\[\*\]\[0\]: /);
    expect(() => batchNormBackward([[1, 2, 3]], batchNormForward(x, gamma, beta))).toThrow(/^dy: expected 5 rows/);
  });
});
