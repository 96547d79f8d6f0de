import { describe, expect, it } from "vitest";
import { createRng, forwardBackward, toFloat16 } from "@/lib/engine";
import { type Claim, describeClaims, EXACT, rx } from "../claims";
import { bisect } from "../numeric";

/**
 * The numbers of content/{en,zh}/22-optimisers-gradient-scale.md, each found
 * by running the optimiser itself: plain loops for SGD, heavy-ball momentum,
 * Adam (with and without bias correction), Adam + L2 and AdamW, fed constant,
 * sparse or noisy gradients (createRng), or gradients of a quadratic computed
 * by the engine. Stability limits are found by bisection on the iterates, not
 * from the characteristic polynomial the note quotes.
 */

const NOTE = "22-optimisers-gradient-scale";

/** ∂/∂w of ½ a w² from the engine: a one-unit linear layer with input √a, target 0. */
const quadGrad = (a: number, w: number) =>
  (forwardBackward({ layers: [{ W: [[w]], b: [0], activation: "linear" }], loss: "mse" }, [Math.sqrt(a)], [0]).layers[0] as { dW: number[][] }).dW[0]![0] as number;

/**
 * Heavy ball v ← βv + g, w ← w − ηv on ½ a w² (a = 1), from w0 = 1: the growth
 * |w_N| / |w_{N/2}| over the second half of the run (≥ 1 iff the slowest mode does
 * not decay, whatever the transient's amplitude).
 */
function heavyBall(eta: number, beta: number, steps: number): number {
  let w = 1;
  let v = 0;
  let mid = 1;
  for (let t = 1; t <= steps; t++) {
    v = beta * v + quadGrad(1, w);
    w -= eta * v;
    if (t === steps / 2) mid = Math.abs(w);
    if (Math.abs(w) > 1e100) return Infinity; // clearly diverging; stop before the engine overflows
  }
  return Math.abs(w) / mid;
}
/** The largest stable ηa for heavy ball with this β (a = 1): bisection on whether |w| still shrinks. */
const heavyBallLimit = (beta: number) => bisect((eta) => heavyBall(eta, beta, 2000) >= 1, 0.01, 10, 40);

/** The momentum buffer v after t steps of a constant gradient g = 1. */
function velocity(beta: number, t: number): number {
  let v = 0;
  for (let i = 0; i < t; i++) v = beta * v + 1;
  return v;
}

interface AdamOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Bias correction on (default) or off. */
  correct?: boolean;
}
/** Adam's update direction m̂/(√v̂ + ε) at every step for a given gradient sequence (η = 1). */
function adamSteps(grads: readonly number[], o: AdamOptions = {}): { steps: number[]; vhat: number } {
  const { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, correct = true } = o;
  let m = 0;
  let v = 0;
  let vhat = 0;
  const steps = grads.map((g, i) => {
    const t = i + 1;
    m = beta1 * m + (1 - beta1) * g;
    v = beta2 * v + (1 - beta2) * g * g;
    const mhat = correct ? m / (1 - beta1 ** t) : m;
    vhat = correct ? v / (1 - beta2 ** t) : v;
    return mhat / (Math.sqrt(vhat) + eps);
  });
  return { steps, vhat };
}
const constant = (g: number, n: number) => new Array<number>(n).fill(g);

/** GD on ½(100 w1² + w2²) with η = 0.019: the per-step factors and the steps until |w2| ≤ 10⁻³. */
function badlyScaled() {
  const eta = 0.019;
  const w1 = 1 - eta * quadGrad(100, 1);
  const w2 = 1 - eta * quadGrad(1, 1);
  let x = 1;
  let steps = 0;
  while (Math.abs(x) > 1e-3) {
    x -= eta * quadGrad(1, x);
    steps++;
  }
  return { eta100: eta * quadGrad(100, 1), fast: w1, slow: w2, steps };
}
/** The divergence threshold of GD on ½(100 w1² + w2²): bisection on both coordinates' iterates. */
function gdLimit2d(): number {
  const diverges = (eta: number) => {
    let a = 1;
    let b = 1;
    for (let t = 0; t < 200; t++) {
      a -= eta * quadGrad(100, a);
      b -= eta * quadGrad(1, b);
    }
    return Math.max(Math.abs(a), Math.abs(b)) >= 1;
  };
  return bisect(diverges, 0.001, 0.05, 50);
}

/** Stationary standard deviation of the EMA m ← βm + (1 − β)ξ of unit white noise: the geometric series Σ((1 − β)β^k)². */
const emaStd = (beta: number) => {
  let s = 0;
  for (let k = 0; k < 2000; k++) s += ((1 - beta) * beta ** k) ** 2;
  return Math.sqrt(s);
};

