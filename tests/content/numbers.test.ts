import { describe, expect, it } from "vitest";
import {
  analyzeMatrix,
  batchNormForward,
  clipByGlobalNorm,
  createRng,
  explodingWindow,
  FeedforwardNet,
  forward,
  forwardBackward,
  gaussianMatrix,
  heVariance,
  jacobian,
  jacobianProduct,
  LEAKY_SLOPE,
  leakyRelu,
  leakyReluPrime,
  matmul,
  matVec,
  MAX_SIGMOID_PRIME,
  networkJacobians,
  randomNetwork,
  relu,
  reluPrime,
  rnnJacobians,
  type LayerSpec,
  type Matrix,
  type NetworkSpec,
  sigmoid,
  sigmoidPrime,
  singularValues,
  tanhPrime,
  uniformVector,
  xavierVariance,
} from "@/lib/engine";
import { block, CELLS, type Claim, describeClaims, EXACT, extract, LANGS, type Lang, parseNumber, rx, source, word } from "./claims";
import { bisect, gaussTwoSided, goldenMax, grid, gridMax, phi, simpson } from "./numeric";

/**
 * Every number the notes state that can be computed (bounds, ratios, window
 * widths, Xavier/He values, worked-example gradients, norms, probabilities) is
 * read FROM the Markdown (en and zh) and compared with a value computed by
 * lib/engine, or by an independent numeric method (grid search, bisection,
 * quadrature, Monte Carlo with createRng) where the engine has no direct
 * function. Editing a number in a note, or rewording the sentence so the
 * number can no longer be found, fails the test.
 *
 * A claim is { note, anchor, find, compute, tol }:
 * - anchor narrows the search to one block of the note:
 *     "^marker"   the card whose last line ends with that marker,
 *     "## Title"  that section (up to the next heading of the same level or higher),
 *     "| cell |"  the table row starting with that text,
 *     otherwise   the one paragraph containing that text.
 *   A different anchor/regex per language is given as { en, zh }.
 * - find is a regex whose capture groups are the numbers as written (named
 *   groups → compute returns a record; a /g regex → group 1 of every match),
 *   or CELLS: every cell of the anchored table row after the first.
 * - tol: by default half a unit in the last digit written ("0.385" → 5e-4,
 *   "9.5×10⁻⁷" → 5e-9, "117" → 0.5); EXACT for stated identities; an explicit
 *   number where the prose is looser than its digits ("about one in three") or
 *   where Monte Carlo noise has to be allowed for.
 * Empirical numbers (Nielsen's MNIST accuracies and speeds, typical clipping
 * thresholds, Adam defaults, years) cannot be computed and are not checked,
 * except for arithmetic the notes do on them.
 */

/** A one-neuron-per-layer chain: z_j = w_j a_{j-1} + b_j. */
function chain(w: readonly number[], b: readonly number[], activation: LayerSpec["activation"] = "sigmoid"): NetworkSpec {
  return { layers: w.map((wj, j) => ({ W: [[wj]], b: [b[j] as number], activation })), loss: "mse" };
}
/** ∂C/∂b_j of a chain for input x and target y (C = ½(a_L − y)²), via forwardBackward. */
function chainBiasGrads(w: readonly number[], b: readonly number[], x: number, y = 0): number[] {
  return forwardBackward(chain(w, b), [x], [y]).layers.map((l) => l.db[0] as number);
}
/** Biases that put every pre-activation of a sigmoid chain (input x) at z = target[j]. */
function biasesFor(w: readonly number[], x: number, targets: readonly number[]): number[] {
  let a = x;
  return w.map((wj, j) => {
    const z = targets[j] as number;
    const bj = z - wj * a;
    a = sigmoid(z);
    return bj;
  });
}

/** |∂C/∂b_3| / |∂C/∂b_1| of a 4-neuron sigmoid chain. */
function ratioB3B1(w: readonly number[], b: readonly number[], x: number): number {
  const g = chainBiasGrads(w, b, x, -1);
  return Math.abs((g[2] as number) / (g[0] as number));
}

/**
 * The smallest |∂C/∂b_3| / |∂C/∂b_1| over 4-neuron chains with the given
 * constraint on (w2, w3): random chains plus the chain with z1 = z2 = 0, where
 * both σ′ reach 1/4.
 */
function minRatio(drawW23: (u: () => number) => [number, number], seed: number, samples = 3000, extremal?: [number, number]): number {
  const rng = createRng(seed);
  const u = () => rng.uniform(-1, 1);
  let best = Infinity;
  for (let s = 0; s <= samples; s++) {
    const [w2, w3] = s === 0 && extremal ? extremal : drawW23(u);
    const w = [rng.uniform(-3, 3), w2, w3, rng.uniform(-3, 3)];
    const x = rng.uniform(-2, 2);
    const b = s === 0 ? biasesFor(w, x, [0, 0, 0.3, -0.2]) : [u() * 3, u() * 3, u() * 3, u() * 3];
    best = Math.min(best, ratioB3B1(w, b, x));
  }
  return best;
}

/** Gradient descent on f(w) = ½ a w² with the gradient from the engine: a one-unit linear layer, input √a, target 0. */
function gdIterates(a: number, eta: number, w0: number, steps: number): number[] {
  const out = [w0];
  let w = w0;
  for (let t = 0; t < steps; t++) {
    const tr = forwardBackward({ layers: [{ W: [[w]], b: [0], activation: "linear" }], loss: "mse" }, [Math.sqrt(a)], [0]);
    w -= eta * ((tr.layers[0] as { dW: number[][] }).dW[0]![0] as number);
    out.push(w);
  }
  return out;
}
/** The smallest learning rate at which |w_t| no longer shrinks, by bisection. */
const divergenceThreshold = (a: number) =>
  bisect((eta) => Math.abs(gdIterates(a, eta, 1, 60)[60] as number) >= 1, 0.01 / a, 10 / a, 60);

/** Width of {a : |w σ′(w a)| ≥ 1} by bisection on σ′ alone (no closed form). */
function windowWidthByBisection(w: number): number {
  const aw = Math.abs(w);
  if (aw * sigmoidPrime(0) < 1) return 0;
  // |w σ′(u)| ≥ 1 on |u| ≤ L; find L on u ∈ [0, 60].
  const L = bisect((u) => aw * sigmoidPrime(u) < 1, 0, 60, 200);
  return (2 * L) / aw;
}

const power = (A: Matrix, k: number): Matrix => {
  let P = A;
  for (let i = 1; i < k; i++) P = matmul(P, A);
  return P;
};
const oneByOne = (x: number): Matrix => [[x]];
const repeatProduct = (x: number, n: number) => (jacobianProduct(Array.from({ length: n }, () => oneByOne(x)))[0]![0] as number);

/** Spectral norm by power iteration on AᵀA with engine matVec (for matrices too big for the Jacobi SVD). */
function powerIterationNorm(A: Matrix, iters = 50): number {
  const At = A[0]!.map((_, j) => A.map((row) => row[j] as number));
  let v = A[0]!.map((_, j) => 1 + 0.001 * j);
  let s = 0;
  for (let i = 0; i < iters; i++) {
    const w = matVec(At, matVec(A, v));
    const n = Math.hypot(...w);
    s = Math.sqrt(n / Math.hypot(...v));
    v = w.map((x) => x / n);
  }
  return s;
}

/** E[relu(z)²] / Var(z) for z ~ N(0, 1), by quadrature. */
const reluSecondMoment = simpson((z) => relu(z) ** 2 * phi(z), -40, 40, 200_000);
/** E[leakyRelu(z)²] / Var(z) for z ~ N(0, 1) with the engine's slope α, by quadrature. */
const leakySecondMoment = simpson((z) => leakyRelu(z) ** 2 * phi(z), -40, 40, 200_000);

/**
 * The leaky He variance num/((one + α^exp) n_in) written in a note preserves
 * the forward variance, n_in · v · E[lrelu(z)²] = 1. Each constant as implied
 * by the other two.
 */
function leakyHeConstants(w: Readonly<Record<string, number>>): Record<string, number> {
  const a = LEAKY_SLOPE;
  const num = w.num as number;
  const one = w.one as number;
  const exp = w.exp as number;
  return {
    num: (one + a ** exp) / leakySecondMoment,
    one: num * leakySecondMoment - a ** exp,
    exp: Math.log(num * leakySecondMoment - one) / Math.log(a),
  };
}

/** Gradient-descent step 1 − ηa: the boundary between monotone and oscillating convergence, times a (bisection). */
const monotoneBoundary = (a: number) => a * bisect((eta) => (gdIterates(a, eta, 1, 1)[1] as number) < 0, 0.01 / a, 1.9 / a, 80);

// Shared computations (memoised through the claims that use them).
const workedW = [0.9, -0.7, 0.5, 1.1];
const workedB = [0.2, -0.1, 0.3, 0];
const worked = () => forwardBackward(chain(workedW, workedB), [1], [0]);
const workedDb = () => worked().layers.map((l) => l.db[0] as number);

let sixteenMemo: number | undefined;
/** inf |∂C/∂b3|/|∂C/∂b1| over chains with |w2 w3| ≤ 1. */
const sixteen = () =>
  (sixteenMemo ??= minRatio((u) => {
    const w2 = Math.sign(u() || 1) * Math.exp(2 * u());
    const w3 = (Math.sign(u() || 1) * Math.abs(u())) / Math.abs(w2);
    return [w2, w3];
  }, 16, 3000, [1, -1]));

/** max |w σ′(z)| over |w| ≤ 1 and a grid of z containing 0. */
const maxFactorSmallW = () => gridMax((w) => gridMax((z) => Math.abs(w * sigmoidPrime(z)), -10, 10, 400), -1, 1, 40);

/** The smallest |w| for which some input gives |w σ′(w a + b)| ≥ 1 (grid max over z, bisection over w). */
const growthThresholdW = () => bisect((w) => gridMax((z) => w * sigmoidPrime(z), -20, 20, 4000) >= 1, 1, 10, 60);

let windowMaxMemo: { at: number; max: number } | undefined;
const windowMax = () => (windowMaxMemo ??= goldenMax((w) => (explodingWindow(w) as { width: number }).width, 4, 30));

const xavierRow = (nIn: number, nOut: number) => [xavierVariance(nIn, nOut), Math.sqrt(xavierVariance(nIn, nOut)), heVariance(nIn), Math.sqrt(heVariance(nIn))];

/** Per-layer variance factor n_in · v · E[relu(z)²]/Var(z) of a ReLU layer with v = 1/n_in (LeCun). */
const lecunReluFactor = () => 256 * (1 / 256) * reluSecondMoment;

/** Fraction of active ReLU units per layer, He init, zero biases, Gaussian inputs. */
let activeMemo: number[] | undefined;
function activeFractions(): number[] {
  if (activeMemo) return activeMemo;
  const rng = createRng(6);
  const net = FeedforwardNet.fromSpec(randomNetwork(rng, { widths: [100, 200, 200, 200, 200, 200, 200, 200, 200], activation: "relu", init: "he" }));
  const counts = new Array<number>(8).fill(0);
  const inputs = 60;
  for (let i = 0; i < inputs; i++) {
    const x = Array.from({ length: 100 }, () => rng.gaussian());
    forward(net, x).layers.forEach((l, k) => {
      counts[k] = (counts[k] as number) + l.z.filter((z) => z > 0).length / l.z.length;
    });
  }
  activeMemo = counts.map((c) => c / inputs);
  return activeMemo;
}

/** Mean squared gain (1/n)‖J‖_F² of He-initialised ReLU layers, from the engine's layer Jacobians. */
function heSquaredGain(): number {
  const rng = createRng(7);
  const n = 256;
  const net = randomNetwork(rng, { widths: [n, n, n, n, n], activation: "relu", init: "he" });
  const x = Array.from({ length: n }, () => rng.gaussian());
  const Js = networkJacobians(net, x);
  const gains = Js.map((J) => J.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0) / n);
  return gains.reduce((s, g) => s + g, 0) / gains.length;
}

