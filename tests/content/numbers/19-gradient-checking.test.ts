import { describe, expect, it } from "vitest";
import { gradientCheckError, relu, reluPrime } from "@/lib/engine";
import { block, CELLS, type Claim, describeClaims, EXACT, rx, source, word } from "../claims";
import { goldenMax } from "../numeric";

/**
 * The numbers of 19-gradient-checking (en and zh), each computed here: finite
 * differences run in float64 (and float32 through Math.fround), the machine
 * epsilons found by halving until 1 + ε/2 rounds to 1, the optimal step by a
 * golden-section search on the error model, and relative errors by a direct
 * loop (cross-checked against lib/engine's gradientCheckError).
 */

const NOTE = "19-gradient-checking";
/** f(x) = x³ as plain float64 products, so the round-off in the table is reproducible. */
const cube = (t: number) => t * t * t;
const forwardDiff = (f: (t: number) => number, x: number, h: number) => (f(x + h) - f(x)) / h;
const centralDiff = (f: (t: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const cubeErrors = (h: number) => [Math.abs(forwardDiff(cube, 1, h) - 3), Math.abs(centralDiff(cube, 1, h) - 3)] as const;

/** The machine epsilon of a format: the spacing of floats just above 1, found by halving. */
function machineEpsilon(round: (x: number) => number): number {
  let e = 1;
  while (round(1 + e / 2) !== 1) e /= 2;
  return e;
}
const EPS64 = machineEpsilon((x) => x);
const EPS32 = machineEpsilon(Math.fround);

/** ‖a − n‖ / (‖a‖ + ‖n‖) by a direct loop. */
function relError(a: readonly number[], n: readonly number[]): { diff: number; na: number; rel: number } {
  let d = 0;
  let sa = 0;
  let sn = 0;
  a.forEach((ai, i) => {
    const ni = n[i] as number;
    d += (ai - ni) ** 2;
    sa += ai * ai;
    sn += ni * ni;
  });
  const rel = Math.sqrt(d) / (Math.sqrt(sa) + Math.sqrt(sn));
  expect(gradientCheckError(a, n)).toBeCloseTo(rel, 14);
  return { diff: Math.sqrt(d), na: Math.sqrt(sa), rel };
}

/** Forward passes a full central-difference gradient of a P-parameter function takes, counted. */
function forwardPassesPerParameter(P: number): number {
  let calls = 0;
  const f = (w: readonly number[]) => {
    calls++;
    return w.reduce((s, v) => s + v * v, 0);
  };
  const w = new Array<number>(P).fill(0.5);
  for (let i = 0; i < P; i++) {
    const up = [...w];
    const down = [...w];
    up[i] = (up[i] as number) + 1e-5;
    down[i] = (down[i] as number) - 1e-5;
    f(up);
    f(down);
  }
  return calls / P;
}

const kink = (w: Readonly<Record<string, number>>) => {
  const x = w.x as number;
  const h = w.h as number;
  const num = (relu(x + h) - relu(x - h)) / (2 * h);
  return { x: 1e-6, h: 1e-5, up: relu(x + h), down: relu(x - h), twoh: 2 * h, num, bp: reluPrime(x), rel: relError([reluPrime(x)], [num]).rel };
};

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "Taylor: the forward difference errs by (h/2) f″, the central one by (h²/6) f‴ (measured on exp at 0)",
    anchor: { en: "## One-sided versus central differences", zh: "## 单侧差分与中心差分" },
    find: rx(String.raw`\\frac\{h\}\{{N:two}\}f''\(x\).*?\\frac\{h\^2\}\{{N:six}\}f'''\(x\)`),
    compute: () => {
      const h = 1e-4;
      return { two: h / (forwardDiff(Math.exp, 0, h) - 1), six: 1e-6 / (centralDiff(Math.exp, 0, 1e-3) - 1) };
    },
    tol: 1e-3,
  },
  {
    note: NOTE,
    claim: "x³ at x = 1, h = 1e-3: forward 3.003001 (error 3.0e-3), central 3.000001 (error 1.0e-6 = h², f‴/6 = 1); halving h divides the errors by about 2 and by 4",
    anchor: { en: "Worked example: $f(x) = x^3$", zh: "数值例子：$f(x) = x^3$" },
    find: rx(
      String.raw`f'\(1\) = {N:d}\$.*?h = {N:h}\$.*?= {N:fwd}\$.*?(?:an error of|误差) \${N:fwdErr}\$.*?= {N:cen}\$.*?(?:an error of|误差) \${N:cenErr}\$.*?f'''/6 = {N:c6}\$.*?(?:by about|大约除以) {N:r2}.*?(?:error by|误差除以) {N:r4}`,
    ),
    compute: (w) => {
      const h = w.h as number;
      const [fe, ce] = cubeErrors(h);
      const [fe2, ce2] = cubeErrors(h / 2);
      // f‴/6 for x³: the central error divided by h², measured.
      return { d: 3, h: 1e-3, fwd: forwardDiff(cube, 1, h), fwdErr: fe, cen: centralDiff(cube, 1, h), cenErr: ce, c6: ce / h ** 2, r2: fe / fe2, r4: ce / ce2 };
    },
    tol: { d: EXACT, h: EXACT, c6: 1e-6, r4: 1e-4 },
  },
  {
    note: NOTE,
    claim: "the error model h²|f‴|/6 + ε|f|/h is smallest at h* = (3ε|f|/|f‴|)^(1/3) (golden-section search)",
    anchor: { en: "## Why float64, and why $h$ cannot be tiny", zh: "## 为什么用 float64，为什么 $h$ 不能太小" },
    find: rx(String.raw`h\^\\ast = \({N:three}\\varepsilon`),
    compute: () => {
      const [eps, f, M] = [1e-12, 2, 6];
      const E = (logh: number) => (Math.exp(2 * logh) * M) / 6 + (eps * f) / Math.exp(logh);
      const best = Math.exp(goldenMax((l) => -E(l), Math.log(1e-8), Math.log(1), 300).at);
      return { three: (best ** 3 * M) / (eps * f) };
    },
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "float64 ε = 2^-52 ≈ 2.2e-16, ε^(1/3) ≈ 6.1e-6, ε^(2/3) ≈ 3.7e-11; float32 ε = 2^-23 ≈ 1.2e-7, ε^(2/3) ≈ 2.4e-5; one-sided optimum ε^(1/2) ≈ 1.5e-8",
    anchor: { en: "## Why float64, and why $h$ cannot be tiny", zh: "## 为什么用 float64，为什么 $h$ 不能太小" },
    find: rx(
      String.raw`\\varepsilon = 2\^\{-(?<e64>\d+)\} \\approx {N:eps64}\$.*?\\varepsilon\^\{1/3\} \\approx {N:cbrt64}\$.*?\\varepsilon\^\{2/3\} \\approx {N:best64}\$.*?\\varepsilon = 2\^\{-(?<e32>\d+)\} \\approx {N:eps32}\$.*?\\varepsilon\^\{2/3\} \\approx {N:best32}\$.*?\\varepsilon\^\{1/2\} \\approx {N:sqrt64}\$`,
    ),
    compute: () => ({
      e64: -Math.log2(EPS64),
      eps64: EPS64,
      cbrt64: Math.cbrt(EPS64),
      best64: EPS64 ** (2 / 3),
      e32: -Math.log2(EPS32),
      eps32: EPS32,
      best32: EPS32 ** (2 / 3),
      sqrt64: Math.sqrt(EPS64),
    }),
    tol: { e64: EXACT, e32: EXACT },
  },
  ...(
    [
      ["| $10^{-1}$ |", 1e-1],
      ["| $10^{-3}$ |", 1e-3],
      ["| $10^{-5}$ |", 1e-5],
      ["| $10^{-8}$ |", 1e-8],
      ["| $10^{-10}$ |", 1e-10],
    ] as const
  ).map(
    ([row, h]): Claim => ({
      note: NOTE,
      claim: `table: forward and central errors of x³ at 1 in float64, h = ${h}`,
      anchor: row,
      find: CELLS,
      compute: () => [...cubeErrors(h)],
    }),
  ),
  {
    note: NOTE,
    claim: "for one coordinate the sum form is at least half of the max form (and at most the max form)",
    anchor: { en: "or per coordinate", zh: "或者像 CS231n" },
    find: { en: rx(String.raw`lies between (half) of the max form`), zh: rx(String.raw`介于最大值形式的(一半)与`) },
    parse: word,
    compute: () => {
      let lo = Infinity;
      let hi = 0;
      for (let i = 1; i <= 2000; i++) {
        const a = Math.sin(i) * 3;
        for (const n of [-a, a * (1 + 1e-3 * Math.cos(i)), Math.cos(i * 7) * 2, 0]) {
          if (a === n) continue;
          const r = Math.abs(a - n) / (Math.abs(a) + Math.abs(n)) / (Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n)));
          lo = Math.min(lo, r);
          hi = Math.max(hi, r);
        }
      }
      expect(hi).toBeCloseTo(1, 12);
      return lo;
    },
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "example: ‖g_a − g_n‖ ≈ 6.4e-7, ‖g_a‖ ≈ 2.385, rel ≈ 1.3e-7; with a factor 2 missing in coordinate 2, rel ≈ 0.13",
    anchor: { en: "Example: backprop returns", zh: "例子：反向传播给出" },
    find: rx(
      String.raw`g_a = \({N:a1}, {N:a2}, {N:a3}\)\$.*?g_n = \({N:n1}, {N:n2}, {N:n3}\)\$.*?\\lVert g_a - g_n\\rVert \\approx {N:diff}\$.*?\\lVert g_a\\rVert \\approx {N:na}\$.*?\\mathrm\{rel\} \\approx {N:rel}\$.*?(?:factor|因子) {N:factor}.*?g_a = \({N:b1}, {N:b2}, {N:b3}\)\$.*?\\mathrm\{rel\} \\approx {N:bug}\$`,
    ),
    compute: (w) => {
      const a = [w.a1, w.a2, w.a3] as number[];
      const n = [w.n1, w.n2, w.n3] as number[];
      const f = w.factor as number;
      const good = relError(a, n);
      const buggy = [a[0]!, a[1]! / f, a[2]!];
      return {
        a1: 0.5,
        a2: -1.2,
        a3: 2,
        n1: 0.5000003,
        n2: -1.1999996,
        n3: 2.0000004,
        diff: good.diff,
        na: good.na,
        rel: good.rel,
        factor: 2,
        b1: buggy[0]!,
        b2: buggy[1]!,
        b3: buggy[2]!,
        bug: relError(buggy, n).rel,
      };
    },
    tol: { a1: EXACT, a2: EXACT, a3: EXACT, n1: EXACT, n2: EXACT, n3: EXACT, factor: EXACT, b1: EXACT, b2: EXACT, b3: EXACT },
  },
  {
    note: NOTE,
    claim: "ReLU kink: x = 1e-6, h = 1e-5 gives a numeric slope (1.1e-5 − 0)/(2e-5) = 0.55 against 1, rel ≈ 0.29",
    anchor: { en: "straddle it", zh: "两次计算就会跨过它" },
    find: rx(
      String.raw`x = {N:x}\$.*?h = {N:h}\$.*?\({N:up} - {N:down}\)/\({N:twoh}\) = {N:num}\$.*?(?:says|给出) {N:bp}.*?(?:about|约) \${N:rel}\$`,
    ),
    compute: kink,
    tol: { x: EXACT, h: EXACT, down: EXACT, num: 1e-12, bp: EXACT },
  },
  {
    note: NOTE,
    claim: "all 1e6 parameters take 2e6 forward passes (two per coordinate, counted)",
    anchor: { en: "**A few coordinates.**", zh: "只查少数坐标" },
    find: rx(String.raw`\$10\^(\d)\$.*?\$(\d) \\times 10\^(\d)\$`),
    compute: () => [6, forwardPassesPerParameter(1000), Math.log10(1e6 * forwardPassesPerParameter(1000) / 2)],
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "misconception: round-off takes over around ε^(1/3) ≈ 6e-6 in float64",
    anchor: { en: "Smaller $h$ is always more accurate", zh: "越小越准" },
    find: rx(String.raw`(?:about|约为) \$(\d) \\times 10\^\{-6\}\$`),
    compute: () => Math.cbrt(EPS64) * 1e6,
  },
  {
    note: NOTE,
    claim: "an absolute difference of 1e-6 is a 100 % error for gradients of size 1e-6",
    anchor: { en: "An absolute difference means nothing", zh: "绝对差值本身说明不了什么" },
    find: {
      en: rx(String.raw`\$10\^\{-(?<d>\d)\}\$ is a {N:pct} % error for gradients of size \$10\^\{-(?<size>\d)\}\$`),
      zh: rx(String.raw`同样是 \$10\^\{-(?<d>\d)\}\$，对大小为 \$10\^\{-(?<size>\d)\}\$ 的梯度是 {N:pct} %`),
    },
    compute: (w) => {
      const d = 10 ** -(w.d as number);
      const size = 10 ** -(w.size as number);
      // The one-coordinate relative error of g_a = size against g_n = size + d, in the max form.
      return { d: 6, pct: (100 * Math.abs(size - (size + d))) / size, size: 6 };
    },
    tol: { d: EXACT, pct: 1e-6, size: EXACT },
  },
  // Cards
  {
    note: NOTE,
    claim: "card: truncation (h²/6) f‴ against (h/2) f″",
    anchor: "^central-vs-forward",
    find: rx(String.raw`\\tfrac\{h\^2\}\{(\d)\}f'''.*?\\tfrac h(\d) f''`),
    compute: () => [1e-6 / (centralDiff(Math.exp, 0, 1e-3) - 1), 1e-4 / (forwardDiff(Math.exp, 0, 1e-4) - 1)],
    tol: 1e-3,
  },
  {
    note: NOTE,
    claim: "card: the best h is about 6e-6 in float64",
    anchor: "^h-tradeoff",
    find: rx(String.raw`(?:about|约为) \$(\d) \\times 10\^\{-6\}\$`),
    compute: () => Math.cbrt(EPS64) * 1e6,
  },
  {
    note: NOTE,
    claim: "card: best central-difference error ≈ 3.7e-11 in float64, 2.4e-5 in float32",
    anchor: "^why-float64",
    find: rx(String.raw`(?:about|约) \${N}\$.*?(?:but|却是) \${N}\$`),
    compute: () => [EPS64 ** (2 / 3), EPS32 ** (2 / 3)],
  },
  {
    note: NOTE,
    claim: "card: ReLU at x = 1e-6 with h = 1e-5 gives a numeric slope of 0.55 against backprop's 1",
    anchor: "^kink-failure",
    find: rx(String.raw`x = {N:x}\$.*?h = {N:h}\$.*?\${N:num}\$.*?(?:backprop's|反向传播给出) {N:bp}`),
    compute: (w) => {
      const k = kink(w);
      return { x: k.x, h: k.h, num: k.num, bp: k.bp };
    },
    tol: { x: EXACT, h: EXACT, num: 1e-12, bp: EXACT },
  },
  {
    note: NOTE,
    claim: "card: x³ at 1 with h = 1e-3: forward error 3.0e-3, central 1.0e-6; halving h divides the central error by 4",
    anchor: "^cubic-worked",
    find: rx(String.raw`h = {N:h}\$.*?==\${N:fe}\$==.*?==\${N:ce}\$==.*?==(?<r4>\d)==`),
    compute: (w) => {
      const [fe, ce] = cubeErrors(w.h as number);
      return { h: 1e-3, fe, ce, r4: ce / (cubeErrors((w.h as number) / 2)[1] as number) };
    },
    tol: { h: EXACT, r4: 1e-4 },
  },
  {
    note: NOTE,
    claim: "card: checking every coordinate costs 2P forward passes",
    anchor: "^few-coordinates",
    find: rx(String.raw`==\$(\d)P\$==`),
    compute: () => forwardPassesPerParameter(300),
    tol: EXACT,
  },
];