/** Adam fed g ~ N(μ, σ²) with μ = σ/10: mean and standard deviation of its update (η = 1), and the EMA's spread. */
let noisyMemo: { mean: number; sd: number; emaSd: number } | undefined;
function noisyAdam() {
  if (noisyMemo) return noisyMemo;
  const rng = createRng(22);
  const sigma = 1;
  const grads = Array.from({ length: 400_000 }, () => rng.gaussian(0.1 * sigma, sigma));
  const { steps } = adamSteps(grads);
  const tail = steps.slice(5000);
  const mean = tail.reduce((s, x) => s + x, 0) / tail.length;
  const sd = Math.sqrt(tail.reduce((s, x) => s + (x - mean) ** 2, 0) / tail.length);
  // The EMA alone, for the same noise (mean removed).
  let m = 0;
  const ms = grads.map((g) => (m = 0.9 * m + 0.1 * (g - 0.1 * sigma)));
  const mt = ms.slice(5000);
  const emaSd = Math.sqrt(mt.reduce((s, x) => s + x * x, 0) / mt.length);
  noisyMemo = { mean, sd, emaSd };
  return noisyMemo;
}

/** Adam + L2 and AdamW on a weight held at w = 1 with constant loss gradient g: the L2 term's share of the Adam step, and AdamW's extra decay. */
function decayShares(g: number, lambda = 0.01, w = 1) {
  const total = g + lambda * w;
  const { vhat } = adamSteps(constant(total, 3000));
  const full = adamSteps(constant(total, 3000)).steps.at(-1) as number;
  const l2Part = (lambda * w) / (Math.sqrt(vhat) + 1e-8);
  // AdamW: the Adam step on the loss gradient alone, plus λw; its extra over plain Adam.
  const adam = adamSteps(constant(g, 3000)).steps.at(-1) as number;
  const adamw = adam + lambda * w;
  return { total, share: l2Part / full, extra: adamw - adam };
}

/** Vaswani et al.'s schedule, its peak and the step of the peak (scan). */
function noamPeak(): { step: number; lr: number } {
  const lr = (t: number) => 512 ** -0.5 * Math.min(t ** -0.5, t * 4000 ** -1.5);
  let best = { step: 1, lr: lr(1) };
  for (let t = 2; t <= 20_000; t++) if (lr(t) > best.lr) best = { step: t, lr: lr(t) };
  return best;
}