/** Scalar RNN h_t = f(w h_{t−1} + u x_t): the product of the T step Jacobians, from rnnJacobians. */
function rnnFactor(w: number, activation: "tanh" | "linear", xs: readonly number[], h0 = 0): number {
  const model = {
    rnn: { W: [[w]], U: [[1]], b: [0], activation, h0: [h0] },
    readout: { V: [[1]], c: [0] },
  };
  const Js = rnnJacobians(model, xs.map((x) => [x]));
  return jacobianProduct(Js)[0]![0] as number;
}

/** Largest T-step factor of a scalar tanh RNN with |w| = 0.9 over zero and random input sequences. */
function tanhRnnMaxFactor(): number {
  const rng = createRng(10);
  let best = Math.abs(rnnFactor(0.9, "tanh", new Array<number>(50).fill(0)));
  for (let s = 0; s < 50; s++) {
    const xs = Array.from({ length: 50 }, () => rng.gaussian(0, 0.5));
    best = Math.max(best, Math.abs(rnnFactor(s % 2 ? 0.9 : -0.9, "tanh", xs, rng.gaussian())));
  }
  return best;
}

/** Minimal DNF size of n-bit parity: every odd-weight pattern is a prime implicant on its own. */
function parityDnfTerms(n: number): number {
  let count = 0;
  for (let x = 0; x < 1 << n; x++) {
    let bits = 0;
    for (let k = 0; k < n; k++) bits += (x >> k) & 1;
    if (bits % 2 === 1) {
      // No neighbour (one bit flipped) is also a 1 of parity, so no two minterms merge.
      for (let k = 0; k < n; k++) if ((bits + (((x >> k) & 1) ? -1 : 1)) % 2 === 1) throw new Error("parity minterm merges");
      count++;
    }
  }
  return count;
}

/** A balanced XOR tree over n inputs: gate count and depth, checked to compute parity. */
function xorTree(n: number): { gates: number; depth: number } {
  let level: { depth: number; f: (x: number) => number }[] = Array.from({ length: n }, (_, k) => ({ depth: 0, f: (x: number) => (x >> k) & 1 }));
  let gates = 0;
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      const a = level[i]!;
      const b = level[i + 1]!;
      next.push({ depth: Math.max(a.depth, b.depth) + 1, f: (x) => a.f(x) ^ b.f(x) });
      gates++;
    }
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  const root = level[0]!;
  for (let x = 0; x < 1 << Math.min(n, 10); x++) {
    let p = 0;
    for (let k = 0; k < n; k++) p ^= (x >> k) & 1;
    if (root.f(x) !== p) throw new Error(`XOR tree over ${n} inputs is not parity`);
  }
  return { gates, depth: root.depth };
}

/** n − gates of the XOR tree, the same for every n = 1..40. */
function xorTreeMissingGates(): number {
  const missing = new Set(grid(1, 40, 39).map((n) => n - xorTree(n).gates));
  expect(missing.size).toBe(1);
  return [...missing][0]!;
}
/** The XOR tree's depth is ⌈log_k n⌉ with k its gates' fan-in, 2 (checked for n = 1..40); returns k. */
function xorTreeLogBase(): number {
  const fanIn = 2;
  for (let n = 1; n <= 40; n++) expect(xorTree(n).depth, `depth of the XOR tree over ${n} inputs`).toBe(Math.ceil(Math.log2(n)));
  return fanIn;
}

// ---------------------------------------------------------------------------
// The claims
// ---------------------------------------------------------------------------

const speedsRows = {
  en: ["| 2 hidden layers |", "| 3 hidden layers |", "| 4 hidden layers |"],
  zh: ["| 2 个隐藏层 |", "| 3 个隐藏层 |", "| 4 个隐藏层 |"],
};
/** Speeds from the note's own table (empirical; only the arithmetic on them is checked). */
const speeds = (lang: Lang) =>
  speedsRows[lang].map((row) =>
    extract(block(source(lang, "01-symptoms"), row), CELLS)
      .map((w) => parseNumber(w.raw).value),
  );
const speedRatios = (lang: Lang) => speeds(lang).flatMap((r) => r.slice(1).map((v, i) => v / (r[i] as number)));

/** The ratio last/first allowed by two speeds printed to 3 decimals (±0.0005 each). */
function ratioRange(first: number, last: number) {
  const h = 0.0005;
  return { lastLo: last - h, firstHi: first + h, lo: (last - h) / (first + h), lastHi: last + h, firstLo: first - h, hi: (last + h) / (first - h) };
}

