import { expect } from "vitest";
import { createRng, jacobianProduct, layerNormBackward, layerNormForward, norm2, singularValues, softmax } from "@/lib/engine";
import { type Claim, describeClaims, EXACT, rx, word } from "../claims";
import { bisect, goldenMax } from "../numeric";

/**
 * Numbers in 16-transformers-depth (en and zh), each recomputed here: softmax
 * weights and derivatives by the engine's softmax, the warm-up peak by scanning
 * the schedule step by step, residual products by the engine's Jacobian
 * product, LayerNorm's gradient scaling by its backward pass, DeepNorm's
 * constants by bisection on their defining powers, and Var(q·k) by Monte Carlo.
 * Vaswani et al.'s d_model = 512 and 4000 warm-up steps are the paper's
 * choices (pinned below); what the note derives from them is checked.
 */

const NOTE = "16-transformers-depth";

// Vaswani et al. (2017), section 5.3: the published hyperparameters.
const D_MODEL = 512;
const WARMUP = 4000;
const schedule = (s: number) => D_MODEL ** -0.5 * Math.min(s ** -0.5, s * WARMUP ** -1.5);
/** The step where the schedule peaks and its value there, by scanning every step. */
function schedulePeak(): { step: number; lr: number } {
  let best = { step: 0, lr: -Infinity };
  for (let s = 1; s <= 50_000; s++) {
    const lr = schedule(s);
    if (lr > best.lr) best = { step: s, lr };
  }
  return best;
}

/** p_* and p_*(1 − p_*) of the top entry of softmax(z), 1 − p_* as the sum of the others. */
function top(z: readonly number[]): { p: number; deriv: number } {
  const p = softmax(z);
  const star = z.indexOf(Math.max(...z));
  const rest = p.reduce((acc, v, j) => (j === star ? acc : acc + v), 0);
  return { p: p[star] as number, deriv: (p[star] as number) * rest };
}

/** ∏ (1 + ε) over L scalar blocks, as the engine's product of 1×1 Jacobians. */
const residualProduct = (eps: number, L: number) =>
  jacobianProduct(Array.from({ length: Math.round(L) }, () => [[1 + eps]]))[0]![0] as number;

/** ‖∂C/∂x‖ through LayerNorm at 2x over that at x, for a fixed upstream gradient (eps = 0). */
function lnGradientRatio(): number {
  const rng = createRng(16);
  const x = Array.from({ length: 8 }, () => rng.gaussian(0.3, 1.7));
  const gamma = Array.from({ length: 8 }, () => rng.uniform(0.5, 1.5));
  const beta = new Array<number>(8).fill(0);
  const dy = Array.from({ length: 8 }, () => rng.gaussian());
  const at = (scale: number) => norm2(layerNormBackward(dy, layerNormForward(x.map((v) => scale * v), gamma, beta, 0)));
  return at(2) / at(1);
}

/**
 * How many directions LayerNorm's Jacobian removes: the count of (numerically)
 * zero singular values of ∂x̂/∂x, built column by column from the engine's
 * backward pass (γ = 1, β = 0, eps = 0) for a random 8-feature input.
 */
function lnRemovedDirections(): number {
  const rng = createRng(23);
  const n = 8;
  const x = Array.from({ length: n }, () => rng.gaussian(0.5, 2));
  const fwd = layerNormForward(x, new Array<number>(n).fill(1), new Array<number>(n).fill(0), 0);
  // Row i of Jᵀ is the input gradient for dy = e_i.
  const Jt = Array.from({ length: n }, (_, i) => layerNormBackward(Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)), fwd));
  const sv = singularValues(Jt);
  return sv.filter((v) => v < 1e-9 * (sv[0] as number)).length;
}
const SMALL_WORDS = new Map([["two", 2], ["两", 2]]);
const smallWord = (s: string): number => {
  const v = SMALL_WORDS.get(s.trim());
  if (v === undefined) throw new Error(`unknown number word ${JSON.stringify(s)}`);
  return v;
};

/** Standard deviation of q·k for q, k with i.i.d. N(0, 1) entries of dimension d, by Monte Carlo. */
function dotSd(d: number): number {
  const rng = createRng(64);
  const n = 40_000;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += rng.gaussian() * rng.gaussian();
    s2 += dot * dot;
  }
  return Math.sqrt(s2 / n);
}