describeClaims("numbers in 19-gradient-checking match independent computations", claims, { notes: 1, minEdits: 100 });

describe("19-gradient-checking: statements checked without a number", () => {
  it.each(["en", "zh"] as const)("%s: the usual h range quoted brackets the optimum ε^(1/3) of float64", (lang) => {
    const text = block(source(lang, NOTE), lang === "en" ? "## Why float64, and why $h$ cannot be tiny" : "## 为什么用 float64，为什么 $h$ 不能太小");
    const m = /\$10\^\{-(\d)\}\$ (?:to|到) \$10\^\{-(\d)\}\$/.exec(text);
    expect(m, "the note quotes a range of h").not.toBeNull();
    const [hi, lo] = [10 ** -Number(m![1]), 10 ** -Number(m![2])];
    expect(Math.cbrt(EPS64)).toBeGreaterThan(lo);
    expect(Math.cbrt(EPS64)).toBeLessThan(hi);
  });
  it("below the optimum a smaller h makes the central estimate worse, in float64", () => {
    const [, at5] = cubeErrors(1e-5);
    const [, at10] = cubeErrors(1e-10);
    expect(at10).toBeGreaterThan(100 * at5);
  });
  it("in float32 even an exact derivative is off by about ε^(2/3) at the best h, far above 1e-7", () => {
    const f32 = (t: number) => Math.fround(Math.fround(t * t) * t);
    let best = Infinity;
    for (let k = 10; k <= 60; k++) {
      const h = Math.fround(10 ** (-k / 10));
      const est = Math.fround(Math.fround(f32(Math.fround(1 + h)) - f32(Math.fround(1 - h))) / Math.fround(2 * h));
      best = Math.min(best, Math.abs(est - 3) / 3);
    }
    expect(best).toBeGreaterThan(1e-7);
    expect(best).toBeLessThan(1e-3);
  });
});