const claims: Claim[] = [
  // 01 — arithmetic on Nielsen's measured speeds
  {
    note: "01-symptoms",
    claim: "each step towards the input divides the speed by 4 to 6 (min and max ratio in the table)",
    anchor: { en: "divides the speed by roughly", zh: "速度大约除以" },
    find: { en: rx(String.raw`divides the speed by roughly {N} to {N}`), zh: rx(String.raw`速度大约除以 {N} 到 {N}`) },
    compute: () => {
      const r = speedRatios("en");
      expect(speedRatios("zh")).toEqual(r);
      return [Math.min(...r), Math.max(...r)];
    },
  },
  {
    note: "01-symptoms",
    claim: "first hidden layer: 0.285/0.003 = 95, and the range 81–114 the printed digits allow",
    anchor: "0.285/0.003",
    find: rx(
      String.raw`\$(?<last>\d\.\d+)/(?<first>\d\.\d+) = {N:ratio}\$.*?\$(?<lastLo>\d\.\d+)/(?<firstHi>\d\.\d+) \\approx {N:lo}\$.*?\$(?<lastHi>\d\.\d+)/(?<firstLo>\d\.\d+) \\approx {N:hi}\$`,
    ),
    compute: () => {
      // The quotient is written with the table's own numbers; the range with
      // each one moved by half a unit in its last printed digit.
      const s4 = speeds("en")[2]!;
      const [first, last] = [s4[0]!, s4[3]!];
      const r = ratioRange(first, last);
      return { last, first, ratio: last / first, lastLo: r.lastLo, firstHi: r.firstHi, lo: r.lo, lastHi: r.lastHi, firstLo: r.firstLo, hi: r.hi };
    },
    tol: { last: EXACT, first: EXACT, ratio: 1e-9, lastLo: 1e-12, firstHi: 1e-12, lastHi: 1e-12, firstLo: 1e-12 },
  },
  {
    note: "01-symptoms",
    claim: "card: the last hidden layer starts 81 to 114 times faster",
    anchor: "^speeds-four-layers",
    find: { en: rx(String.raw`anywhere from {N} to {N} times`), zh: rx(String.raw`所以是 {N} 到 {N} 倍之间`) },
    compute: () => {
      const s4 = speeds("en")[2]!;
      const r = ratioRange(s4[0]!, s4[3]!);
      return [r.lo, r.hi];
    },
  },

  // 02 — the one-neuron chain
  {
    note: "02-one-neuron-chain",
    claim: "|w σ′(z)| ≤ 1/4 when |w| ≤ 1",
    anchor: String.raw`\lvert w_k \sigma'(z_k)\rvert \le \tfrac14`,
    find: rx(String.raw`\\rvert \\le {F}`),
    compute: maxFactorSmallW,
  },
  {
    note: "02-one-neuron-chain",
    claim: "with |w2 w3| ≤ 1 the gradient of b3 is at least 16 times that of b1 (infimum over chains)",
    anchor: { en: "**at least 16 times**", zh: "的 16 倍。" },
    find: { en: rx(String.raw`\*\*at least {N} times\*\*`), zh: rx(String.raw`\*\*至少\*\*是 \$b_1\$ 的 {N} 倍`) },
    compute: sixteen,
    tol: 1e-6,
  },
  {
    note: "02-one-neuron-chain",
    claim: "16 is a lower bound under |w2 w3| ≤ 1",
    anchor: { en: "*lower bound*", zh: "**下界**" },
    find: { en: rx(String.raw`^- {N} is a \*lower bound\*`, "m"), zh: rx(String.raw`^- {N} 是在`, "m") },
    compute: sixteen,
    tol: 1e-6,
  },
  {
    note: "02-one-neuron-chain",
    claim: "with |w2| = |w3| = 3 the ratio can drop to 16/9 ≈ 1.8; below 1 needs |w2 w3| > 16",
    anchor: "16/9",
    find: {
      en: rx(String.raw`= (?<w>\d+)\$.*?\$(?<frac>\d+/\d+) \\approx {N:approx}\$.*?w_3\\rvert > {N:product}\$ \(for example both weights above {N:each} in magnitude\)`),
      zh: rx(String.raw`= (?<w>\d+)\$.*?\$(?<frac>\d+/\d+) \\approx {N:approx}\$.*?w_3\\rvert > {N:product}\$（例如两个权重的绝对值都大于 {N:each}）`),
    },
    compute: () => {
      const at3 = minRatio((u) => [u() > 0 ? 3 : -3, u() > 0 ? 3 : -3], 3, 1500);
      // Largest |w2 w3| for which the ratio cannot go below 1: bisection on the product.
      const product = bisect((p) => minRatio(() => [Math.sqrt(p), Math.sqrt(p)], 5, 0) < 1, 1, 100, 60);
      return { w: 3, frac: at3, approx: at3, product, each: Math.sqrt(product) };
    },
    tol: { w: EXACT, frac: 1e-9, product: 1e-6, each: 1e-6 },
  },
  {
    note: "02-one-neuron-chain",
    claim: "for w ~ N(0,1), P(|w| < 1) ≈ 0.68 (Monte Carlo)",
    anchor: { en: "standard Gaussian initialisation", zh: "标准高斯初始化" },
    find: rx(String.raw`P\(\\lvert w\\rvert<1\) \\approx {N}\$`),
    compute: () => {
      const rng = createRng(68);
      const n = 400_000;
      let inside = 0;
      for (let i = 0; i < n; i++) if (Math.abs(rng.gaussian()) < 1) inside++;
      return inside / n;
    },
  },
  {
    note: "02-one-neuron-chain",
    claim: "about one weight in three has |w| > 1",
    anchor: { en: "standard Gaussian initialisation", zh: "标准高斯初始化" },
    find: { en: rx(String.raw`about one weight in (\w+) has`), zh: rx(String.raw`约(三分之一)的权重`) },
    parse: { en: (s) => 1 / word(s), zh: word },
    compute: () => gaussTwoSided(1),
    tol: 0.02,
  },
  {
    note: "02-one-neuron-chain",
    claim: "extra layers: 1/16 = 0.0625, 1/256 ≈ 0.0039, (1/4)^10 ≈ 9.5e-7 (chain at z = 0, w = 1 attains the bound)",
    anchor: { en: "Each extra layer contributes", zh: "每多一层就多一个" },
    find: rx(String.raw`\$(?<f2>1/16) = {N:d2}\$.*?\$(?<f4>1/256) \\approx {N:d4}\$.*?\$\(1/4\)\^\{10\} \\approx {N:d10}\$`),
    compute: () => {
      const w = new Array<number>(11).fill(1);
      const g = chainBiasGrads(w, biasesFor(w, 0, new Array<number>(11).fill(0)), 0, 5);
      const over = (k: number) => Math.abs((g[0] as number) / (g[k] as number));
      return { f2: over(2), d2: over(2), f4: over(4), d4: over(4), d10: over(10) };
    },
    tol: { f2: EXACT, f4: EXACT },
  },
  {
    note: "02-one-neuron-chain",
    claim: "card: each extra layer at most 1/4, ten layers at most (1/4)^10 ≈ 9.5e-7",
    anchor: "^per-layer-quarter",
    find: rx(String.raw`==\$(?<one>1/4)\$==.*?==\$\(1/4\)\^\{10\} \\approx {N:ten}\$==`),
    compute: () => ({ one: maxFactorSmallW(), ten: maxFactorSmallW() ** 10 }),
  },
  ...[1, 2, 3, 4].map(
    (j): Claim => ({
      note: "02-one-neuron-chain",
      claim: `worked example, forward pass row ${j}: z, a, σ′(z), w σ′(z)`,
      anchor: `| ${j} |`,
      find: CELLS,
      compute: () => {
        const l = worked().layers[j - 1]!;
        return [l.z[0]!, l.a[0]!, l.fPrime[0]!, workedW[j - 1]! * l.fPrime[0]!];
      },
    }),
  ),
  {
    note: "02-one-neuron-chain",
    claim: "worked example: ∂C/∂a4 = a4 − y = 0.6633",
    anchor: String.raw`\partial C/\partial a_4 = a_4 - y`,
    find: rx(String.raw`a_4 - y = {N}\$`),
    compute: () => worked().output[0]!,
  },
  {
    note: "02-one-neuron-chain",
    claim: "worked example: backward pass, every factor and ∂C/∂b4..∂C/∂b1 = 0.1481, 0.0385, 0.00437, −0.000574",
    anchor: String.raw`\frac{\partial C}{\partial b_4} &=`,
    // Every decimal in the four lines, in order: σ′(z_j), the weight, the previous gradient, the result.
    find: rx(String.raw`(-?\d+\.\d+)`, "g"),
    compute: () => {
      const t = worked();
      const sp = t.layers.map((l) => l.fPrime[0]!);
      const [d1, d2, d3, d4] = workedDb() as [number, number, number, number];
      return [sp[3]!, t.output[0]!, d4, sp[2]!, workedW[3]!, d4, d3, sp[1]!, workedW[2]!, d3, d2, sp[0]!, workedW[1]!, d2, d1];
    },
  },
  {
    note: "02-one-neuron-chain",
    claim: "worked example: ratio b3/b1 ≈ 67, |w2 w3| = 0.35, last-to-first ≈ 258",
    anchor: "0.0385 / 0.000574",
    find: {
      en: rx(String.raw`\\approx {N:r31}\$.*?\\lvert w_2 w_3\\rvert = {N:w23}\$.*?about \$(?<r41>\d+)\$`),
      zh: rx(String.raw`\\approx {N:r31}\$.*?\\lvert w_2 w_3\\rvert = {N:w23}\$.*?约 \$(?<r41>\d+)\$ 倍`),
    },
    compute: () => {
      const g = workedDb();
      return { r31: Math.abs(g[2]! / g[0]!), w23: Math.abs(workedW[1]! * workedW[2]!), r41: Math.abs(g[3]! / g[0]!) };
    },
    tol: { w23: EXACT },
  },
  {
    note: "02-one-neuron-chain",
    claim: "card: about 67 times (0.0385 vs 0.000574)",
    anchor: "^worked-ratio",
    find: { en: rx(String.raw`About {N} times \({N} vs {N}\)`), zh: rx(String.raw`约 {N} 倍（{N} 对 {N}）`) },
    compute: () => {
      const g = workedDb();
      return [Math.abs(g[2]! / g[0]!), Math.abs(g[2]!), Math.abs(g[0]!)];
    },
  },
  {
    note: "02-one-neuron-chain",
    claim: "card: |∂C/∂b3| ≥ 16 |∂C/∂b1| when |w2 w3| ≤ 1",
    anchor: "^sixteen-condition",
    find: rx(String.raw`\\ge {N}\\,.*?\\lvert w_2 w_3\\rvert \\le {N}\$.*?\\le {F}\$`),
    compute: () => [sixteen(), 1, maxFactorSmallW()],
    tol: [1e-6, EXACT, undefined],
  },
  {
    note: "02-one-neuron-chain",
    claim: "card: 16 is a lower bound when |w2 w3| ≤ 1",
    anchor: "^sixteen-not-law",
    find: { en: rx(String.raw`{N} is a lower bound`), zh: rx(String.raw`{N} 是 \$`) },
    compute: sixteen,
    tol: 1e-6,
  },

  // 03 — the sigmoid derivative
  {
    note: "03-sigmoid-derivative",
    claim: "σ′(z) ≤ 1/4 with equality only at z = 0 (golden-section maximum)",
    anchor: { en: String.raw`So $\sigma'(z) \le 1/4$`, zh: String.raw`所以 $\sigma'(z) \le 1/4$` },
    find: rx(String.raw`\\sigma'\(z\) \\le {F:max}\$.*?\$z = {N:at}\$`),
    compute: () => {
      const g = goldenMax(sigmoidPrime, -5, 4);
      expect(MAX_SIGMOID_PRIME).toBe(sigmoidPrime(0));
      return { max: g.max, at: g.at };
    },
    tol: { max: 1e-12, at: 1e-6 },
  },
  ...[0, 1, 2, 5].map(
    (z): Claim => ({
      note: "03-sigmoid-derivative",
      claim: `table: σ(${z}) and σ′(${z})`,
      anchor: `| ${z} |`,
      find: CELLS,
      compute: () => [sigmoid(z), sigmoidPrime(z)],
    }),
  ),
  {
    note: "03-sigmoid-derivative",
    claim: "tanh′(z) = 4σ′(2z), at most 1 (at z = 0); tanh′(1) ≈ 0.420, tanh′(2) ≈ 0.0707",
    anchor: { en: "## Tanh", zh: "## tanh" },
    find: {
      en: rx(String.raw`maximum {N:max} at \$z = 0\$. For example \$\\tanh'\(1\) \\approx {N:t1}\$ and \$\\tanh'\(2\) \\approx {N:t2}\$`),
      zh: rx(String.raw`取最大值 {N:max}。例如 \$\\tanh'\(1\) \\approx {N:t1}\$，\$\\tanh'\(2\) \\approx {N:t2}\$`),
    },
    compute: () => ({ max: goldenMax(tanhPrime, -3, 2).max, t1: tanhPrime(1), t2: tanhPrime(2) }),
    tol: { max: 1e-12 },
  },
  {
    note: "03-sigmoid-derivative",
    claim: "tanh′(z) = 4σ′(2z) (the factor, on a grid) and tanh passes gradients four times better near 0",
    anchor: { en: "## Tanh", zh: "## tanh" },
    find: {
      en: rx(String.raw`= {N:factor}\\,\\sigma'\(2z\).*?passes gradients (?<near0>\w+) times better`),
      zh: rx(String.raw`= {N:factor}\\,\\sigma'\(2z\).*?传递梯度的能力是 sigmoid 的 {N:near0} 倍`),
    },
    parse: { en: (s) => (/^\d+$/.test(s) ? Number(s) : word(s)), zh: Number },
    compute: () => {
      const ratios = grid(-4, 4, 160).map((z) => tanhPrime(z) / sigmoidPrime(2 * z));
      return { factor: Math.max(...ratios.map((r) => Math.abs(r - 4))) + 4, near0: tanhPrime(0) / sigmoidPrime(0) };
    },
    tol: { factor: 1e-9, near0: EXACT },
  },
  {
    note: "03-sigmoid-derivative",
    claim: "N(0,1): P(|w|<1) ≈ 0.683, E|w| ≈ 0.798, P(|w|>2) ≈ 0.046, P(|w|>4) ≈ 6.3e-5 (quadrature)",
    anchor: String.raw`$P(\lvert w\rvert < 1) \approx`,
    find: rx(
      String.raw`P\(\\lvert w\\rvert < 1\) \\approx {N:p1}\$(?:, |，)\$E\\lvert w\\rvert = \\sqrt\{2/\\pi\} \\approx {N:mean}\$(?:, |，)\$P\(\\lvert w\\rvert > 2\) \\approx {N:p2}\$(?:, |，)\$P\(\\lvert w\\rvert > 4\) \\approx {N:p4}\$`,
    ),
    compute: () => ({
      p1: 1 - gaussTwoSided(1),
      mean: 2 * simpson((x) => x * phi(x), 0, 40, 200_000),
      p2: gaussTwoSided(2),
      p4: gaussTwoSided(4),
    }),
  },
  {
    note: "03-sigmoid-derivative",
    claim: "with |w| < 1 each chain layer shrinks the gradient by a factor of 4 or more",
    anchor: String.raw`$P(\lvert w\rvert < 1) \approx`,
    find: { en: rx(String.raw`by a factor of {N} or more`), zh: rx(String.raw`至少把梯度缩小 {N} 倍`) },
    compute: () => 1 / maxFactorSmallW(),
    tol: EXACT,
  },
  {
    note: "03-sigmoid-derivative",
    claim: "500 of 1000 inputs at 1, weights and bias N(0,1): Var(z) = 501, sd ≈ 22.4",
    anchor: String.raw`\sqrt{501}`,
    find: rx(String.raw`\$n = {N:n}\$.*?{N:ones}.*?\$(?<var>\d+)\$.*?\$\\sqrt\{\d+\} \\approx {N:sd}\$`),
    compute: () => {
      const a = [...new Array<number>(500).fill(1), ...new Array<number>(500).fill(0)];
      const variance = a.reduce((s, ak) => s + ak * ak * 1, 0) + 1; // Var(Σ w_k a_k + b), w_k, b ~ N(0,1)
      // A Monte Carlo cross-check of the variance with the engine's generator.
      const rng = createRng(501);
      const draws = 4000;
      let s2 = 0;
      for (let i = 0; i < draws; i++) {
        let z = rng.gaussian();
        for (const ak of a) if (ak) z += rng.gaussian() * ak;
        s2 += z * z;
      }
      expect(Math.abs(s2 / draws / variance - 1)).toBeLessThan(0.1);
      return { n: a.length, ones: 500, var: variance, sd: Math.sqrt(variance) };
    },
    tol: { n: EXACT, ones: EXACT, var: EXACT },
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: σ′(2) ≈ 0.105 = 0.8808 × 0.1192",
    anchor: "^sigmoid-prime-two",
    find: { en: rx(String.raw`About {N} \({N} × {N}\)`), zh: rx(String.raw`约 {N}（{N} × {N}）`) },
    compute: () => [sigmoidPrime(2), sigmoid(2), 1 - sigmoid(2)],
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: tanh′ maximum 1 at z = 0",
    anchor: "^tanh-derivative",
    find: { en: rx(String.raw`maximum {N:max} at \$z=(?<at>\d)\$`), zh: rx(String.raw`在 \$z=(?<at>\d)\$ 处取最大值 {N:max}`) },
    compute: () => {
      const g = goldenMax(tanhPrime, -3, 2);
      return { max: g.max, at: g.at };
    },
    tol: { max: 1e-12, at: 1e-6 },
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: tanh′(z) = 4σ′(2z)",
    anchor: "^tanh-sigmoid-relation",
    find: rx(String.raw`= {N}\\,\\sigma'\(2z\)`),
    compute: () => Math.max(...grid(-4, 4, 160).map((z) => tanhPrime(z) / sigmoidPrime(2 * z))),
    tol: 1e-9,
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: maximum 1/4 at z = 0",
    anchor: "^sigmoid-shape",
    find: rx(String.raw`==\$(?<max>1/4)\$==.*?==\$z = (?<at>\d)\$==`),
    compute: () => {
      const g = goldenMax(sigmoidPrime, -5, 4);
      return { max: g.max, at: g.at };
    },
    tol: { max: 1e-12, at: 1e-6 },
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: P(|w|<1) ≈ 0.68, E|w| ≈ 0.80",
    anchor: "^gaussian-weight-size",
    find: rx(String.raw`=={N}==.*?\\approx {N}\$==`),
    compute: () => [1 - gaussTwoSided(1), 2 * simpson((x) => x * phi(x), 0, 40, 200_000)],
  },
  {
    note: "03-sigmoid-derivative",
    claim: "card: 500 active inputs → variance about 501, sd ≈ 22.4",
    anchor: "^gaussian-saturation",
    find: { en: rx(String.raw`With {N} active inputs it is about {N}, standard deviation \$\\approx {N}\$`), zh: rx(String.raw`{N} 个输入为 1 时方差约 {N}，标准差约 {N}，`) },
    compute: () => [500, 500 + 1, Math.sqrt(501)],
    tol: [EXACT, EXACT, undefined],
  },

  // 04 — the exploding window
  {
    note: "04-exploding-sigmoid-window",
    claim: "growth |w σ′| ≥ 1 is impossible unless |w| ≥ 4 (bisection over w, grid max over z)",
    anchor: { en: "this is impossible unless", zh: "否则不可能做到" },
    find: rx(String.raw`\\lvert w\\rvert \\ge {N:need}\$.*?\$\\lvert w\\rvert = {N:edge}\$.*?\$z = (?<z>\d)\$.*?\\lvert w\\rvert > {N:strict}\$`),
    compute: () => {
      const t = growthThresholdW();
      return { need: t, edge: t, z: goldenMax((z) => 4 * sigmoidPrime(z), -3, 2).at, strict: t };
    },
    tol: { need: 1e-6, edge: 1e-6, z: 1e-6, strict: 1e-6 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "window-width table (engine explodingWindow)",
    anchor: { en: "| window width |", zh: "| 窗口宽度 |" },
    find: CELLS,
    compute: () => [4, 5, 6.9, 8, 10, 20, 50].map((w) => (explodingWindow(w) as { width: number }).width),
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "window-width table (bisection on σ′, no closed form)",
    anchor: { en: "| window width |", zh: "| 窗口宽度 |" },
    find: CELLS,
    compute: () => [4, 5, 6.9, 8, 10, 20, 50].map(windowWidthByBisection),
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "the table's |w| values are the ones the widths were computed for",
    anchor: String.raw`| $\lvert w\rvert$ | 4 |`,
    find: CELLS,
    compute: () => [4, 5, 6.9, 8, 10, 20, 50],
    tol: EXACT,
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "the width peaks at about 0.45 near |w| ≈ 6.9 (golden-section search)",
    anchor: { en: "It rises to a maximum", zh: "随后上升" },
    find: {
      en: rx(String.raw`maximum of about \*\*{N:max}\*\*, reached near \$\\lvert w\\rvert \\approx {N:at}\$`),
      zh: rx(String.raw`\$\\lvert w\\rvert \\approx {N:at}\$ 附近达到最大值约 \*\*{N:max}\*\*`),
    },
    compute: windowMax,
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "the width is zero at |w| = 4 and falls like (2 ln|w|)/|w| for large |w|",
    anchor: { en: "It rises to a maximum", zh: "随后上升" },
    find: {
      en: rx(String.raw`zero at \$\\lvert w\\rvert = {N:edge}\$.*?like \$\({N:coef}\\ln`),
      zh: rx(String.raw`^\$\\lvert w\\rvert = {N:edge}\$ 时宽度为 0.*?按 \$\({N:coef}\\ln`),
    },
    compute: () => {
      // Smallest |w| with a non-empty window, and width·|w|/ln|w| far out.
      const edge = bisect((w) => windowWidthByBisection(w) > 0, 1, 10, 60);
      const big = 1e12;
      return { edge, coef: ((explodingWindow(big) as { width: number }).width * big) / Math.log(big) };
    },
    tol: { edge: 1e-6, coef: 0.01 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "every layer needs |w| > 4 and an input inside a window at most about 0.45 wide",
    anchor: { en: "## Why exploding gradients are rare with sigmoids", zh: "## 为什么 sigmoid 网络很少梯度爆炸" },
    find: {
      en: rx(String.raw`\\lvert w\\rvert > {N:need}\$.*?window of width at most about {N:max}\.`),
      zh: rx(String.raw`\\lvert w\\rvert > {N:need}\$.*?宽度至多约 {N:max} 的窗口`),
    },
    compute: () => ({ need: growthThresholdW(), max: windowMax().max }),
    tol: { need: 1e-6 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "the window's largest factor is |w|/4: 1.725 for |w| = 6.9",
    anchor: { en: "Even inside the window", zh: "即使在窗口内" },
    find: {
      en: rx(String.raw`\\lvert w\\rvert/(?<div>\d)\$ at the window's centre \({N:gain} for \$\\lvert w\\rvert = {N:w}\$\)`),
      zh: rx(String.raw`\\lvert w\\rvert/(?<div>\d)\$（\$\\lvert w\\rvert = {N:w}\$ 时为 {N:gain}）`),
    },
    compute: () => {
      const g = goldenMax((a) => 6.9 * sigmoidPrime(6.9 * a), -2, 2).max;
      return { div: 6.9 / g, gain: g, w: 6.9 };
    },
    tol: { div: 1e-9, w: EXACT },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "worked example w = 8, b = −4: r, ln 5.828 ≈ 1.763, a ∈ [0.280, 0.720], width 0.441, factors 2 and 0.30",
    anchor: String.raw`\sqrt{1 - 0.5}`,
    find: rx(
      String.raw`\$w = (?<w>\d+)\$.*?\$b = {N:b}\$.*?\\sqrt\{1 - {N:half}\} \\approx {N:r}\$.*?\\ln {N:ratio} \\approx {N:L}\$.*?\[{N:lo}, {N:hi}\].*?\\approx {N:width}\$.*?\$a = {N:amid}\$.*?8 \\times {N:sp0} = {N:fmid}\$.*?\$a = {N:aout}\$.*?\$u = {N:u}\$.*?\\approx {N:fout}\$`,
    ),
    compute: () => {
      const w = 8;
      const b = -4;
      const win = explodingWindow(w, b) as { lo: number; hi: number; width: number };
      const r = Math.sqrt(1 - 4 / w);
      const L = (win.width * w) / 2;
      return {
        w,
        b,
        half: 4 / w,
        r,
        ratio: Math.exp(L),
        L,
        lo: win.lo,
        hi: win.hi,
        width: win.width,
        amid: -b / w,
        sp0: sigmoidPrime(0),
        fmid: w * sigmoidPrime(w * 0.5 + b),
        aout: 0.9,
        u: w * 0.9 + b,
        fout: w * sigmoidPrime(w * 0.9 + b),
      };
    },
    tol: { w: EXACT, b: EXACT, half: EXACT, amid: EXACT, sp0: EXACT, fmid: EXACT, aout: EXACT, u: 1e-12 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: |w| > 4 needed because σ′ ≤ 1/4",
    anchor: "^why-w-above-4",
    find: rx(String.raw`\\lvert w\\rvert > {N:need}\$.*?\\sigma'\(z\) \\le {F:bound}\$.*?\\lvert w\\rvert/(?<div>\d)\$`),
    compute: () => ({ need: growthThresholdW(), bound: goldenMax(sigmoidPrime, -5, 4).max, div: 1 / goldenMax(sigmoidPrime, -5, 4).max }),
    tol: { need: 1e-6, bound: 1e-12, div: 1e-9 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: the window formula is defined for |w| ≥ 4",
    anchor: "^window-formula",
    find: rx(String.raw`\\lvert w\\rvert \\ge {N}\$`),
    compute: () => bisect((w) => explodingWindow(w) !== null, 1, 10, 60),
    tol: 1e-9,
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: maximum width about 0.45 near |w| ≈ 6.9",
    anchor: "^window-max",
    find: { en: rx(String.raw`About {N:max}, near \$\\lvert w\\rvert \\approx {N:at}\$`), zh: rx(String.raw`约 {N:max}，在 \$\\lvert w\\rvert \\approx {N:at}\$`) },
    compute: windowMax,
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: width falls like (2 ln|w|)/|w|, about 0.155 at |w| = 50",
    anchor: "^window-large-w",
    find: {
      en: rx(String.raw`\$\({N:coef}\\ln.*?about {N:width} at \$\\lvert w\\rvert=(?<w>\d+)\$`),
      zh: rx(String.raw`\$\({N:coef}\\ln.*?\$\\lvert w\\rvert=(?<w>\d+)\$ 时约 {N:width}。`),
    },
    compute: () => {
      const big = 1e12;
      return { coef: ((explodingWindow(big) as { width: number }).width * big) / Math.log(big), w: 50, width: (explodingWindow(50) as { width: number }).width };
    },
    tol: { coef: 0.01, w: EXACT },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: every layer needs |w| > 4 and a window at most about 0.45 wide",
    anchor: "^sigmoid-explode-rare",
    find: rx(String.raw`==\$\\lvert w\\rvert > {N:need}\$==.*?==({N:max})==`),
    compute: () => ({ need: growthThresholdW(), max: windowMax().max }),
    tol: { need: 1e-6 },
  },
  {
    note: "04-exploding-sigmoid-window",
    claim: "card: width 0 at |w| = 4; largest factor |w|/4",
    anchor: "^window-edge-facts",
    find: rx(String.raw`\\lvert w\\rvert = {N:w}\$.*?==({N:width})==.*?==\$\\lvert w\\rvert/(?<div>\d)\$==`),
    compute: () => ({ w: 4, width: (explodingWindow(4) as { width: number }).width, div: 8 / goldenMax((a) => 8 * sigmoidPrime(8 * a - 4), 0, 1).max }),
    tol: { w: EXACT, width: EXACT, div: 1e-9 },
  },

  // 05 — Jacobians and spectral norms
  {
    note: "05-general-jacobians",
    claim: "with sigmoid (|f′| ≤ 1/4), ‖W‖₂ < 4 suffices for ‖J‖₂ < 1",
    anchor: { en: "**Guaranteed vanishing:**", zh: "**一定消失：**" },
    find: rx(String.raw`\\lvert f'\\rvert \\le {F:bound}\$.*?\\rVert_2 < {N:norm}\$`),
    compute: () => {
      // sup ‖diag(σ′(z)) W‖ / ‖W‖ over random layers and inputs, plus z = 0 where it is reached.
      const rng = createRng(5);
      let worst = 0;
      for (let s = 0; s <= 200; s++) {
        const W = gaussianMatrix(rng, 3, 3, 2);
        const layer: LayerSpec = { W, b: s === 0 ? [0, 0, 0] : [rng.gaussian(), rng.gaussian(), rng.gaussian()], activation: "sigmoid" };
        const a = s === 0 ? [0, 0, 0] : [rng.gaussian(), rng.gaussian(), rng.gaussian()];
        worst = Math.max(worst, analyzeMatrix(jacobian(layer, a)).spectralNorm / analyzeMatrix(W).spectralNorm);
      }
      return { bound: worst, norm: 1 / worst };
    },
    tol: { bound: 1e-12, norm: 1e-9 },
  },
  {
    note: "05-general-jacobians",
    claim: "random n×n matrix with entry variance v: spectral norm ≈ 2√(nv) (n = 150, three seeds)",
    anchor: "^random-matrix-gain",
    find: rx(String.raw`==\$\\sqrt\{n v\}\$==.*?==\${N}\\sqrt\{n v\}\$==`),
    compute: () => {
      const n = 150;
      const v = 1 / n;
      const norms = [1, 2, 3].map((seed) => singularValues(gaussianMatrix(createRng(seed), n, n, Math.sqrt(v)))[0] as number);
      return norms.reduce((s, x) => s + x, 0) / norms.length / Math.sqrt(n * v);
    },
    tol: 0.05,
  },
  {
    note: "05-general-jacobians",
    claim: "a fixed vector is stretched on average by √(nv), the spectral norm ≈ 2√(nv)",
    anchor: { en: "## Typical rather than worst-case behaviour", zh: "## 典型行为与最坏情形" },
    find: { en: rx(String.raw`close to \${N}\\sqrt\{n v\}\$`), zh: rx(String.raw`接近 \${N}\\sqrt\{n v\}\$`) },
    compute: () => {
      const n = 150;
      const W = gaussianMatrix(createRng(4), n, n, Math.sqrt(1 / n));
      // Root-mean-square stretch of fixed unit vectors: √(n v) = 1 here.
      const rng = createRng(44);
      let s2 = 0;
      for (let i = 0; i < 50; i++) {
        const x = Array.from({ length: n }, () => rng.gaussian());
        const nx = Math.hypot(...x);
        s2 += (Math.hypot(...matVec(W, x)) / nx) ** 2;
      }
      expect(Math.abs(Math.sqrt(s2 / 50) - 1)).toBeLessThan(0.05);
      return (singularValues(W)[0] as number) / 1;
    },
    tol: 0.05,
  },
  {
    note: "05-general-jacobians",
    claim: "the 1000×1000 matrix with every entry 0.1 has spectral norm 100 (power iteration)",
    anchor: String.raw`$1000\times1000$`,
    find: {
      en: rx(String.raw`\$(?<n>\d+)\\times\d+\$ matrix with every entry \${N:entry}\$ has spectral norm \${N:norm}\$`),
      zh: rx(String.raw`所有元素都是 \${N:entry}\$ 的 \$(?<n>\d+)\\times\d+\$ 矩阵，谱范数是 \${N:norm}\$`),
    },
    compute: () => {
      const n = 1000;
      const A = Array.from({ length: n }, () => new Array<number>(n).fill(0.1));
      return { n, entry: 0.1, norm: powerIterationNorm(A, 5) };
    },
    tol: { n: EXACT, entry: EXACT, norm: EXACT },
  },
  {
    note: "05-general-jacobians",
    claim: "A = [[0.5, 3], [0, 0.5]]: eigenvalues 0.5, ‖A‖ ≈ 3.08, ‖A²‖ ≈ 3.02, ‖A³‖ ≈ 2.26, first below 1 at k = 5 (≈ 0.94), ≈ 0.059 at k = 10",
    anchor: { en: "For a non-normal matrix", zh: "对非正规矩阵" },
    find: {
      en: rx(
        String.raw`eigenvalues {N:eig}, yet \$\\lVert A\\rVert_2 \\approx {N:n1}\$, \$\\lVert A\^2\\rVert_2 \\approx {N:n2}\$, \$\\lVert A\^3\\rVert_2 \\approx {N:n3}\$.*?around \$k = (?<k>\d+)\$ \(\$\\approx {N:nk}\$\) and is \$\\approx {N:n10}\$ at \$k = 10\$`,
      ),
      zh: rx(
        String.raw`特征值都是 {N:eig}，但 \$\\lVert A\\rVert_2 \\approx {N:n1}\$，\$\\lVert A\^2\\rVert_2 \\approx {N:n2}\$，\$\\lVert A\^3\\rVert_2 \\approx {N:n3}\$，直到 \$k = (?<k>\d+)\$ 左右才降到 1 以下（约 {N:nk}），\$k = 10\$ 时约为 {N:n10}`,
      ),
    },
    compute: () => {
      const A = [
        [0.5, 3],
        [0, 0.5],
      ];
      const an = analyzeMatrix(A);
      const eig = an.eigenvalues!;
      expect(Math.abs(eig[1]!.re - 0.5) + Math.abs(eig[0]!.im) + Math.abs(eig[1]!.im)).toBeLessThan(1e-9);
      const norm = (k: number) => analyzeMatrix(power(A, k)).spectralNorm;
      let k = 1;
      while (norm(k) >= 1) k++;
      return { eig: eig[0]!.re, n1: norm(1), n2: norm(2), n3: norm(3), k, nk: norm(k), n10: norm(10) };
    },
    tol: { eig: 1e-9, k: EXACT },
  },
  {
    note: "05-general-jacobians",
    claim: "card: spectral radius 0.5, spectral norm about 3.08",
    anchor: "^nonnormal-example",
    find: rx(String.raw`=={N}==.*?=={N}==`),
    compute: () => {
      const an = analyzeMatrix([
        [0.5, 3],
        [0, 0.5],
      ]);
      return [an.spectralRadius!, an.spectralNorm];
    },
    tol: [1e-9, undefined],
  },
  {
    note: "05-general-jacobians",
    claim: "worked example 1: sigmoid at z = 0, W = diag(3, 1) → J = diag(0.75, 0.25), ‖J‖ = 0.75, ten layers 0.75^10 ≈ 0.056",
    anchor: { en: "1. $W = ", zh: "1. $W = " },
    find: rx(String.raw`diag\}\({N:j11}, {N:j22}\)\$.*?\\rVert_2 = {N:norm}\$.*?\^\{10\} \\approx {N:ten}\$`),
    compute: () => {
      const J = jacobian({ W: [[3, 0], [0, 1]], b: [0, 0], activation: "sigmoid" }, [0, 0]);
      const ten = jacobianProduct(Array.from({ length: 10 }, () => J));
      return { j11: J[0]![0]!, j22: J[1]![1]!, norm: analyzeMatrix(J).spectralNorm, ten: analyzeMatrix(ten).spectralNorm };
    },
    tol: { j11: EXACT, j22: EXACT, norm: 1e-12 },
  },
  {
    note: "05-general-jacobians",
    claim: "sigmoid units at z = 0 have f′ = 1/4",
    anchor: { en: "Sigmoid units at $z = 0$", zh: "sigmoid 单元在 $z = 0$" },
    find: rx(String.raw`\$z = 0\$.*?\$f' = {F}\$`),
    compute: () => sigmoidPrime(0),
  },
  {
    note: "05-general-jacobians",
    claim: "worked example 2: W = diag(8, 0.5) → J = diag(2, 0.125): doubles in one direction, shrinks 8-fold in the other",
    anchor: { en: "2. $W = ", zh: "2. $W = " },
    find: {
      en: rx(String.raw`^2\. .*?diag\}\({N:j11}, {N:j22}\)\$.*?second shrinks {N:fold}-fold`, "ms"),
      zh: rx(String.raw`^2\. .*?diag\}\({N:j11}, {N:j22}\)\$.*?第二个坐标每层缩小为(?<fold>八分之一)`, "ms"),
    },
    parse: { en: (s) => parseNumber(s).value, zh: (s) => (s === "八分之一" ? 1 / word(s) : parseNumber(s).value) },
    compute: () => {
      const J = jacobian({ W: [[8, 0], [0, 0.5]], b: [0, 0], activation: "sigmoid" }, [0, 0]);
      const two = jacobianProduct([J, J]);
      expect(two[0]![0]! / J[0]![0]!).toBe(2);
      return { j11: J[0]![0]!, j22: J[1]![1]!, fold: 1 / J[1]![1]! };
    },
    tol: EXACT,
  },

  // 06 — ReLU
  {
    note: "06-relu",
    claim: "ReLU′ is 1 for active units, not at most 1/4",
    anchor: { en: "## Why ReLU helps with vanishing gradients", zh: "## ReLU 为什么能缓解梯度消失" },
    find: { en: rx(String.raw`slope is exactly {N:one}, not at most \${F:quarter}\$`), zh: rx(String.raw`斜率恰好是 {N:one}，而不是像 sigmoid 那样至多 \${F:quarter}\$`) },
    compute: () => ({ one: reluPrime(3), quarter: goldenMax(sigmoidPrime, -5, 4).max }),
    tol: { one: EXACT, quarter: 1e-12 },
  },
  {
    note: "06-relu",
    claim: "with He initialisation the expected squared gain per ReLU layer is 1 ((1/n)‖J‖_F² of engine Jacobians)",
    anchor: { en: "## Why ReLU helps with vanishing gradients", zh: "## ReLU 为什么能缓解梯度消失" },
    find: { en: rx(String.raw`expected squared gain per layer is {N}`), zh: rx(String.raw`每层增益的平方的期望为 {N}`) },
    compute: heSquaredGain,
    tol: 0.1,
  },
  {
    note: "06-relu",
    claim: "dead-unit example: z ≤ −1.5 on [0,1]², every gradient exactly 0",
    anchor: { en: "**Worked example.**", zh: "**数值例子。**" },
    find: rx(String.raw`\$\({N:w1}, {N:w2}\)\$.*?\${N:b}\$.*?= {N:zmax} < 0\$.*?= {N:grad}\$`),
    compute: () => {
      const net: NetworkSpec = { layers: [{ W: [[0.5, -1.0]], b: [-2], activation: "relu" }, { W: [[1.3]], b: [0.2], activation: "linear" }], loss: "mse" };
      let zmax = -Infinity;
      let grad = 0;
      for (const x1 of grid(0, 1, 20)) {
        for (const x2 of grid(0, 1, 20)) {
          const t = forwardBackward(net, [x1, x2], [1]);
          const l = t.layers[0]!;
          zmax = Math.max(zmax, l.z[0]!);
          grad = Math.max(grad, Math.abs(l.dW[0]![0]!), Math.abs(l.dW[0]![1]!), Math.abs(l.db[0]!));
        }
      }
      return { w1: 0.5, w2: -1.0, b: -2, zmax, grad };
    },
    tol: EXACT,
  },
  {
    note: "06-relu",
    claim: "about half of the units are active in every layer (He-initialised ReLU net, deepest layer)",
    anchor: { en: "## Sparse activation", zh: "## 稀疏激活" },
    find: { en: rx(String.raw`about \*\*(half)\*\*`), zh: rx(String.raw`大约\*\*(一半)\*\*`) },
    parse: word,
    compute: () => {
      const f = activeFractions();
      return f.reduce((s, x) => s + x, 0) / f.length;
    },
    tol: 0.05,
  },
  {
    note: "06-relu",
    claim: "card: about half in every layer (the worst layer of a deep He ReLU net)",
    anchor: "^relu-sparsity",
    find: { en: rx(String.raw`About (half), in every layer`), zh: rx(String.raw`大约(一半)，而且每层`) },
    parse: word,
    compute: () => {
      const f = activeFractions();
      return f.reduce((worst, x) => (Math.abs(x - 0.5) > Math.abs(worst - 0.5) ? x : worst), 0.5);
    },
    tol: 0.05,
  },
  {
    note: "06-relu",
    claim: "leaky ReLU slope α ≈ 0.01",
    anchor: { en: "## Leaky ReLU and relatives", zh: "## Leaky ReLU 及其同类" },
    find: rx(String.raw`\\alpha \\approx {N}`),
    compute: () => leakyReluPrime(-2),
  },
  {
    note: "06-relu",
    claim: "card: leaky slope α ≈ 0.01",
    anchor: "^leaky-relu-facts",
    find: rx(String.raw`\\alpha \\approx {N}`),
    compute: () => LEAKY_SLOPE,
  },
  {
    note: "06-relu",
    claim: "card: ReLU′ = 1 for z > 0, 0 for z < 0, and frameworks use 0 at z = 0",
    anchor: "^relu-derivative",
    find: {
      en: rx(String.raw`::{N:pos} for \$z>0\$, {N:neg} for \$z<0\$\. At \$z=0\$ frameworks use {N:zero}\.`),
      zh: rx(String.raw`\$z>0\$ 时为 {N:pos}，\$z<0\$ 时为 {N:neg}；\$z=0\$ 处框架取 {N:zero}。`),
    },
    compute: () => ({ pos: reluPrime(0.5), neg: reluPrime(-0.5), zero: reluPrime(0) }),
    tol: EXACT,
  },

  {
    note: "06-relu",
    claim: "leaky He initialisation Var(W) = 2/((1 + α²) n_in) (quadrature of leakyRelu²)",
    anchor: { en: "## Leaky ReLU and relatives", zh: "## Leaky ReLU 及其同类" },
    find: rx(String.raw`= (?<num>\d)/\\bigl\(\((?<one>\d)\+\\alpha\^(?<exp>\d)\)\\,n_`),
    compute: leakyHeConstants,
    tol: 1e-9,
  },

  // 07 — initialisation
  {
    note: "07-initialisation",
    claim: "E[ReLU(z)²] = ½ Var(z) for symmetric z (quadrature)",
    anchor: String.raw`E[\operatorname{ReLU}(z)^2] = \tfrac12 \operatorname{Var}(z)`,
    find: rx(String.raw`\^2\] = {F} \\operatorname\{Var\}`),
    compute: () => reluSecondMoment,
    tol: 1e-9,
  },
  {
    note: "07-initialisation",
    claim: "for ReLU E[f′²] = 1/2, so the backward condition is n_out v = 2 (Monte Carlo with createRng)",
    anchor: String.raw`$E[f'^2] = 1/2$`,
    find: rx(String.raw`E\[f'\^2\] = {F:mean}\$.*?n_\{\\text\{out\}\} v = {N:cond}\$`),
    compute: () => {
      const rng = createRng(12);
      const n = 400_000;
      let s = 0;
      for (let i = 0; i < n; i++) s += reluPrime(rng.gaussian()) ** 2;
      return { mean: s / n, cond: n / s };
    },
    tol: { mean: 0.005, cond: 0.02 },
  },
  ...(
    [
      [256, 256],
      [256, 128],
      [784, 30],
    ] as const
  ).map(
    ([nIn, nOut]): Claim => ({
      note: "07-initialisation",
      claim: `table: Xavier and He variance and std for ${nIn} → ${nOut}`,
      anchor: String.raw`| $n_{\text{in}}=${nIn},\ n_{\text{out}}=${nOut}$ |`,
      find: CELLS,
      compute: () => xavierRow(nIn, nOut),
    }),
  ),
  ...(
    [
      [256, 256, [512, 256]],
      [256, 128, [384]],
      [784, 30, [814, 784]],
    ] as const
  ).map(
    ([nIn, nOut, dens]): Claim => ({
      note: "07-initialisation",
      claim: `table: the denominators 2/… for ${nIn} → ${nOut}`,
      anchor: String.raw`| $n_{\text{in}}=${nIn},\ n_{\text{out}}=${nOut}$ |`,
      find: rx(String.raw`\$2/(\d+)`, "g"),
      compute: () => [2 / xavierVariance(nIn, nOut), 2 / heVariance(nIn)].slice(0, dens.length),
      tol: EXACT,
    }),
  ),
  {
    note: "07-initialisation",
    claim: "uniform Xavier limit for 256 → 256 is √(6/512) ≈ 0.108",
    anchor: String.raw`\sqrt{6/512}`,
    find: rx(String.raw`\$(?<nIn>\d+) \\to (?<nOut>\d+)\$.*?\\sqrt\{6/(?<den>\d+)\} \\approx {N:limit}\$`),
    compute: () => ({ nIn: 256, nOut: 256, den: 6 / (3 * xavierVariance(256, 256)), limit: Math.sqrt(3 * xavierVariance(256, 256)) }),
    tol: { nIn: EXACT, nOut: EXACT, den: EXACT },
  },
  {
    note: "07-initialisation",
    claim: "U[−a, a] has variance a²/3 (Monte Carlo with uniformVector)",
    anchor: { en: "(A uniform distribution on", zh: "上均匀分布的方差是" },
    find: rx(String.raw`a\^2/{N}\$`),
    compute: () => {
      const a = 0.7;
      const xs = uniformVector(createRng(3), 400_000, -a, a);
      const v = xs.reduce((s, x) => s + x * x, 0) / xs.length;
      return (a * a) / v;
    },
    tol: 0.02,
  },
  {
    note: "07-initialisation",
    claim: "ReLU with v = 1/n_in: variance 2^-10 ≈ 1/1024 after 10 layers, about 1e-9 after 30; ×128 per layer with N(0,1) and n_in = 256",
    anchor: { en: "Why the factor 2 matters", zh: "因子 2 为什么重要" },
    find: rx(String.raw`2\^\{-10\} \\approx {F:ten}\$.*?{N:thirty}\$.*?\$n_\{\\text\{in\}\} = (?<nIn>\d+)\$.*?{N:gaussian}`),
    compute: () => ({ ten: lecunReluFactor() ** 10, thirty: lecunReluFactor() ** 30, nIn: 256, gaussian: 256 * 1 * reluSecondMoment }),
    tol: { ten: 1e-9, nIn: EXACT },
  },
  {
    note: "07-initialisation",
    claim: "card: He variance 2/256 = 0.0078125, std ≈ 0.0884",
    anchor: "^he-256",
    find: rx(String.raw`\$2/(?<n>\d+) = {N:v}\$.*?{N:sd}\$`),
    compute: () => ({ n: 2 / heVariance(256), v: heVariance(256), sd: Math.sqrt(heVariance(256)) }),
    tol: { n: EXACT },
  },
  {
    note: "07-initialisation",
    claim: "card: ReLU with Var(W) = 1/n_in, 2^-10 ≈ 1/1024 after 10 layers",
    anchor: "^relu-with-lecun",
    find: rx(String.raw`2\^\{-10\} \\approx {F}\$`),
    compute: () => lecunReluFactor() ** 10,
    tol: 1e-9,
  },
  {
    note: "07-initialisation",
    claim: "He's factor 2 = 1 / (E[ReLU(z)²]/Var(z)); Xavier 2/(n_in + n_out) is 1 over the mean fan",
    anchor: "^he-variance",
    find: rx(String.raw`\$(?<two>\d)/n_\{\\text\{in\}\}\$.*?\\tfrac12`),
    compute: () => {
      expect(heVariance(300) * 300).toBeCloseTo(1 / reluSecondMoment, 9);
      expect(xavierVariance(300, 100)).toBe(1 / ((300 + 100) / 2));
      return { two: 1 / reluSecondMoment };
    },
    tol: 1e-9,
  },

  {
    note: "07-initialisation",
    claim: "Xavier Var = 2/(n_in + n_out), uniform limit √(6/(n_in + n_out)) (variance a²/3)",
    anchor: { en: "## Xavier (Glorot) and He (Kaiming)", zh: "## Xavier（Glorot）与 He（Kaiming）" },
    find: rx(String.raw`\\frac\{(?<two>\d)\}\{n_.*?\\sqrt\{\\tfrac\{(?<six>\d)\}\{n_`),
    compute: () => ({ two: xavierVariance(300, 100) * 400, six: 3 * xavierVariance(300, 100) * 400 }),
    tol: 1e-12,
  },
  {
    note: "07-initialisation",
    claim: "card: Xavier 2/(n_in + n_out), between the forward 1/n_in and the backward 1/n_out (their mean fan)",
    anchor: "^xavier-variance",
    find: rx(String.raw`::\$(?<two>\d)/\(n_.*?\$(?<fwd>\d)/n_\{\\text\{in\}\}\$.*?\$(?<bwd>\d)/n_\{\\text\{out\}\}\$`),
    compute: () => ({
      two: xavierVariance(300, 100) * 400,
      // tanh near 0: forward n_in v E[f′²] = 1 and backward n_out v E[f′²] = 1 with f′(0) = 1.
      fwd: tanhPrime(0) ** 2,
      bwd: tanhPrime(0) ** 2,
    }),
    tol: 1e-12,
  },
  {
    note: "07-initialisation",
    claim: "card: uniform Xavier limit √(6/(n_in + n_out)), since U[−a, a] has variance a²/3",
    anchor: "^xavier-uniform",
    find: rx(String.raw`\\sqrt\{(?<six>\d)/\(n_.*?a\^2/(?<three>\d)\$`),
    compute: () => {
      const a = 0.7;
      const xs = uniformVector(createRng(33), 400_000, -a, a);
      const three = (a * a) / (xs.reduce((t, x) => t + x * x, 0) / xs.length);
      return { six: 3 * xavierVariance(300, 100) * 400, three };
    },
    tol: { six: 1e-12, three: 0.02 },
  },
  {
    note: "07-initialisation",
    claim: "leaky ReLU: the factor 2 becomes 2/(1 + α²) (quadrature of leakyRelu²)",
    anchor: { en: "With leaky ReLU of slope", zh: "把因子 2 换成" },
    find: {
      en: rx(String.raw`the factor {N:factor} becomes \$(?<num>\d)/\((?<one>\d)\+\\alpha\^(?<exp>\d)\)\$`),
      zh: rx(String.raw`把因子 {N:factor} 换成 \$(?<num>\d)/\((?<one>\d)\+\\alpha\^(?<exp>\d)\)\$`),
    },
    compute: (w) => ({ factor: 1 / reluSecondMoment, ...leakyHeConstants(w) }),
    tol: 1e-9,
  },
  {
    note: "07-initialisation",
    claim: "card: leaky He variance 2/((1 + α²) n_in)",
    anchor: "^init-matching",
    find: rx(String.raw`==\$(?<num>\d)/\(\((?<one>\d)\+\\alpha\^(?<exp>\d)\)n_`),
    compute: leakyHeConstants,
    tol: 1e-9,
  },

  {
    note: "07-initialisation",
    claim: "pitfall: Xavier with ReLU and square layers halves the variance at every layer",
    anchor: { en: "Swapping them hurts", zh: "用反了" },
    find: { en: rx(String.raw`the variance (halves) at every layer`), zh: rx(String.raw`每层方差(减半)`) },
    parse: word,
    compute: () => 256 * xavierVariance(256, 256) * reluSecondMoment,
    tol: 1e-9,
  },

  // 08 — batch normalisation
  {
    note: "08-batch-normalisation",
    claim: "worked example x = (1,2,3,4), γ = 2, β = 0.5: μ, σ², √(σ²+ε), x̂, y",
    anchor: { en: "## Worked example", zh: "## 数值例子" },
    find: rx(
      String.raw`\\mu_B = {N:mu}\$(?:, |，)\$\\sigma_B\^2 = \\tfrac14\({N:d1} \+ {N:d2} \+ {N:d3} \+ {N:d4}\) = {N:var}\$.*?\\sqrt\{1\.25 \+ 10\^\{-5\}\} \\approx {N:sd}\$.*?\({N:x1},\\ {N:x2},\\ {N:x3},\\ {N:x4}\)\$.*?\({N:y1},\\ {N:y2},\\ {N:y3},\\ {N:y4}\)\$`,
    ),
    compute: () => {
      const x = [1, 2, 3, 4];
      const bn = batchNormForward(x.map((v) => [v]), [2], [0.5], 1e-5);
      const mu = bn.mean[0]!;
      const [d1, d2, d3, d4] = x.map((v) => (v - mu) ** 2);
      const xh = bn.xHat.map((r) => r[0]!);
      const y = bn.y.map((r) => r[0]!);
      return {
        mu,
        d1: d1!,
        d2: d2!,
        d3: d3!,
        d4: d4!,
        var: bn.variance[0]!,
        sd: 1 / bn.invStd[0]!,
        x1: xh[0]!,
        x2: xh[1]!,
        x3: xh[2]!,
        x4: xh[3]!,
        y1: y[0]!,
        y2: y[1]!,
        y3: y[2]!,
        y4: y[3]!,
      };
    },
    tol: { mu: EXACT, d1: EXACT, d2: EXACT, d3: EXACT, d4: EXACT, var: EXACT },
  },
  {
    note: "08-batch-normalisation",
    claim: "the output has mean β = 0.5 and standard deviation about γ = 2",
    anchor: { en: "The output has mean", zh: "输出的均值都是" },
    find: rx(String.raw`\\beta = {N:mean}\$.*?\\gamma = {N:sd}\$`),
    compute: () => {
      const y = batchNormForward([[1], [2], [3], [4]], [2], [0.5], 1e-5).y.map((r) => r[0]!);
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      return { mean, sd: Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length) };
    },
    tol: { mean: 1e-12 },
  },
  {
    note: "08-batch-normalisation",
    claim: "card: μ = 2.5, σ² = 1.25, x̂ ≈ (−1.342, −0.447, 0.447, 1.342)",
    anchor: "^bn-worked",
    find: rx(String.raw`\\mu_B={N}\$.*?\\sigma_B\^2={N}\$.*?\({N},{N},{N},{N}\)`),
    compute: () => {
      const bn = batchNormForward([[1], [2], [3], [4]], [2], [0.5], 1e-5);
      return [bn.mean[0]!, bn.variance[0]!, ...bn.xHat.map((r) => r[0]!)];
    },
    tol: [EXACT, EXACT, undefined, undefined, undefined, undefined],
  },

  // 09 — residual connections
  {
    note: "09-residual-connections",
    claim: "worked example: plain factor 0.2·(−0.3)·0.1 = −0.006, residual 1.2·0.7·1.1 = 0.924 (engine Jacobians)",
    anchor: { en: "## Worked example", zh: "## 数值例子" },
    find: rx(
      String.raw`\\times 0\.1 = {N:plain}\$.*?\(1\+0\.2\)\(1-0\.3\)\(1\+0\.1\) = {N:r1} \\times {N:r2} \\times {N:r3} = {N:res}\$`,
    ),
    compute: () => {
      const d = [0.2, -0.3, 0.1];
      const plain = d.map((x) => jacobian({ W: [[x]], b: [0], activation: "linear" }, [0]));
      const res = d.map((x) => jacobian({ W: [[x]], b: [0], activation: "linear", residual: true }, [0]));
      return { plain: jacobianProduct(plain)[0]![0]!, r1: res[0]![0]![0]!, r2: res[1]![0]![0]!, r3: res[2]![0]![0]!, res: jacobianProduct(res)[0]![0]! };
    },
    tol: EXACT,
  },
  {
    note: "09-residual-connections",
    claim: "50 plain layers with factor 0.5 give 0.5^50 ≈ 8.9e-16",
    anchor: { en: "## Worked example", zh: "## 数值例子" },
    find: rx(String.raw`0\.5\^\{50\} \\approx {N}\$`),
    compute: () => repeatProduct(0.5, 50),
  },
  {
    note: "09-residual-connections",
    claim: "a product of (I + J) can grow: 1.1^50 ≈ 117",
    anchor: { en: "## What residual connections do not guarantee", zh: "## 残差连接不能保证什么" },
    find: rx(String.raw`1\.1\^\{50\} \\approx {N}\$`),
    compute: () => repeatProduct(1.1, 50),
  },
  {
    note: "09-residual-connections",
    claim: "card: plain −0.006, residual 1.2·0.7·1.1 = 0.924",
    anchor: "^residual-worked",
    find: rx(String.raw`= {N:plain}\$.*?\${N:r1}\\times{N:r2}\\times{N:r3} = {N:res}\$`),
    compute: () => ({ plain: 0.2 * -0.3 * 0.1, r1: 1.2, r2: 0.7, r3: 1.1, res: jacobianProduct([[[1.2]], [[0.7]], [[1.1]]])[0]![0]! }),
    tol: EXACT,
  },
  {
    note: "09-residual-connections",
    claim: "card: 1.1^50 ≈ 117",
    anchor: "^residual-limits",
    find: rx(String.raw`1\.1\^\{50\}\\approx{N}\$`),
    compute: () => repeatProduct(1.1, 50),
  },
  {
    note: "09-residual-connections",
    claim: "∏(I + J_i) over L − l blocks expands into 2^(L−l) paths (brute-force expansion sums to the product)",
    anchor: "^residual-paths",
    find: rx(String.raw`==\$(\d)\^\{L-l\}\$==`),
    compute: () => {
      const d = [0.2, -0.3, 0.1, 0.7, -0.5];
      let paths = 0;
      let sum = 0;
      for (let mask = 0; mask < 1 << d.length; mask++) {
        paths++;
        sum += d.reduce((p, x, i) => p * ((mask >> i) & 1 ? x : 1), 1);
      }
      expect(sum).toBeCloseTo(jacobianProduct(d.map((x) => jacobian({ W: [[x]], b: [0], activation: "linear", residual: true }, [0])))[0]![0]!, 12);
      return paths ** (1 / d.length);
    },
    tol: 1e-12,
  },

  // 10 — RNNs
  {
    note: "10-rnn-bptt",
    claim: "scalar tanh RNN |w| = 0.9: 50 steps at most 0.9^50 ≈ 0.0052; linear w = 1.1: 1.1^50 ≈ 117 (rnnJacobians)",
    anchor: { en: "**Scalar picture:**", zh: "**标量情形：**" },
    find: rx(String.raw`= {N:w}\$.*?0\.9\^\{50\} \\approx {N:vanish}\$.*?\$w = {N:w2}\$.*?1\.1\^\{50\} \\approx {N:explode}\$`),
    compute: () => ({ w: 0.9, vanish: tanhRnnMaxFactor(), w2: 1.1, explode: rnnFactor(1.1, "linear", new Array<number>(50).fill(0.3)) }),
    tol: { w: EXACT, w2: EXACT },
  },
  {
    note: "10-rnn-bptt",
    claim: "card: 0.9^50 ≈ 0.0052 at most, 1.1^50 ≈ 117",
    anchor: "^rnn-scalar-numbers",
    find: rx(String.raw`0\.9\^\{50\}\\approx {N}\$.*?1\.1\^\{50\}\\approx {N}\$`),
    compute: () => [tanhRnnMaxFactor(), rnnFactor(1.1, "linear", new Array<number>(50).fill(-0.2))],
  },
  {
    note: "10-rnn-bptt",
    claim: "γ bounds |f′|: 1 for tanh, 1/4 for sigmoid",
    anchor: { en: "**Matrix picture", zh: "**矩阵情形" },
    find: {
      en: rx(String.raw`\(\$\\gamma = {N:tanh}\$ for tanh, \${F:sig}\$ for sigmoid\)`),
      zh: rx(String.raw`（tanh 为 {N:tanh}，sigmoid 为 \${F:sig}\$）`),
    },
    compute: () => ({ tanh: gridMax(tanhPrime, -10, 10, 2000), sig: gridMax(sigmoidPrime, -10, 10, 2000) }),
    tol: 1e-12,
  },
  {
    note: "10-rnn-bptt",
    claim: "card: γ = 1 for tanh, 1/4 for sigmoid",
    anchor: "^pascanu-condition",
    find: {
      en: rx(String.raw`\$\\gamma = {N:tanh}\$ for tanh, \${F:sig}\$ for sigmoid`),
      zh: rx(String.raw`tanh 的 \$\\gamma = {N:tanh}\$，sigmoid 的 \$\\gamma = {F:sig}\$`),
    },
    compute: () => ({ tanh: gridMax(tanhPrime, -10, 10, 2000), sig: gridMax(sigmoidPrime, -10, 10, 2000) }),
    tol: 1e-12,
  },

  // 11 — clipping
  {
    note: "11-gradient-clipping",
    claim: "worked example: global norm √(9+16+144) = 13, scale 5/13 ≈ 0.385, g1 → (1.154, 1.538), g2 → 4.615, new norm 5",
    anchor: { en: "## Worked example", zh: "## 数值例子" },
    find: {
      en: rx(
        String.raw`\\sqrt\{{N:s1} \+ {N:s2} \+ {N:s3}\} = {N:norm}\$.*?\$c = {N:c}\$.*?\$5/13 \\approx {N:scale}\$.*?\({N:a},\\ {N:b}\).*?\({N:g2}\)\..*?new global norm is {N:after}`,
      ),
      zh: rx(
        String.raw`\\sqrt\{{N:s1} \+ {N:s2} \+ {N:s3}\} = {N:norm}\$.*?\$c = {N:c}\$.*?\$5/13 \\approx {N:scale}\$.*?\({N:a},\\ {N:b}\).*?\({N:g2}\)\..*?新的全局范数为 {N:after}`,
      ),
    },
    compute: () => {
      const r = clipByGlobalNorm([[3, 4], [12]], 5);
      const g1 = r.clipped[0]!;
      const g2 = r.clipped[1]!;
      const after = Math.hypot(...g1, ...g2);
      return { s1: 9, s2: 16, s3: 144, norm: r.globalNorm, c: 5, scale: r.scale, a: g1[0]!, b: g1[1]!, g2: g2[0]!, after };
    },
    tol: { s1: EXACT, s2: EXACT, s3: EXACT, norm: EXACT, c: EXACT, after: EXACT },
  },
  {
    note: "11-gradient-clipping",
    claim: "clip by value at 1: g1 → (1, 1), g2 → (1)",
    anchor: { en: "**Clip by value**", zh: "**按值裁剪**" },
    find: rx(String.raw`g_1 \\to \({N}, {N}\)\$.*?g_2 \\to \({N}\)\$`),
    compute: () => [3, 4, 12].map((g) => Math.max(-1, Math.min(1, g))),
    tol: EXACT,
  },
  {
    note: "11-gradient-clipping",
    claim: "card: ‖g‖ = 13, scale 5/13 ≈ 0.385, g1 → (1.154, 1.538), g2 → 4.615",
    anchor: "^clip-worked",
    find: rx(String.raw`\\lVert g\\rVert = {N:norm}\$.*?\\approx{N:scale}\$.*?\({N:a}, {N:b}\)\$.*?\\to {N:g2}\$`),
    compute: () => {
      const r = clipByGlobalNorm([[3, 4], [12]], 5);
      return { norm: r.globalNorm, scale: r.scale, a: r.clipped[0]![0]!, b: r.clipped[0]![1]!, g2: r.clipped[1]![0]! };
    },
    tol: { norm: EXACT },
  },

  // 12 — LSTM / GRU
  {
    note: "12-lstm-gru",
    claim: "over 100 steps: forget gate 0.99 keeps ≈ 0.37, 0.9 keeps ≈ 2.7e-5, vanilla factor 0.5 keeps ≈ 7.9e-31",
    anchor: { en: "**Numbers.**", zh: "**数值。**" },
    find: rx(String.raw`0\.99\^\{100\} \\approx {N}\$.*?0\.9\^\{100\} \\approx {N}\$.*?0\.5\^\{100\} \\approx {N}\$`),
    compute: () => [repeatProduct(0.99, 100), repeatProduct(0.9, 100), repeatProduct(0.5, 100)],
  },
  {
    note: "12-lstm-gru",
    claim: "card: 0.37, 2.7e-5, 7.9e-31",
    anchor: "^gate-numbers",
    find: rx(String.raw`==\${N}\$==.*?==\${N}\$==.*?==\${N}\$==`),
    compute: () => [repeatProduct(0.99, 100), repeatProduct(0.9, 100), repeatProduct(0.5, 100)],
  },
  {
    note: "12-lstm-gru",
    claim: "forget-gate bias 1 gives f ≈ σ(1) ≈ 0.73",
    anchor: { en: "**Forget-gate bias.**", zh: "**遗忘门偏置。**" },
    find: rx(String.raw`\\sigma\(1\) \\approx {N}\$`),
    compute: () => sigmoid(1),
  },
  {
    note: "12-lstm-gru",
    claim: "card: f ≈ σ(1) ≈ 0.73",
    anchor: "^forget-bias-init",
    find: rx(String.raw`\\sigma\(1\)\\approx{N}\$`),
    compute: () => sigmoid(1),
  },

  // 13 — learning rate
  {
    note: "13-learning-rate-divergence",
    claim: "the divergence threshold is 2/a (bisection on gradient descent for a = 0.5, 4, 30)",
    anchor: { en: "So the divergence threshold is", zh: "所以发散阈值是" },
    find: rx(String.raw`\$(\d)/a\$`),
    compute: () => {
      const products = [0.5, 4, 30].map((a) => divergenceThreshold(a) * a);
      return products.reduce((worst, p) => (Math.abs(p - 2) > Math.abs(worst - 2) ? p : worst), 2);
    },
    tol: 1e-6,
  },
  {
    note: "13-learning-rate-divergence",
    claim: "with a = 4 the threshold is η = 0.5",
    anchor: { en: "With $a = 4$ the threshold", zh: "$a = 4$ 时阈值为" },
    find: rx(String.raw`\$a = (?<a>\d)\$.*?\\eta = {N:eta}\$`),
    compute: () => ({ a: 4, eta: divergenceThreshold(4) }),
    tol: { a: EXACT, eta: 1e-6 },
  },
  ...([0.1, 0.25, 0.4, 0.5, 0.6] as const).map(
    (eta): Claim => ({
      note: "13-learning-rate-divergence",
      claim: `table: η = ${eta}, factor 1 − ηa and w_10 (gradient descent with engine gradients)`,
      anchor: `| ${eta} |`,
      find: CELLS,
      compute: () => {
        const ws = gdIterates(4, eta, 1, 10);
        return [ws[1]! / ws[0]!, ws[10]!];
      },
      tol: [1e-12, undefined],
    }),
  ),
  {
    note: "13-learning-rate-divergence",
    claim: "card: a = 4, η = 0.6: threshold 2/4 = 0.5, factor 1 − 2.4 = −1.4, |w10| = 1.4^10 ≈ 28.9",
    anchor: "^gd-worked",
    find: rx(String.raw`\$2/4 = {N:threshold}\$.*?\$1-{N:ea} = {N:factor}\$.*?= {N:base}\^\{10\}\\approx {N:w10}\$`),
    compute: () => {
      const ws = gdIterates(4, 0.6, 1, 10);
      return { threshold: divergenceThreshold(4), ea: 0.6 * 4, factor: ws[1]!, base: Math.abs(ws[1]!), w10: Math.abs(ws[10]!) };
    },
    tol: { threshold: 1e-6, ea: 1e-12, factor: 1e-12, base: 1e-12 },
  },
  {
    note: "13-learning-rate-divergence",
    claim: "card: converges for 0 < η < 2/a",
    anchor: "^gd-threshold",
    find: rx(String.raw`\\eta < (\d)/a\$`),
    compute: () => divergenceThreshold(0.5) * 0.5,
    tol: 1e-6,
  },

  {
    note: "13-learning-rate-divergence",
    claim: "regimes: monotone below 1/a, one step at 1/a, oscillating up to 2/a, constant at 2/a, diverging above",
    anchor: String.raw`- $0 < \eta < 1/a$`,
    find: rx(String.raw`(\d)/a`, "g"),
    compute: () => {
      const a = 4;
      expect(gdIterates(a, 1 / a, 1, 1)[1]).toBe(0);
      expect(Math.abs(gdIterates(a, 2 / a, 1, 10)[10] as number)).toBe(1);
      const m = monotoneBoundary(a);
      const d = divergenceThreshold(a) * a;
      return [m, m, m, d, d, d];
    },
    tol: 1e-6,
  },
  {
    note: "13-learning-rate-divergence",
    claim: "card: η = 1/a reaches the minimum in one step, η = 2/a oscillates with constant magnitude",
    anchor: "^gd-special-rates",
    find: rx(String.raw`==\$\\eta = (\d)/a\$==.*?\$\\eta = (\d)/a\$`),
    compute: () => [monotoneBoundary(0.5), divergenceThreshold(0.5) * 0.5],
    tol: 1e-6,
  },

  // 14 — parity circuits
  {
    note: "14-history",
    claim: "depth-two DNF for n-bit parity needs 2^(n−1) terms (brute force, n = 1..10)",
    anchor: "^parity-dnf",
    find: rx(String.raw`\$(?<base>\d)\^\{n-(?<offset>\d)\}\$`),
    compute: () => {
      const counts = grid(1, 10, 9).map(parityDnfTerms);
      const bases = counts.slice(1).map((c, i) => c / counts[i]!);
      expect(new Set(bases).size).toBe(1);
      return { base: bases[0]!, offset: 1 - Math.log2(counts[0]!) };
    },
    tol: EXACT,
  },
  {
    note: "14-history",
    claim: "card: a deep circuit computes parity with n − 1 XOR gates in depth ⌈log₂ n⌉ (built and checked, n = 1..40)",
    anchor: "^parity-deep",
    find: rx(String.raw`\$n-(?<missing>\d)\$.*?\\log_(?<base>\d) n`),
    compute: () => ({ missing: xorTreeMissingGates(), base: xorTreeLogBase() }),
    tol: EXACT,
  },
  {
    note: "14-history",
    claim: "body: 2^(n−1) AND terms, n − 1 XOR gates, depth ⌈log₂ n⌉",
    anchor: { en: "## Why depth at all", zh: "## 为什么要深" },
    find: rx(String.raw`\$(?<base>\d)\^\{n-(?<offset>\d)\}\$.*?\$n-(?<missing>\d)\$.*?\\log_(?<logbase>\d) n`),
    compute: () => ({
      base: parityDnfTerms(6) / parityDnfTerms(5),
      offset: 5 - Math.log2(parityDnfTerms(5)),
      missing: xorTreeMissingGates(),
      logbase: xorTreeLogBase(),
    }),
    tol: EXACT,
  },

  // 15 — interview bank (numbers restated from the other notes)
  {
    note: "15-interview-bank",
    claim: "key numbers: max σ′ = 1/4 at z = 0, max tanh′ = 1",
    anchor: { en: "## Key numbers to quote", zh: "## 要记住的数字" },
    find: rx(String.raw`\\max \\sigma' = {F:sig}\$.*?\$z=(?<at>\d)\$.*?\\max \\tanh' = {N:tanh}\$`),
    compute: () => ({ sig: goldenMax(sigmoidPrime, -5, 4).max, at: goldenMax(sigmoidPrime, -5, 4).at, tanh: goldenMax(tanhPrime, -3, 2).max }),
    tol: { sig: 1e-12, at: 1e-6, tanh: 1e-12 },
  },
  {
    note: "15-interview-bank",
    claim: "key numbers: with |w| ≤ 1 at least 4-fold per sigmoid layer, 16-fold for two",
    anchor: { en: "## Key numbers to quote", zh: "## 要记住的数字" },
    find: {
      en: rx(String.raw`\\lvert w\\rvert \\le (?<w>\d)\$, each sigmoid layer shrinks the chain gradient at least {N:one}-fold, so two layers give {N:two}-fold`),
      zh: rx(String.raw`\\lvert w\\rvert \\le (?<w>\d)\$ 时，每个 sigmoid 层至少把链上的梯度缩小 {N:one} 倍，两层就是 {N:two} 倍`),
    },
    compute: () => ({ w: 1, one: 1 / maxFactorSmallW(), two: sixteen() }),
    tol: { w: EXACT, one: EXACT, two: 1e-6 },
  },
  {
    note: "15-interview-bank",
    claim: "key numbers: explosion needs |w| > 4, window at most about 0.45 wide near |w| ≈ 6.9",
    anchor: { en: "## Key numbers to quote", zh: "## 要记住的数字" },
    find: {
      en: rx(String.raw`\\lvert w\\rvert > {N:need}\$, and the input window is at most about {N:max} wide \(near \$\\lvert w\\rvert \\approx {N:at}\$\)`),
      zh: rx(String.raw`\\lvert w\\rvert > {N:need}\$，输入窗口宽度至多约 {N:max}（在 \$\\lvert w\\rvert \\approx {N:at}\$ 附近）`),
    },
    compute: () => ({ need: growthThresholdW(), max: windowMax().max, at: windowMax().at }),
    tol: { need: 1e-6 },
  },
  {
    note: "15-interview-bank",
    claim: "key numbers: gradient descent on ½aw² diverges for η > 2/a",
    anchor: { en: "## Key numbers to quote", zh: "## 要记住的数字" },
    find: rx(String.raw`\\eta > (\d)/a\$`),
    compute: () => divergenceThreshold(30) * 30,
    tol: 1e-6,
  },
  {
    note: "15-interview-bank",
    claim: "card: diverges when η > 2/a",
    anchor: "^q-learning-rate",
    find: rx(String.raw`\\eta > (\d)/a\$`),
    compute: () => divergenceThreshold(4) * 4,
    tol: 1e-6,
  },
  {
    note: "15-interview-bank",
    claim: "card: σ′ ≤ 1/4, each layer at most about 1/4",
    anchor: "^q-sigmoid-why",
    find: {
      en: rx(String.raw`\\sigma' \\le {F:bound}\$.*?at most about \${F:layer}\$`),
      zh: rx(String.raw`\\sigma' \\le {F:bound}\$.*?至多把梯度乘上约 \${F:layer}\$`),
    },
    compute: () => ({ bound: goldenMax(sigmoidPrime, -5, 4).max, layer: maxFactorSmallW() }),
    tol: 1e-12,
  },
  {
    note: "15-interview-bank",
    claim: "card: each factor at most |w|/4, with |w2 w3| ≤ 1 b3's gradient is at least 16 times larger",
    anchor: "^q-chain-ratio",
    find: {
      en: rx(String.raw`at most \$\\lvert w\\rvert/(?<div>\d)\$.*?\\lvert w_2w_3\\rvert\\le(?<one>\d)\$.*?at least {N:sixteen} times larger`),
      zh: rx(String.raw`至多 \$\\lvert w\\rvert/(?<div>\d)\$.*?\\lvert w_2w_3\\rvert\\le(?<one>\d)\$.*?至少是 \$b_1\$ 的 {N:sixteen} 倍`),
    },
    compute: () => ({ div: 1 / goldenMax(sigmoidPrime, -5, 4).max, one: 1, sixteen: sixteen() }),
    tol: { div: 1e-9, one: EXACT, sixteen: 1e-6 },
  },
  {
    note: "15-interview-bank",
    claim: "key numbers: Xavier Var = 2/(n_in + n_out), He Var = 2/n_in",
    anchor: { en: "## Key numbers to quote", zh: "## 要记住的数字" },
    find: rx(String.raw`\\operatorname\{Var\}\(W\) = (\d)/\(n_.*?\\operatorname\{Var\}\(W\) = (\d)/n_`),
    compute: () => [xavierVariance(300, 100) * 400, 1 / reluSecondMoment],
    tol: 1e-9,
  },
  {
    note: "15-interview-bank",
    claim: "card: 2/(n_in + n_out) for tanh, 2/n_in for ReLU",
    anchor: "^q-init",
    find: rx(String.raw`\$(\d)/\(n_.*?\$(\d)/n_\{\\text\{in\}\}\$`),
    compute: () => [xavierVariance(300, 100) * 400, heVariance(300) * 300],
    tol: 1e-12,
  },
];
describeClaims("numbers in the notes match lib/engine", claims, { notes: 15, minEdits: 400 });

describe("numbers in the notes that need more than one claim", () => {
  it.each(LANGS)("%s: He with tanh keeps activations bounded but the backward gain per layer is above 1 (mean-field quadrature)", (lang) => {
    const text = block(source(lang, "07-initialisation"), lang === "en" ? "Swapping them hurts" : "用反了");
    const m = (lang === "en" ? /backward gain per layer is above (\d)/ : /每层的反向增益大于 (\d)/).exec(text);
    expect(m, "the pitfall states the gain bound").not.toBeNull();
    const bound = Number(m![1]);
    // Var(W) = 2/n: q ← 2 E[tanh(√q ξ)²] settles at q*; the squared backward gain is χ = 2 E[tanh′(√q* ξ)²].
    const E = (f: (x: number) => number) => simpson((x) => f(x) * phi(x), -12, 12, 24_000);
    let q = 5;
    for (let i = 0; i < 500; i++) q = 2 * E((x) => Math.tanh(Math.sqrt(q) * x) ** 2);
    const chi = 2 * E((x) => tanhPrime(Math.sqrt(q) * x) ** 2);
    expect(q).toBeLessThan(1);
    expect(chi).toBeGreaterThan(bound);
    expect(chi).toBeCloseTo(1.106, 3);
  });
});