/** The positive root of a^k = c, by bisection. */
const root = (c: number, k: number) => bisect((a) => a ** k >= c, 0, Math.max(2, c), 200);

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "the warm-up schedule rises for 4000 steps and peaks at 1/√(512·4000) ≈ 7.0×10⁻⁴",
    anchor: { en: "## Why warm-up helps", zh: "## 预热为什么有用" },
    find: {
      en: rx(String.raw`rises linearly for {N:rise} steps, peaks at \$\\eta\({N:at}\) = 1/\\sqrt\{{N:d} \\cdot {N:w}\} \\approx {N:peak}\$`),
      zh: rx(String.raw`在前 {N:rise} 步线性上升，在 \$\\eta\({N:at}\) = 1/\\sqrt\{{N:d} \\cdot {N:w}\} \\approx {N:peak}\$`),
    },
    compute: () => {
      const { step, lr } = schedulePeak();
      // d·w is 1/peak²; with w the peak step, d follows.
      return { rise: step, at: step, d: 1 / (lr * lr * step), w: step, peak: lr };
    },
    tol: { rise: EXACT, at: EXACT, d: 1e-6, w: EXACT },
  },
  {
    note: NOTE,
    claim: "card: the schedule rises for 4000 warm-up steps",
    anchor: "^noam-schedule",
    find: { en: rx(String.raw`linearly for =={N}==`), zh: rx(String.raw`在前=={N}==`) },
    compute: () => schedulePeak().step,
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "doubling LayerNorm's input halves the gradient it passes back",
    anchor: { en: "twice as large and the gradient", zh: "LayerNorm 传回的梯度就减半" },
    find: { en: rx(String.raw`passes back (halves)`), zh: rx(String.raw`传回的梯度就(减半)`) },
    parse: word,
    compute: lnGradientRatio,
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "card: doubling LayerNorm's input halves its gradient",
    anchor: "^ln-scale",
    find: { en: rx(String.raw`::It (halves)\.`), zh: rx(String.raw`::(减半)。`) },
    parse: word,
    compute: lnGradientRatio,
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "LayerNorm's Jacobian rescales by 1/σ and removes two directions (prose)",
    anchor: { en: "In post-LN every step of the residual path", zh: "Post-LN 的残差主路每一步" },
    find: { en: rx(String.raw`projects out (two) directions`), zh: rx(String.raw`投影掉(两)个方向`) },
    parse: smallWord,
    compute: lnRemovedDirections,
    tol: 0,
  },
  {
    note: NOTE,
    claim: "card: LayerNorm's Jacobian removes two directions",
    anchor: "^pre-ln-path",
    find: { en: rx(String.raw`removes (two) directions`), zh: rx(String.raw`去掉(两)个方向`) },
    parse: smallWord,
    compute: lnRemovedDirections,
    tol: 0,
  },
  {
    note: NOTE,
    claim: "(1 + 0.05)^100 ≈ 131.5 and (1 + 1/L)^L ≈ 2.70 for L = 100",
    anchor: { en: "## Residual scaling: DeepNorm and friends", zh: "## 残差缩放：DeepNorm 等" },
    find: {
      en: rx(String.raw`with \$\\varepsilon = {N:eps}\$ and \$L = {N:L}\$ it is about \${N:prod}\$, while \$\\varepsilon = 1/L = {N:eps2}\$ gives about \${N:prod2}\$`),
      zh: rx(String.raw`\$\\varepsilon = {N:eps}\$、\$L = {N:L}\$ 时约为 \${N:prod}\$，而 \$\\varepsilon = 1/L = {N:eps2}\$ 时约为 \${N:prod2}\$`),
    },
    compute: (w) => {
      const eps = w.eps as number;
      const L = w.L as number;
      const prod = w.prod as number;
      return {
        eps: root(prod, L) - 1,
        L: Math.log(prod) / Math.log(1 + eps),
        prod: residualProduct(eps, L),
        eps2: 1 / L,
        prod2: residualProduct(1 / L, L),
      };
    },
  },
  {
    note: NOTE,
    claim: "card: the aligned product is about 131.5 for ε = 0.05 and L = 100",
    anchor: "^branch-scale",
    find: {
      en: rx(String.raw`about \$(?<prod>\d+\.\d+)\$ for \$\\varepsilon = {N:eps}\$, \$L = {N:L}\$`),
      zh: rx(String.raw`\$\\varepsilon = {N:eps}\$、\$L = {N:L}\$ 时约为 \$(?<prod>\d+\.\d+)\$`),
    },
    compute: (w) => ({
      eps: root(w.prod as number, w.L as number) - 1,
      L: Math.log(w.prod as number) / Math.log(1 + (w.eps as number)),
      prod: residualProduct(w.eps as number, w.L as number),
    }),
  },
  {
    note: NOTE,
    claim: "DeepNorm with N = 200: α = (2N)^{1/4} ≈ 4.47, β = (8N)^{-1/4} ≈ 0.158",
    anchor: { en: "DeepNorm (Wang et al., 2022) applies", zh: "DeepNorm（Wang 等，2022）把" },
    find: rx(String.raw`\$N = {N:N}\$[^$]*\$\\alpha \\approx {N:alpha}\$[^$]*\$\\beta \\approx {N:beta}\$`),
    compute: (w) => {
      const N = w.N as number;
      // α⁴ = 2N and β⁻⁴ = 8N, solved by bisection; N back from the written α.
      return { N: (w.alpha as number) ** 4 / 2, alpha: root(2 * N, 4), beta: 1 / root(8 * N, 4) };
    },
  },
  {
    note: NOTE,
    claim: "Var(q·k) = d_k: for d_k = 64 the raw scores have standard deviation 8",
    anchor: { en: "is a sum of $d_k$ products", zh: "时原始分数的标准差为" },
    find: rx(String.raw`\$d_k = {N:dk}\$[^$]*\$(?<sd>\d+)\$`),
    compute: (w) => ({ dk: (w.sd as number) ** 2, sd: dotSd(w.dk as number) }),
    tol: { dk: 0.5, sd: 0.1 },
  },
  {
    note: NOTE,
    claim: "p(1 − p) is at most 1/4, at p = 1/2",
    anchor: { en: "The top weight's own derivative", zh: "最大权重对自身分数的导数" },
    find: {
      en: rx(String.raw`at most \$(?<max>\d/\d)\$ at \$p = (?<at>\d/\d)\$`),
      zh: rx(String.raw`在 \$p = (?<at>\d/\d)\$ 时取最大值 \$(?<max>\d/\d)\$`),
    },
    compute: () => {
      const m = goldenMax((p) => p * (1 - p), 0, 1);
      return { max: m.max, at: m.at };
    },
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "worked example: raw (16, 8, 0) vs scaled (2, 1, 0) at d_k = 64; top weights, derivatives and their ratio",
    anchor: { en: "Worked example with three keys", zh: "数值例子：三个 key" },
    find: rx(
      String.raw`\$d_k = {N:dk}\$.*?\(\s*{N:r1}, {N:r2}, {N:r3}\)\$.*?\$(?<ptop>0\.\d+)\$.*?\$p\(1-p\) \\approx {N:draw}\$.*?\(\s*{N:s1}, {N:s2}, {N:s3}\)\$.*?\$p \\approx {N:pscaled}\$.*?\$p\(1-p\) \\approx {N:dscaled}\$.*?(?<ratio>\d+) (?:times|倍)`,
    ),
    compute: (w) => {
      const raw = [w.r1, w.r2, w.r3] as number[];
      const scaled = [w.s1, w.s2, w.s3] as number[];
      const sqrtDk = Math.sqrt(w.dk as number);
      const a = top(raw);
      const b = top(raw.map((v) => v / sqrtDk));
      expect(Math.max(...raw)).toBe(raw[0]);
      return {
        dk: ((w.r1 as number) / (w.s1 as number)) ** 2,
        r1: (scaled[0] as number) * sqrtDk,
        r2: (scaled[1] as number) * sqrtDk,
        r3: (scaled[2] as number) * sqrtDk,
        ptop: a.p,
        draw: a.deriv,
        s1: (raw[0] as number) / sqrtDk,
        s2: (raw[1] as number) / sqrtDk,
        s3: (raw[2] as number) / sqrtDk,
        pscaled: b.p,
        dscaled: b.deriv,
        ratio: b.deriv / a.deriv,
      };
    },
    tol: { dk: EXACT, r1: EXACT, r2: EXACT, r3: EXACT, s1: EXACT, s2: EXACT, s3: EXACT },
  },
  {
    note: NOTE,
    claim: "card: at most 1/4; raw scores (16, 8, 0) give 0.99966 and 3.35×10⁻⁴",
    anchor: "^softmax-saturation",
    find: rx(String.raw`==\$(?<max>\d/\d)\$==.*?\$\(\s*{N:r1}, {N:r2}, {N:r3}\)\$.*?\$(?<ptop>0\.\d+)\$.*?==\$(?<deriv>[\d.]+ \\times 10\^\{-\d+\})\$==`),
    compute: (w) => {
      const raw = [w.r1, w.r2, w.r3] as number[];
      const a = top(raw);
      // The raw scores are 2, 1 and 0 standard deviations of q·k at d_k = 64.
      const sd = Math.sqrt(64);
      return { max: goldenMax((p) => p * (1 - p), 0, 1).max, r1: 2 * sd, r2: sd, r3: 0, ptop: a.p, deriv: a.deriv };
    },
    tol: { max: 1e-9, r1: EXACT, r2: EXACT, r3: EXACT },
  },
];

describeClaims("numbers in 16-transformers-depth match lib/engine", claims, { notes: 1, minEdits: 60 });
