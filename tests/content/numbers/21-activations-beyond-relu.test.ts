import { describe, expect, it } from "vitest";
import { leakyHeVariance, leakyRelu, relu, sigmoid, sigmoidPrime } from "@/lib/engine";
import { block, type Claim, describeClaims, LANGS, rx, source } from "../claims";
import { bisect, goldenMax, grid, phi, simpson } from "../numeric";

/**
 * The numbers of content/{en,zh}/21-activations-beyond-relu.md, each computed
 * here by a method that does not use the note's formula: the activations are
 * defined from their plain definitions, derivatives are central differences,
 * Gaussian moments are Simpson quadrature, the SELU constants come from
 * bisection on the mean-zero condition, extremes from golden-section search.
 */

const NOTE = "21-activations-beyond-relu";

/** Φ(x) by quadrature of the density (no erf formula). */
const Phi = (x: number) => (x >= 0 ? 0.5 + simpson(phi, 0, x, 400) : 0.5 - simpson(phi, x, 0, 400));
/** E[f(z)] for z ~ N(0, 1). */
const gauss = (f: (z: number) => number) => simpson((z) => f(z) * phi(z), -12, 12, 24_000);
/** Central difference; one-sided ones for the kinks at 0. */
const d = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);
const dRight = (f: (x: number) => number, x: number, h = 1e-7) => (f(x + 2 * h) - f(x + h)) / h;
const dLeft = (f: (x: number) => number, x: number, h = 1e-7) => (f(x - h) - f(x - 2 * h)) / h;

const leaky = (alpha: number) => (z: number) => (z > 0 ? z : alpha * z);
const elu = (alpha: number) => (z: number) => (z > 0 ? z : alpha * (Math.exp(z) - 1));
const gelu = (x: number) => x * Phi(x);
const silu = (x: number) => x * sigmoid(x);

/** SELU's α: the root of E[ELU_α(z)] = 0 (the mean is decreasing in α). */
let seluMemo: { alpha: number; lambda: number } | undefined;
function seluConstants(): { alpha: number; lambda: number } {
  if (seluMemo) return seluMemo;
  const alpha = bisect((a) => gauss(elu(a)) < 0, 1, 3, 60);
  const lambda = 1 / Math.sqrt(gauss((z) => elu(alpha)(z) ** 2));
  seluMemo = { alpha, lambda };
  return seluMemo;
}
const selu = (z: number) => {
  const { alpha, lambda } = seluConstants();
  return lambda * elu(alpha)(z);
};
/** Mean-field variance map of a SELU layer with normalised weights: q ↦ Var(selu(√q ξ)). */
const varianceMap = (q: number) => {
  const f = (z: number) => selu(Math.sqrt(q) * z);
  const m = gauss(f);
  return gauss((z) => f(z) ** 2) - m * m;
};
const iterateVariance = (q0: number, layers: number) => {
  let q = q0;
  for (let i = 0; i < layers; i++) q = varianceMap(q);
  return q;
};

const geluMin = () => goldenMax((x) => -gelu(x), -3, 0);
const siluMin = () => goldenMax((x) => -silu(x), -4, 0);
const geluSlopeMax = () => goldenMax((x) => d(gelu, x), 0, 4);
const geluSlopeMin = () => goldenMax((x) => -d(gelu, x), -4, 0);
const siluSlopeMax = () => goldenMax((x) => d(silu, x), 0, 6);
const siluSlopeMin = () => goldenMax((x) => -d(silu, x), -6, 0);

/** The cubic coefficient of Hendrycks and Gimpel's tanh approximation (a fitted constant, not derivable). */
const GELU_TANH_C = 0.044715;
/** x / Swish_0(x): Swish with β = 0 is x σ(0). */
const swishHalfSlope = () => 3 / (3 * sigmoid(0 * 3));

/** Max |tanh approximation − xΦ(x)| on a fine grid, with the approximation's constants as the note writes them. */
function tanhApproxError(k2: number, c: number): number {
  const k = Math.sqrt(k2 / Math.PI);
  return Math.max(...grid(-6, 6, 2400).map((x) => Math.abs(0.5 * x * (1 + Math.tanh(k * (x + c * x ** 3))) - gelu(x))));
}

