import { describe, expect, it } from "vitest";
import { batchNormForward, layerNormForward } from "@/lib/engine";
import { type Claim, describeClaims, EXACT, rx } from "../claims";

/**
 * The numbers of 18-normalisation-family (en and zh), each computed here:
 * LayerNorm by lib/engine, its gradient by central differences of the engine's
 * forward pass (not by layerNormBackward), RMSNorm by a direct loop (the
 * engine has none), and the statistics counts by walking every index of an
 * (N, C, H, W) tensor and grouping the indices that share one mean.
 */

const NOTE = "18-normalisation-family";
const X = [2, -1, 0, 3];
const ones = (n: number) => new Array<number>(n).fill(1);
const zeros = (n: number) => new Array<number>(n).fill(0);

/** LayerNorm's x̂ for one example (γ = 1, β = 0, ε = 0), by the engine. */
const lnHat = (x: readonly number[]) => layerNormForward(x, ones(x.length), zeros(x.length), 0).xHat;

/** RMSNorm with unit gain and ε = 0: x / √(mean of x²). */
function rmsNorm(x: readonly number[]): { rms: number; y: number[] } {
  let sq = 0;
  for (const v of x) sq += v * v;
  const rms = Math.sqrt(sq / x.length);
  return { rms, y: x.map((v) => v / rms) };
}

/** ∂C/∂x for C = Σ g_i y_i through LayerNorm, by central differences of the engine's forward pass. */
function lnGradByDifferences(x: readonly number[], g: readonly number[], h = 1e-6): number[] {
  const C = (v: readonly number[]) => lnHat(v).reduce((s, y, i) => s + (g[i] as number) * y, 0);
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] = (up[i] as number) + h;
    down[i] = (down[i] as number) - h;
    return (C(up) - C(down)) / (2 * h);
  });
}

type Method = "bn" | "ln" | "gn" | "in";
/**
 * Walks every index (n, c, h, w) of an N×C×H×W tensor and groups them by the
 * statistics they share; returns the number of groups and the size of each
 * (all equal here).
 */