/** The smallest positive fp16 number (the engine's rounding), by halving until it rounds to 0; returns −log2. */
function fp16SmallestExponent(): number {
  let x = 1;
  while (toFloat16(x / 2) > 0) x /= 2;
  return -Math.log2(x);
}

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "SGD: gradients 100× smaller move 100× less",
    anchor: { en: "## Why the scale of a gradient matters to SGD", zh: "## 梯度的尺度为什么影响 SGD" },
    find: { en: rx(String.raw`gradients 100 times smaller than late ones, they also move (\d+) times less`), zh: rx(String.raw`小 100 倍，它们的更新也就小 (\d+) 倍`) },
    compute: () => (0.1 * quadGrad(1, 1)) / (0.1 * quadGrad(1, 1 / 100)),
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "curvatures 100 and 1: stable for η < 2/100 = 0.02; at η = 0.019 factors −0.9 and 0.981, 361 steps to shrink 1000-fold",
    anchor: { en: "## Why the scale of a gradient matters to SGD", zh: "## 梯度的尺度为什么影响 SGD" },
    find: {
      en: rx(String.raw`\\eta < (?<two>\d)/100 = {N:limit}\$.*?\\eta = 0\.019\$ the steep coordinate is multiplied by \$1 - {N:eta100} = {N:fast}\$ per step, while the flat one is multiplied by \${N:slow}\$ and needs (?<steps>\d+) steps to shrink 1000-fold`),
      zh: rx(String.raw`\\eta < (?<two>\d)/100 = {N:limit}\$.*?\\eta = 0\.019\$ 时，陡峭的坐标每步乘以 \$1 - {N:eta100} = {N:fast}\$，平坦的坐标每步只乘以 \${N:slow}\$，要缩小到千分之一需要 (?<steps>\d+) 步`),
    },
    compute: () => {
      const limit = gdLimit2d();
      return { two: limit * 100, limit, ...badlyScaled() };
    },
    tol: { two: 1e-6, limit: 1e-6, eta100: 1e-9, fast: 1e-9, slow: 1e-9, steps: EXACT },
  },
  {
    note: NOTE,
    claim: "momentum: effective step 10η (β = 0.9), 100η (β = 0.99); 90 % of terminal velocity after 22 steps",
    anchor: { en: "On a constant gradient $g$, $v_t", zh: "梯度恒为 $g$ 时，$v_t" },
    find: {
      en: rx(String.raw`(?<b9>\d+) times \$\\eta\$ for \$\\beta = 0\.9\$, (?<b99>\d+) times for \$\\beta = 0\.99\$\. With \$\\beta = 0\.9\$ the velocity reaches 90 % of that terminal value after (?<t90>\d+) steps`),
      zh: rx(String.raw`\$\\beta = 0\.9\$ 时是 \$\\eta\$ 的 (?<b9>\d+) 倍，\$\\beta = 0\.99\$ 时是 (?<b99>\d+) 倍。\$\\beta = 0\.9\$ 时，速度在 (?<t90>\d+) 步后达到终值的 90 %`),
    },
    compute: () => {
      const terminal = velocity(0.9, 5000);
      let t90 = 0;
      while (velocity(0.9, t90) < 0.9 * terminal) t90++;
      return { b9: terminal, b99: velocity(0.99, 20_000), t90 };
    },
    tol: { b9: 1e-9, b99: 1e-9, t90: EXACT },
  },
  {
    note: NOTE,
    claim: "heavy ball on ½aw² is stable iff ηa < 2(1 + β): 3.8 for β = 0.9, 2 without momentum (bisection on the iterates)",
    anchor: { en: "On a constant gradient $g$, $v_t", zh: "梯度恒为 $g$ 时，$v_t" },
    find: {
      en: rx(String.raw`0 < \\eta a < (?<num>\d)\((?<one>\d)\+\\beta\)\$, that is \$\\eta a < {N:b9}\$ for \$\\beta = 0\.9\$, against \$\\eta a < (?<b0>\d)\$ without momentum`),
      zh: rx(String.raw`0 < \\eta a < (?<num>\d)\((?<one>\d)\+\\beta\)\$ 时稳定，\$\\beta = 0\.9\$ 时即 \$\\eta a < {N:b9}\$，而不用动量时是 \$\\eta a < (?<b0>\d)\$`),
    },
    compute: (w) => {
      // num and one from the limit at β = 0.5, each implied by the other.
      const half = heavyBallLimit(0.5);
      return { num: half / ((w.one as number) + 0.5), one: half / (w.num as number) - 0.5, b9: heavyBallLimit(0.9), b0: heavyBallLimit(0) };
    },
    tol: 1e-4,
  },
  {
    note: NOTE,
    claim: "Adam's worst-case step (1 − β1)/√(1 − β2) η ≈ 3.16η: a gradient after a long run of zeros",
    anchor: { en: "- The step is bounded.", zh: "- 步长有界。" },
    find: { en: rx(String.raw`that is \${N}\\,\\eta\$`), zh: rx(String.raw`默认参数下为 \${N}\\,\\eta\$`) },
    compute: () => adamSteps([...constant(1, 5), ...constant(0, 20_000), 1]).steps.at(-1) as number,
  },
  {
    note: NOTE,
    claim: "without bias correction: first step 3.16η, peak 6.57η near step 12, 1.26η after 1000 steps",
    anchor: { en: "- Bias correction matters.", zh: "- 偏差修正很重要。" },
    find: {
      en: rx(String.raw`\\approx {N:first}\$ times \$\\eta\$, the step would peak at about \${N:peak}\\,\\eta\$ near step (?<at>\d+), and still be \${N:late}\\,\\eta\$ after 1000 steps`),
      zh: rx(String.raw`\\approx {N:first}\$ 倍，约第 (?<at>\d+) 步达到峰值约 \${N:peak}\\,\\eta\$，1000 步后仍有 \${N:late}\\,\\eta\$`),
    },
    compute: () => {
      const { steps } = adamSteps(constant(1, 1000), { correct: false });
      const peak = Math.max(...steps);
      return { first: steps[0] as number, peak, at: steps.indexOf(peak) + 1, late: steps[999] as number };
    },
    tol: { at: EXACT },
  },
  {
    note: NOTE,
    claim: "ε floor: step 0.5η at |g| = 1e-8, 0.0099η at 1e-10 (Adam on a constant gradient)",
    anchor: { en: "$\\epsilon$ sets a floor.", zh: "$\\epsilon$ 定下了一个下限。" },
    find: {
      en: rx(String.raw`\${N:at8}\\,\\eta\$ at \$\\lvert g\\rvert = 10\^\{-8\}\$ and about \${N:at10}\\,\\eta\$ at \$10\^\{-10\}\$`),
      zh: rx(String.raw`\$\\lvert g\\rvert = 10\^\{-8\}\$ 时是 \${N:at8}\\,\\eta\$，\$10\^\{-10\}\$ 时只有约 \${N:at10}\\,\\eta\$`),
    },
    compute: () => ({ at8: adamSteps(constant(1e-8, 50)).steps.at(-1) as number, at10: adamSteps(constant(1e-10, 50)).steps.at(-1) as number }),
  },
  {
    note: NOTE,
    claim: "fp16 stores 1e-8 as 0; its smallest subnormal is 2^-24 (engine rounding)",
    anchor: { en: "$\\epsilon$ sets a floor.", zh: "$\\epsilon$ 定下了一个下限。" },
    find: { en: rx(String.raw`\(\$2\^\{-(\d+)\}\$\) and is stored as (\d)`), zh: rx(String.raw`（\$2\^\{-(\d+)\}\$），会被存成 (\d)`) },
    compute: () => [fp16SmallestExponent(), toFloat16(1e-8)],
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "noise: the EMA's std is 0.229σ; at μ = σ/10 Adam's drift ≈ 0.0995η and its random part ≈ 0.228η (Monte Carlo)",
    anchor: { en: "- Noise is amplified with the signal.", zh: "- 噪声和信号一起被放大。" },
    find: {
      en: rx(String.raw`\\approx {N:ema}\\,\\sigma\$\. At \$\\mu = \\sigma/10\$ the useful drift is about \${N:drift}\\,\\eta\$ per step while the random part has standard deviation about \${N:sd}\\,\\eta\$`),
      zh: rx(String.raw`\\approx {N:ema}\\,\\sigma\$。\$\\mu = \\sigma/10\$ 时，每步的有效漂移约为 \${N:drift}\\,\\eta\$，随机部分的标准差约为 \${N:sd}\\,\\eta\$`),
    },
    compute: () => {
      // The note's approximations: drift μ/√(μ² + σ²), random part (EMA spread)/√(μ² + σ²), with μ = σ/10 = 0.1.
      const rms = Math.sqrt(0.1 ** 2 + 1);
      const mc = noisyAdam();
      // "about": the simulated Adam agrees with them up to the √v̂ noise they leave out.
      expect(mc.emaSd, "Monte Carlo EMA spread vs the geometric series").toBeCloseTo(emaStd(0.9), 2);
      expect(Math.abs(mc.mean - 0.1 / rms), `simulated drift ${mc.mean}`).toBeLessThan(0.002);
      expect(Math.abs(mc.sd - emaStd(0.9) / rms), `simulated spread ${mc.sd}`).toBeLessThan(0.003);
      return { ema: emaStd(0.9), drift: 0.1 / rms, sd: emaStd(0.9) / rms };
    },
  },
  {
    note: NOTE,
    claim: "AdamW example: L2 gradients 10.01 and 0.011, decay shares 0.001 and 0.909; AdamW decays by 0.01η",
    anchor: { en: "Example with $w = 1$", zh: "例子：$w = 1$" },
    find: {
      en: rx(String.raw`Example with \$w = 1\$ and \$\\lambda = 0\.01\$ on two weights with constant loss gradients \$10\$ and \$0\.001\$\. With L2 inside Adam the gradients become \${N:t1}\$ and \${N:t2}\$.*?\$0\.01/10\.01 \\approx {N:s1}\$ for the first weight but \$0\.01/0\.011 \\approx {N:s2}\$.*?\\eta\\lambda w = {N:extra}\\,\\eta\$`),
      zh: rx(String.raw`例子：\$w = 1\$、\$\\lambda = 0\.01\$，两个权重的损失梯度分别恒为 \$10\$ 和 \$0\.001\$。把 L2 放进 Adam，梯度变成 \${N:t1}\$ 和 \${N:t2}\$.*?\$0\.01/10\.01 \\approx {N:s1}\$，对第二个却是 \$0\.01/0\.011 \\approx {N:s2}\$.*?\\eta\\lambda w = {N:extra}\\,\\eta\$`),
    },
    compute: () => {
      const a = decayShares(10);
      const b = decayShares(0.001);
      expect(a.extra).toBeCloseTo(b.extra, 12);
      return { t1: a.total, t2: b.total, s1: a.share, s2: b.share, extra: a.extra };
    },
    tol: { t1: 1e-9, t2: 1e-9, extra: 1e-9 },
  },
  {
    note: NOTE,
    claim: "Vaswani schedule with d = 512, T = 4000 peaks at about 6.99e-4 at step 4000 (scan)",
    anchor: { en: "a linear ramp to a peak", zh: "线性升到第" },
    find: {
      en: rx(String.raw`with \$d_\{\\text\{model\}\} = 512\$ and \$T = 4000\$: a linear ramp to a peak of about \${N:lr}\$ at step (?<step>\d+)`),
      zh: rx(String.raw`其中 \$d_\{\\text\{model\}\} = 512\$、\$T = 4000\$：线性升到第 (?<step>\d+) 步的峰值约 \${N:lr}\$`),
    },
    compute: () => noamPeak(),
    tol: { step: EXACT },
  },
  {
    note: NOTE,
    claim: "after a spike, Adam's v (β2 = 0.999) takes 693 steps to halve (Adam's own v after one huge gradient)",
    anchor: { en: "## Clipping with Adam", zh: "## Adam 配合梯度裁剪" },
    find: { en: rx(String.raw`\\beta_2 = 0\.999\$ it takes (\d+) steps to halve`), zh: rx(String.raw`\\beta_2 = 0\.999\$ 时要 (\d+) 步才减半`) },
    compute: () => {
      // Adam's second-moment update, run through a quiet stretch of 0.01s, one gradient of 1000, and quiet again:
      // steps until v's excess over the quiet level has halved.
      const beta2 = 0.999;
      const quiet = 0.01;
      let v = 0;
      const step = (g: number) => (v = beta2 * v + (1 - beta2) * g * g);
      for (let t = 0; t < 30_000; t++) step(quiet);
      const base = v;
      step(1000);
      const jump = v - base;
      let k = 0;
      while (v - base > jump / 2) {
        step(quiet);
        k++;
      }
      return k;
    },
    tol: EXACT,
  },
  // Cards
  {
    note: NOTE,
    claim: "card: momentum's effective step 10η and 100η",
    anchor: "^momentum-effective-step",
    find: { en: rx(String.raw`(?<b9>\d+) times \$\\eta\$ for \$\\beta = 0\.9\$, (?<b99>\d+) times`), zh: rx(String.raw`\$\\beta = 0\.9\$ 时为 \$\\eta\$ 的 (?<b9>\d+) 倍，\$\\beta = 0\.99\$ 时为 (?<b99>\d+) 倍`) },
    compute: () => ({ b9: velocity(0.9, 5000), b99: velocity(0.99, 20_000) }),
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "card: Adam's worst-case step 3.16η",
    anchor: "^adam-invariance",
    find: rx(String.raw`==\${N}\\,\\eta\$==`),
    compute: () => adamSteps([...constant(1, 5), ...constant(0, 20_000), 1]).steps.at(-1) as number,
  },
  {
    note: NOTE,
    claim: "card: without bias correction, first step 3.16η and peak near 6.6η",
    anchor: "^adam-bias-correction",
    find: rx(String.raw`\${N:first}\\,\\eta\$.*?\${N:peak}\\,\\eta\$`),
    compute: () => {
      const { steps } = adamSteps(constant(1, 1000), { correct: false });
      return { first: steps[0] as number, peak: Math.max(...steps) };
    },
  },
  {
    note: NOTE,
    claim: "card: at |g| = ε Adam's step is η/2",
    anchor: "^adam-epsilon-floor",
    find: rx(String.raw`==\$\\eta/(\d)\$==`),
    compute: () => 1 / (adamSteps(constant(1e-8, 50)).steps.at(-1) as number),
    tol: 1e-6,
  },
];

describeClaims(`numbers in ${NOTE}`, claims, { notes: 1, minEdits: 76 });

describe(`${NOTE}: statements without a number to read`, () => {
  it("RMSProp and Adam take the same step whatever the gradient's scale; a zero gradient gives no step", () => {
    for (const g of [1e-3, 1, 1e3]) {
      // Within ε's share: |g|/(|g| + ε) ≥ 1 − 10⁻⁵ for these g.
      expect(adamSteps(constant(g, 200)).steps.at(-1)).toBeCloseTo(1, 4);
      expect(adamSteps(constant(g, 1)).steps[0]).toBeCloseTo(1, 4);
      // RMSProp is Adam with β1 = 0 (m = g), ρ = 0.9 in place of β2.
      expect(adamSteps(constant(g, 500), { beta1: 0, beta2: 0.9 }).steps.at(-1)).toBeCloseTo(1, 4);
    }
    expect(adamSteps(constant(0, 100)).steps.every((s) => s === 0)).toBe(true);
  });
});