/**
 * The leaky He variance num/((one + α^exp) n_in) preserves the forward
 * variance: n_in · v · E[lrelu_α(z)²] = 1. Each constant as implied by the
 * other two, with E[lrelu_α(z)²] by quadrature at α = 0.2.
 */
function leakyHeConstants(w: Readonly<Record<string, number>>): Record<string, number> {
  const a = 0.2;
  const m2 = gauss((z) => leaky(a)(z) ** 2);
  const { num, one, exp } = w as Record<"num" | "one" | "exp", number>;
  return { num: (one + a ** exp) / m2, one: num * m2 - a ** exp, exp: Math.log(num * m2 - one) / Math.log(a) };
}

const heForward = (alpha: number, nIn: number) => 1 / (nIn * gauss((z) => leaky(alpha)(z) ** 2));

const rows = {
  relu: relu,
  leaky: leakyRelu,
  elu: elu(1),
  selu,
  gelu,
  silu,
} as const;
const ACTIVATIONS = ["relu", "leaky", "elu", "selu", "gelu", "silu"] as const;

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "the sigmoid's factor is at most 1/4 (golden-section maximum of σ′)",
    anchor: { en: "## What ReLU left open", zh: "## ReLU 留下的问题" },
    find: { en: rx(String.raw`at most \${F}\$`), zh: rx(String.raw`至多 \${F}\$`) },
    compute: () => goldenMax(sigmoidPrime, -5, 5).max,
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "E[lrelu(z)²] = (1 + α²)/2 · E[z²] (quadrature at α = 0.2)",
    anchor: { en: "## Leaky ReLU and PReLU", zh: "## Leaky ReLU 与 PReLU" },
    find: rx(String.raw`\\tfrac\{(?<one>\d)\+\\alpha\^(?<exp>\d)\}\{(?<num>\d)\}E\[z\^2\]`),
    // E[lrelu²] = (one + α^exp)/num is the same relation as n_in v E[lrelu²] = 1 with v = num/((one + α^exp) n_in).
    compute: leakyHeConstants,
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "leaky He variance 2/((1 + α²) n_in) keeps the forward variance (prose)",
    anchor: { en: "## Leaky ReLU and PReLU", zh: "## Leaky ReLU 与 PReLU" },
    find: rx(String.raw`\\operatorname\{Var\}\(W\) = (?<num>\d)/\(\((?<one>\d)\+\\alpha\^(?<exp>\d)\)`),
    compute: leakyHeConstants,
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "α = 0.2, n_in = 256: variance 0.00751, std 0.0867; plain ReLU 0.0078125",
    anchor: { en: "## Leaky ReLU and PReLU", zh: "## Leaky ReLU 与 PReLU" },
    find: {
      en: rx(String.raw`\\alpha = 0\.2\$ and \$n_\{\\text\{in\}\} = 256\$ that is \${N:v}\$ \(standard deviation \${N:sd}\$\), against \${N:relu}\$`),
      zh: rx(String.raw`\\alpha = 0\.2\$、\$n_\{\\text\{in\}\} = 256\$，方差为 \${N:v}\$（标准差 \${N:sd}\$），而普通 ReLU 是 \${N:relu}\$`),
    },
    compute: () => {
      const v = heForward(0.2, 256);
      expect(v).toBeCloseTo(leakyHeVariance(256, 0.2), 9);
      return { v, sd: Math.sqrt(v), relu: 1 / (256 * gauss((z) => relu(z) ** 2)) };
    },
    tol: { relu: 1e-9 },
  },
  {
    note: NOTE,
    claim: "ELU with α = 1 has slope 1 on both sides of 0 (one-sided differences)",
    anchor: { en: "## ELU", zh: "## ELU" },
    find: { en: rx(String.raw`\\alpha = (?<alpha>\d)\$ the derivative is (?<slope>\d) from both sides`), zh: rx(String.raw`\\alpha = (?<alpha>\d)\$ 时，0 处左右导数都是 (?<slope>\d)`) },
    compute: () => {
      // The α for which the left slope at 0 meets the right one.
      const alpha = bisect((a) => dLeft(elu(a), 0) > dRight(elu(a), 0), 0.1, 3, 60);
      return { alpha, slope: dRight(elu(alpha), 0) };
    },
    tol: 1e-5,
  },
  {
    note: NOTE,
    claim: "mean output for z ~ N(0,1): ReLU 0.399, ELU 0.161 (quadrature)",
    anchor: { en: "## ELU", zh: "## ELU" },
    find: { en: rx(String.raw`mean output is \${N:relu}\$ for ReLU but \${N:elu}\$ for ELU`), zh: rx(String.raw`ReLU 的输出均值是 \${N:relu}\$，ELU 只有 \${N:elu}\$`) },
    compute: () => ({ relu: gauss(relu), elu: gauss(elu(1)) }),
  },
  {
    note: NOTE,
    claim: "SELU constants λ ≈ 1.0507, α ≈ 1.6733 from mean 0 and variance 1 (bisection + quadrature)",
    anchor: String.raw`\operatorname{SELU}(z) = \lambda`,
    find: rx(String.raw`\\lambda \\approx {N:lambda},\\quad \\alpha \\approx {N:alpha}`),
    compute: () => seluConstants(),
  },
  {
    note: NOTE,
    claim: "worked derivation: 1/√(2π) ≈ 0.3989, e^{1/2}Φ(−1) − 1/2 ≈ −0.2384, α = 0.3989/0.2384 ≈ 1.6733",
    anchor: String.raw`E[\max(z,0)] = 1/\sqrt{2\pi} \approx`,
    find: {
      en: rx(String.raw`\\approx {N:pos}\$.*?\\mathbf\{1\}_\{z<0\}\] \\approx {N:neg}\$ \(it equals \$e\^\{1/(?<h>\d)\}\\Phi\(-(?<c>\d)\) - \\tfrac12\$\).*?\\alpha = {N:num}/{N:den} \\approx {N:alpha}\$`),
      zh: rx(String.raw`\\approx {N:pos}\$.*?\\mathbf\{1\}_\{z<0\}\] \\approx {N:neg}\$（它等于 \$e\^\{1/(?<h>\d)\}\\Phi\(-(?<c>\d)\) - \\tfrac12\$）.*?\\alpha = {N:num}/{N:den} \\approx {N:alpha}\$`),
    },
    compute: (w) => {
      const pos = gauss(relu);
      const neg = gauss((z) => (z < 0 ? Math.exp(z) - 1 : 0));
      expect(1 / Math.sqrt(2 * Math.PI)).toBeCloseTo(pos, 9);
      // The closed form e^{1/h} Φ(−c) − ½ written in the note: each constant as implied by the other and the quadrature.
      const h = 1 / Math.log((neg + 0.5) / Phi(-(w.c as number)));
      const c = bisect((x) => Math.exp(1 / (w.h as number)) * Phi(-x) - 0.5 < neg, 0.1, 3, 60);
      return { pos, neg, h, c, num: pos, den: -neg, alpha: seluConstants().alpha };
    },
    tol: { h: 1e-6, c: 1e-6 },
  },
  {
    note: NOTE,
    claim: "the SELU variance map has slope ≈ 0.78 at its fixed point 1; from variance 2, 1.06 after 10 layers",
    anchor: { en: "Why the network then normalises itself", zh: "网络为什么会自己归一化" },
    find: {
      en: rx(String.raw`fixed point \$q = (?<fixed>\d)\$ with slope about \${N:slope}\$.*?from variance 2, the mean-field variance is \${N:q10}\$ after 10 layers`),
      zh: rx(String.raw`以 \$q = (?<fixed>\d)\$ 为不动点，斜率约 \${N:slope}\$.*?从方差 2 出发，按平均场计算 10 层后方差为 \${N:q10}\$`),
    },
    compute: () => ({ fixed: iterateVariance(1.5, 60), slope: d(varianceMap, 1, 1e-3), q10: iterateVariance(2, 10) }),
    tol: { fixed: 1e-4 },
  },
  {
    note: NOTE,
    claim: "SELU's slope jumps from λ ≈ 1.0507 (right of 0) to λα ≈ 1.7581 (left of 0)",
    anchor: { en: "The derivative jumps at 0 from", zh: "导数在 0 处跳变：右侧" },
    find: rx(String.raw`\\lambda \\approx {N:right}\$.*?\\lambda\\alpha \\approx {N:left}\$`),
    compute: () => ({ right: dRight(selu, 0), left: dLeft(selu, 0) }),
  },
  {
    note: NOTE,
    claim: "the tanh approximation of GELU is within 4.7e-4 of xΦ(x) (grid on [−6, 6]); GELU′(0) = 1/2; minimum −0.170 at −0.752; slope extremes at ±√2 between −0.129 and 1.129",
    anchor: { en: "## GELU", zh: "## GELU" },
    find: {
      en: rx(
        String.raw`\\sqrt\{(?<k2>\d)/\\pi\}\\,\(x \+ 0\.044715\\,x\^3\).*?at most about \${N:err}\$.*?\\operatorname\{GELU\}'\(0\) = {F:slope0}\$.*?minimum of \${N:min}\$ at \$x \\approx {N:argmin}\$.*?\$x = \\pm\\sqrt\{(?<at2>\d)\}\$: the derivative lies between \${N:lo}\$ and \${N:hi}\$`,
      ),
      zh: rx(
        String.raw`\\sqrt\{(?<k2>\d)/\\pi\}\\,\(x \+ 0\.044715\\,x\^3\).*?不超过约 \${N:err}\$.*?\\operatorname\{GELU\}'\(0\) = {F:slope0}\$.*?在 \$x \\approx {N:argmin}\$ 处取到最小值 \${N:min}\$.*?\$x = \\pm\\sqrt\{(?<at2>\d)\}\$：导数介于 \${N:lo}\$ 与 \${N:hi}\$`,
      ),
    },
    compute: () => {
      const m = geluMin();
      const hi = geluSlopeMax();
      const lo = geluSlopeMin();
      expect(lo.at).toBeCloseTo(-hi.at, 4);
      // k = √(k2/π) matches xΦ(x)'s curvature at 0: ½k = φ(0).
      const k2 = Math.PI * (2 * phi(0)) ** 2;
      return { k2, err: tanhApproxError(k2, GELU_TANH_C), slope0: d(gelu, 0), min: -m.max, argmin: m.at, at2: hi.at ** 2, lo: -lo.max, hi: hi.max };
    },
    tol: { k2: 1e-9, slope0: 1e-6, at2: 1e-4 },
  },
  {
    note: NOTE,
    claim: "GELU′(x) + GELU′(−x) = 1 (grid)",
    anchor: { en: "## GELU", zh: "## GELU" },
    find: rx(String.raw`\\operatorname\{GELU\}'\(x\) \+ \\operatorname\{GELU\}'\(-x\) = (\d)\$`),
    compute: () => {
      const sums = grid(-5, 5, 50).map((x) => d(gelu, x) + d(gelu, -x));
      return sums.reduce((worst, s) => (Math.abs(s - 1) > Math.abs(worst - 1) ? s : worst), 1);
    },
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "SiLU: slope 1/2 at 0, f′(x) + f′(−x) = 1, slope between −0.100 and 1.100 at ∓2.399, minimum −0.278 at −1.278 equal to x + 1, Swish_0 = x/2",
    anchor: { en: "## Swish and SiLU", zh: "## Swish 与 SiLU" },
    find: {
      en: rx(
        String.raw`\\operatorname\{SiLU\}'\(0\) = {F:slope0}\$, the same symmetry \$f'\(x\) \+ f'\(-x\) = (?<sum>\d)\$ holds, and the slope lies between \${N:lo}\$ and \${N:hi}\$, reached at \$x \\approx \\mp {N:at}\$\. Its minimum is \${N:min}\$ at \$x \\approx {N:argmin}\$ \(there \$\\sigma\(x\) = (?<one>\d) \+ 1/x\$, so the minimum value is exactly \$x \+ (?<plus>\d)\$\).*?line \$x/(?<half>\d)\$`,
      ),
      zh: rx(
        String.raw`\\operatorname\{SiLU\}'\(0\) = {F:slope0}\$，同样有 \$f'\(x\) \+ f'\(-x\) = (?<sum>\d)\$，斜率介于 \${N:lo}\$ 与 \${N:hi}\$ 之间，分别在 \$x \\approx \\mp {N:at}\$ 处取到。它的最小值是 \${N:min}\$，位于 \$x \\approx {N:argmin}\$（此处 \$\\sigma\(x\) = (?<one>\d) \+ 1/x\$，所以最小值恰为 \$x \+ (?<plus>\d)\$）.*?直线 \$x/(?<half>\d)\$`,
      ),
    },
    compute: () => {
      const m = siluMin();
      const hi = siluSlopeMax();
      const lo = siluSlopeMin();
      expect(lo.at).toBeCloseTo(-hi.at, 4);
      const sums = grid(-5, 5, 50).map((x) => d(silu, x) + d(silu, -x));
      return {
        slope0: d(silu, 0),
        sum: sums.reduce((worst, s) => (Math.abs(s - 1) > Math.abs(worst - 1) ? s : worst), 1),
        lo: -lo.max,
        hi: hi.max,
        at: hi.at,
        min: -m.max,
        argmin: m.at,
        one: sigmoid(m.at) - 1 / m.at,
        plus: -m.max - m.at,
        half: swishHalfSlope(),
      };
    },
    tol: { slope0: 1e-6, sum: 1e-6, one: 1e-6, plus: 1e-6, half: 1e-12 },
  },
  {
    note: NOTE,
    claim: "tables: f(−1) and f′(−1), then E[f(z)] and E[f(z)²] for z ~ N(0,1), row by row (definitions, central differences, quadrature)",
    anchor: { en: "## Worked numbers", zh: "## 具体数值" },
    // Every cell that is a number, in reading order: the first table, then the second.
    find: rx(String.raw`\| \${N}\$`, "gs"),
    compute: () => {
      const fs = ACTIVATIONS.map((name) => rows[name]);
      return [...fs.flatMap((f) => [f(-1), d(f, -1)]), ...fs.flatMap((f) => [gauss(f), gauss((z) => f(z) ** 2)])];
    },
    // Cells written as whole numbers or one digit (ReLU's 0, 0 and 0.5; SELU's 0 and 1) are exact values: hold them to 1e-6.
    tol: Object.fromEntries([0, 1, 13, 18, 19].map((i) => [String(i), 1e-6])),
  },
  {
    note: NOTE,
    claim: "misconceptions: slopes at most 1.13 (GELU) and 1.10 (SiLU); negative slope for x < −0.752 and x < −1.278; SELU jump 1.7581 → 1.0507",
    anchor: { en: "## Misconceptions", zh: "## 常见误区" },
    find: {
      en: rx(String.raw`at most about \${N:gelu}\$ and \${N:silu}\$.*?x < {N:geluMin}\$ and \$x < {N:siluMin}\$.*?from \${N:left}\$ to \${N:right}\$`),
      zh: rx(String.raw`最大只有约 \${N:gelu}\$ 和 \${N:silu}\$.*?x < {N:geluMin}\$ 和 \$x < {N:siluMin}\$.*?从 \${N:left}\$ 跳到 \${N:right}\$`),
    },
    compute: () => ({ gelu: geluSlopeMax().max, silu: siluSlopeMax().max, geluMin: geluMin().at, siluMin: siluMin().at, left: dLeft(selu, 0), right: dRight(selu, 0) }),
  },
  {
    note: NOTE,
    claim: "misconception: leaky slope α = 0.01 is the derivative of the engine's leaky ReLU below 0",
    anchor: { en: "## Misconceptions", zh: "## 常见误区" },
    find: rx(String.raw`\$\\alpha = {N}\$`),
    compute: () => d(leakyRelu, -1),
    tol: 1e-9,
  },
  // Cards
  {
    note: NOTE,
    claim: "card: leaky He variance 2/((1 + α²) n_in)",
    anchor: "^leaky-fixes",
    find: rx(String.raw`\\operatorname\{Var\}\(W\) = (?<num>\d)/\(\((?<one>\d)\+\\alpha\^(?<exp>\d)\)`),
    compute: leakyHeConstants,
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "card: ELU saturates at −α and is smooth at 0 only for α = 1",
    anchor: "^elu-shape",
    find: rx(String.raw`==\$\\alpha = (\d)\$==`),
    compute: () => bisect((a) => dLeft(elu(a), 0) > dRight(elu(a), 0), 0.1, 3, 60),
    tol: 1e-5,
  },
  {
    note: NOTE,
    claim: "card: mean output 0.161 (ELU) vs 0.399 (ReLU)",
    anchor: "^elu-mean-shift",
    find: rx(String.raw`\${N:elu}\$.*?\${N:relu}\$`),
    compute: () => ({ elu: gauss(elu(1)), relu: gauss(relu) }),
  },
  {
    note: NOTE,
    claim: "card: SELU constants",
    anchor: "^selu-constants",
    find: rx(String.raw`\\lambda \\approx {N:lambda}\$.*?\\alpha \\approx {N:alpha}\$`),
    compute: () => seluConstants(),
  },
  {
    note: NOTE,
    claim: "card: the variance map's fixed point is 1",
    anchor: "^selu-conditions",
    find: rx(String.raw`\\lambda > 1\$.*?\$(\d)\$`),
    compute: () => iterateVariance(0.5, 60),
    tol: 1e-4,
  },
  {
    note: NOTE,
    claim: "card: GELU′(0) = 1/2, minimum −0.170 at −0.752",
    anchor: "^gelu-facts",
    find: rx(String.raw`==\${F:slope0}\$==.*?==\${N:min}\$==.*?\$x \\approx {N:argmin}\$`),
    compute: () => ({ slope0: d(gelu, 0), min: -geluMin().max, argmin: geluMin().at }),
    tol: { slope0: 1e-6 },
  },
  {
    note: NOTE,
    claim: "card: GELU's slope extremes at ±√2, −0.129 and 1.129, symmetric sum 1",
    anchor: "^gelu-slope",
    find: rx(String.raw`\\pm\\sqrt\{(?<at2>\d)\}.*?\${N:lo}\$.*?\${N:hi}\$.*?= (?<sum>\d)\$`),
    compute: () => ({ at2: geluSlopeMax().at ** 2, lo: -geluSlopeMin().max, hi: geluSlopeMax().max, sum: d(gelu, 0.7) + d(gelu, -0.7) }),
    tol: { at2: 1e-4, sum: 1e-6 },
  },
  {
    note: NOTE,
    claim: "card: SiLU's minimum value is x + 1 at x ≈ −1.278",
    anchor: "^swish-facts",
    find: rx(String.raw`==\$x \+ (?<plus>\d)\$==.*?\$x \\approx {N:argmin}\$`),
    compute: () => ({ plus: -siluMin().max - siluMin().at, argmin: siluMin().at }),
    tol: { plus: 1e-6 },
  },
  {
    note: NOTE,
    claim: "card: slopes bounded by about 1.13 (GELU) and 1.10 (SiLU)",
    anchor: "^smooth-not-cure",
    find: rx(String.raw`{N:gelu} [^0-9]+ {N:silu}`),
    compute: () => ({ gelu: geluSlopeMax().max, silu: siluSlopeMax().max }),
  },
];

describeClaims(`numbers in ${NOTE}`, claims, { notes: 1, minEdits: 190 });

describe(`${NOTE}: what the text says without a number to read`, () => {
  it.each(LANGS)("%s: GELU and SiLU dip below 0 and rise again (non-monotone), ELU, leaky ReLU and SELU do not", (lang) => {
    expect(block(source(lang, NOTE), lang === "en" ? "## GELU" : "## GELU")).toContain(lang === "en" ? "not monotone" : "不单调");
    const xs = grid(-6, 6, 1200);
    const monotone = (f: (x: number) => number) => xs.every((x, i) => i === 0 || f(x) >= f(xs[i - 1] as number) - 1e-12);
    expect([gelu, silu].map(monotone)).toEqual([false, false]);
    expect([elu(1), leakyRelu, selu].map(monotone)).toEqual([true, true, true]);
  });
});