function statisticsSets(method: Method, N: number, C: number, H: number, W: number, G = 1): { count: number; size: number } {
  const sets = new Map<string, number>();
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const key =
            method === "bn" ? `c${c}` : method === "ln" ? `n${n}` : method === "gn" ? `n${n}g${Math.floor(c / (C / G))}` : `n${n}c${c}`;
          sets.set(key, (sets.get(key) ?? 0) + 1);
        }
  const sizes = new Set(sets.values());
  expect(sizes.size).toBe(1);
  return { count: sets.size, size: [...sizes][0] as number };
}
/** The same partition of indices (as a canonical string), to compare GroupNorm with LayerNorm and InstanceNorm. */
function partition(method: Method, N: number, C: number, G = 1): string {
  const owner: string[] = [];
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) owner.push(method === "ln" ? `n${n}` : method === "in" ? `n${n}c${c}` : `n${n}g${Math.floor(c / (C / G))}`);
  const first = new Map<string, number>();
  return owner.map((k, i) => (first.has(k) ? first.get(k) : (first.set(k, i), i))).join(",");
}
/** The number of groups G (a divisor of C) for which GroupNorm groups indices exactly as `target` does. */
function groupsMatching(target: Method, C: number): number {
  const want = partition(target, 2, C);
  const hits = [];
  for (let G = 1; G <= C; G++) if (C % G === 0 && partition("gn", 2, C, G) === want) hits.push(G);
  expect(hits).toHaveLength(1);
  return hits[0] as number;
}

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "N = 8, C = 64, H = W = 32: BN 64 means over 8192 values, LN 8 over 65536, GN (G = 32) 256 over 2048",
    anchor: { en: "Concretely, for", zh: "举个具体的尺寸" },
    find: {
      en: rx(
        String.raw`\$N = {N:N}\$, \$C = {N:C}\$, \$H = W = {N:H}\$: BatchNorm computes {N:bnCount} means, each over \$8 \\cdot 32 \\cdot 32 = {N:bnSize}\$ values; LayerNorm computes {N:lnCount} means, each over {N:lnSize} values; GroupNorm with \$G = {N:G}\$ computes {N:gnCount} means, each over {N:gnSize} values\. GroupNorm with \$G = {N:gOne}\$ is LayerNorm`,
      ),
      zh: rx(
        String.raw`\$N = {N:N}\$，\$C = {N:C}\$，\$H = W = {N:H}\$。批归一化算 {N:bnCount} 个均值，每个覆盖 \$8 \\cdot 32 \\cdot 32 = {N:bnSize}\$ 个数；层归一化算 {N:lnCount} 个均值，每个覆盖 {N:lnSize} 个数；\$G = {N:G}\$ 的组归一化算 {N:gnCount} 个均值，每个覆盖 {N:gnSize} 个数。组归一化取 \$G = {N:gOne}\$ 就是`,
      ),
    },
    compute: (w) => {
      const [N, C, H, G] = [w.N, w.C, w.H, w.G] as number[];
      const bn = statisticsSets("bn", N!, C!, H!, H!);
      const ln = statisticsSets("ln", N!, C!, H!, H!);
      const gn = statisticsSets("gn", N!, C!, H!, H!, G);
      return {
        N: 8,
        C: 64,
        H: 32,
        G: 32,
        bnCount: bn.count,
        bnSize: bn.size,
        lnCount: ln.count,
        lnSize: ln.size,
        gnCount: gn.count,
        gnSize: gn.size,
        gOne: groupsMatching("ln", C!),
      };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "GroupNorm with G = C groups indices exactly as InstanceNorm does (and only then)",
    anchor: { en: "Concretely, for", zh: "举个具体的尺寸" },
    find: { en: rx(String.raw`with \$G = (C)\$ it is InstanceNorm`), zh: rx(String.raw`取 \$G = (C)\$ 就是实例归一化`) },
    parse: () => 64,
    compute: () => groupsMatching("in", 64),
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "LayerNorm of x = (2, −1, 0, 3): μ = 1, squared deviations (1, 4, 1, 4), σ² = 2.5, σ ≈ 1.581, x̂, mean 0, variance 1",
    anchor: { en: "## Worked example: LayerNorm against RMSNorm", zh: "## 数值例子：层归一化对比均方根归一化" },
    find: rx(
      String.raw`\$x = \({N:a}, {N:b}, {N:c}, {N:d}\)\$.*?\\mu = {N:mu}\$.*?\\tfrac14\({N:d1} \+ {N:d2} \+ {N:d3} \+ {N:d4}\) = {N:var}\$.*?\\sigma \\approx {N:sd}\$.*?\\hat x \\approx \({N:x1}, {N:x2}, {N:x3}, {N:x4}\)\$.*?(?:with mean|均值为) {N:m0}.*?(?:variance|方差为) {N:v1}`,
    ),
    compute: (w) => {
      const x = [w.a, w.b, w.c, w.d] as number[];
      const ln = layerNormForward(x, ones(4), zeros(4), 0);
      const [d1, d2, d3, d4] = x.map((v) => (v - ln.mean) ** 2) as number[];
      const [x1, x2, x3, x4] = ln.xHat as number[];
      const m0 = ln.xHat.reduce((s, v) => s + v, 0) / 4;
      const v1 = ln.xHat.reduce((s, v) => s + (v - m0) ** 2, 0) / 4;
      return { a: 2, b: -1, c: 0, d: 3, mu: ln.mean, d1: d1!, d2: d2!, d3: d3!, d4: d4!, var: ln.variance, sd: Math.sqrt(ln.variance), x1: x1!, x2: x2!, x3: x3!, x4: x4!, m0, v1 };
    },
    tol: { a: EXACT, b: EXACT, c: EXACT, d: EXACT, mu: EXACT, d1: EXACT, d2: EXACT, d3: EXACT, d4: EXACT, var: EXACT, m0: EXACT, v1: EXACT },
  },
  {
    note: NOTE,
    claim: "RMSNorm of the same x: mean square 14/4, RMS ≈ 1.871, y ≈ (1.069, −0.535, 0, 1.604), output mean ≈ 0.535",
    anchor: { en: "## Worked example: LayerNorm against RMSNorm", zh: "## 数值例子：层归一化对比均方根归一化" },
    find: rx(String.raw`\\sqrt\{{F:ms}\} \\approx {N:rms}\$.*?y \\approx \({N:y1}, {N:y2}, {N:y3}, {N:y4}\)\$.*?(?:mean is about|均值约为) \${N:ymean}\$`),
    compute: () => {
      const r = rmsNorm(X);
      const [y1, y2, y3, y4] = r.y as number[];
      return { ms: r.rms ** 2, rms: r.rms, y1: y1!, y2: y2!, y3: y3!, y4: y4!, ymean: r.y.reduce((s, v) => s + v, 0) / 4 };
    },
    tol: { ms: 1e-12, y3: EXACT },
  },
  {
    note: NOTE,
    claim: "x + 10 = (12, 9, 10, 13): LayerNorm's x̂ unchanged, RMSNorm ≈ (1.080, 0.810, 0.900, 1.170)",
    anchor: { en: "## Worked example: LayerNorm against RMSNorm", zh: "## 数值例子：层归一化对比均方根归一化" },
    find: rx(String.raw`x \+ {N:shift} = \({N:s1}, {N:s2}, {N:s3}, {N:s4}\)\$.*?y \\approx \({N:r1}, {N:r2}, {N:r3}, {N:r4}\)\$`),
    compute: (w) => {
      const shifted = X.map((v) => v + (w.shift as number));
      const before = lnHat(X);
      lnHat(shifted).forEach((v, i) => expect(v).toBeCloseTo(before[i] as number, 12));
      const [r1, r2, r3, r4] = rmsNorm(shifted).y as number[];
      const [s1, s2, s3, s4] = X.map((v) => v + 10) as number[];
      return { shift: 10, s1: s1!, s2: s2!, s3: s3!, s4: s4!, r1: r1!, r2: r2!, r3: r3!, r4: r4! };
    },
    tol: { shift: EXACT, s1: EXACT, s2: EXACT, s3: EXACT, s4: EXACT },
  },
  {
    note: NOTE,
    claim: "∂C/∂y = (1, 0, 0, 0) through that LayerNorm: ∂C/∂x ≈ (0.411, −0.032, −0.095, −0.285), summing to 0 (central differences)",
    anchor: { en: "The backward pass shows", zh: "反向传播能看出" },
    find: rx(
      String.raw`\\partial C/\\partial y = \({N:g1}, {N:g2}, {N:g3}, {N:g4}\)\$.*?\\partial C/\\partial x \\approx \({N:dx1}, {N:dx2}, {N:dx3}, {N:dx4}\)\$.*?(?:sums to|之和为) {N:sum}`,
    ),
    compute: (w) => {
      const g = [w.g1, w.g2, w.g3, w.g4] as number[];
      const dx = lnGradByDifferences(X, g);
      const xh = lnHat(X);
      expect(dx.reduce((s, v, i) => s + v * (xh[i] as number), 0)).toBeCloseTo(0, 8);
      const [dx1, dx2, dx3, dx4] = dx as number[];
      return { g1: 1, g2: 0, g3: 0, g4: 0, dx1: dx1!, dx2: dx2!, dx3: dx3!, dx4: dx4!, sum: dx.reduce((s, v) => s + v, 0) };
    },
    tol: { g1: EXACT, g2: EXACT, g3: EXACT, g4: EXACT, sum: 1e-8 },
  },
  {
    note: NOTE,
    claim: "PyTorch momentum m = 0.1: a batch keeps weight (1 − m)^k = 0.9^k, below 1 % after 44 updates",
    anchor: { en: "**BatchNorm** needs a batch", zh: "批归一化离不开批次" },
    find: {
      en: rx(String.raw`momentum \$m = {N:m}\$.*?weight in the running mean is \${N:keep}\^k\$ after \$k\$ more updates, below {N:pct} % after {N:k} updates`),
      zh: rx(String.raw`动量 \$m = {N:m}\$.*?\${N:keep}\^k\$，{N:k} 次更新后就不到 {N:pct} %`),
    },
    compute: (w) => {
      // Run the update r ← (1 − m) r + m μ with a batch mean of 1 once, then of 0, and watch that batch's share.
      const m = w.m as number;
      let share = m;
      let k = 0;
      while (share / m >= (w.pct as number) / 100) {
        share = (1 - m) * share + m * 0;
        k++;
      }
      return { m: 0.1, keep: 1 - m, pct: 1, k };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: variance 2.5, RMS √3.5 ≈ 1.871 for x = (2, −1, 0, 3)",
    anchor: "^ln-rms-worked",
    find: rx(String.raw`\$x = \({N:a}, {N:b}, {N:c}, {N:d}\)\$.*?==\${N:var}\$==.*?\\sqrt\{{N:ms}\} \\approx {N:rms}\$==`),
    compute: (w) => {
      const x = [w.a, w.b, w.c, w.d] as number[];
      const r = rmsNorm(x);
      return { a: 2, b: -1, c: 0, d: 3, var: layerNormForward(x, ones(4), zeros(4), 0).variance, ms: r.rms ** 2, rms: r.rms };
    },
    tol: { a: EXACT, b: EXACT, c: EXACT, d: EXACT, var: EXACT, ms: 1e-12 },
  },
  {
    note: NOTE,
    claim: "card: GroupNorm with G = 1 group is LayerNorm over (C, H, W)",
    anchor: "^gn-limits",
    find: rx(String.raw`==\$G = {N}\$==`),
    compute: () => groupsMatching("ln", 64),
    tol: EXACT,
  },
];

describeClaims("numbers in 18-normalisation-family match lib/engine", claims, { notes: 1, minEdits: 100 });

describe("18-normalisation-family: statements checked without a number", () => {
  it("a fully connected BatchNorm layer in training mode outputs β for a batch of one, whatever the input", () => {
    for (const x of [-3, 0.2, 17]) expect(batchNormForward([[x]], [2], [0.7], 1e-5).y[0]![0]).toBeCloseTo(0.7, 12);
  });
  it("LayerNorm is invariant to scaling one example's features, RMSNorm too, but only LayerNorm to shifting them", () => {
    const scaled = X.map((v) => 3 * v);
    lnHat(scaled).forEach((v, i) => expect(v).toBeCloseTo(lnHat(X)[i] as number, 12));
    rmsNorm(scaled).y.forEach((v, i) => expect(v).toBeCloseTo(rmsNorm(X).y[i] as number, 12));
    expect(Math.abs((rmsNorm(X.map((v) => v + 1)).y[0] as number) - (rmsNorm(X).y[0] as number))).toBeGreaterThan(0.01);
  });
});
