import type { Oracle } from "./types";

/**
 * Initialisation variances by another route than the generator's formulas.
 * Layer modes: the fans are counted input by input (every k×k window position
 * of every channel), and each scheme's variance is read off its own condition:
 * Xavier makes the mean of the forward and backward gains n·Var(w) one,
 * He makes the forward gain of a ReLU layer, ½ n_in Var(w), one.
 * Mode which: the deep-layer gain χ = n Var(w) E[f′(z)²] of each option is
 * computed by quadrature along the forward variance recursion
 * q ← n Var(w) E[f(√q ξ)²], and the answer is the option whose χ ends nearest 1.
 */

type Layer =
  | { mode: "xavier" | "he"; layer: "dense"; nIn: number; nOut: number }
  | { mode: "xavier" | "he"; layer: "conv"; cIn: number; cOut: number; k: number };
type Activation = "relu" | "leaky_relu" | "tanh";
interface Which {
  mode: "which";
  activation: Activation;
  width: number;
  depth: number;
}
type Drawn = Layer | Which;

/** How many inputs one output unit sums (fan-in), or how many outputs one input reaches (fan-out), counted. */
function countFans(d: Layer): { fanIn: number; fanOut: number; chIn: number; chOut: number } {
  if (d.layer === "dense") return { fanIn: d.nIn, fanOut: d.nOut, chIn: d.nIn, chOut: d.nOut };
  let fanIn = 0;
  for (let c = 0; c < d.cIn; c++) for (let i = 0; i < d.k; i++) for (let j = 0; j < d.k; j++) fanIn++;
  let fanOut = 0;
  for (let c = 0; c < d.cOut; c++) for (let i = 0; i < d.k; i++) for (let j = 0; j < d.k; j++) fanOut++;
  return { fanIn, fanOut, chIn: d.cIn, chOut: d.cOut };
}

/** The variance whose forward gain n_in·Var·g and backward gain n_out·Var·g average to 1 (g: E[f′²] near 0). */
const averageGainOne = (fanIn: number, fanOut: number, g = 1) => 1 / (g * ((fanIn + fanOut) / 2));
/** The variance whose forward ReLU gain n_in·Var·½ is 1. */
const reluForwardOne = (fanIn: number) => 1 / (0.5 * fanIn);

const F: Record<Activation, { f: (z: number) => number; fp: (z: number) => number }> = {
  relu: { f: (z) => (z > 0 ? z : 0), fp: (z) => (z > 0 ? 1 : 0) },
  leaky_relu: { f: (z) => (z > 0 ? z : 0.01 * z), fp: (z) => (z > 0 ? 1 : 0.01) },
  tanh: { f: Math.tanh, fp: (z) => 1 / Math.cosh(z) ** 2 },
};

/** E[g(√q ξ)], ξ ~ N(0, 1), by the trapezoid rule on [−10, 10]. */
function gauss(g: (z: number) => number, q: number): number {
  const N = 8000;
  const h = 20 / N;
  const r = Math.sqrt(q);
  let s = 0;
  for (let k = 0; k <= N; k++) {
    const x = -10 + k * h;
    s += (k === 0 || k === N ? 0.5 : 1) * g(r * x) * Math.exp(-(x * x) / 2);
  }
  return (s * h) / Math.sqrt(2 * Math.PI);
}

/** The per-layer gain deep in a net with n·Var(w) = gain: iterate the forward variance, then χ there. */
const deepChi = new Map<string, number>();
function chiDeep(a: Activation, nVar: number): number {
  const key = `${a} ${nVar}`;
  const known = deepChi.get(key);
  if (known !== undefined) return known;
  const { f, fp } = F[a];
  let q = 1;
  // 400 layers bring Xavier-on-tanh within 1 % of its limit 1; a growing ReLU variance is scale-free, so stop early.
  for (let l = 0; l < 400 && q < 1e6; l++) q = nVar * gauss((z) => f(z) ** 2, q);
  const chi = nVar * gauss((z) => fp(z) ** 2, q);
  deepChi.set(key, chi);
  return chi;
}

/** The three options of mode which, as n·Var(w) for a square layer of width n. */
const OPTIONS = (n: number) => ({ A: n * averageGainOne(n, n), B: n * reluForwardOne(n), C: n * 1 });

function whichLetter(d: Which): string {
  const opts = Object.entries(OPTIONS(d.width));
  const dist = opts.map(([letter, nVar]) => [letter, Math.abs(Math.log(chiDeep(d.activation, nVar)))] as const);
  return dist.reduce((best, o) => (o[1] < best[1] ? o : best))[0];
}

export const initVarianceOracle: Oracle<Drawn> = {
  combos: [{ mode: "xavier" }, { mode: "he" }, { mode: "which" }],
  expected(d) {
    if (d.mode === "which") return whichLetter(d);
    const { fanIn, fanOut } = countFans(d);
    return d.mode === "xavier" ? averageGainOne(fanIn, fanOut) : reluForwardOne(fanIn);
  },
  mistakes(d, p): Record<string, number | string> {
    if (d.mode === "which") {
      // Each mistake is the letter of the option it names (the options' order is the prompt's).
      return { "xavier-for-relu": "A", "he-for-tanh": "B", "standard-normal": "C" };
    }
    const { fanIn, fanOut, chIn, chOut } = countFans(d);
    const right = this.expected(d, p) as number;
    return {
      // Forward condition alone, without ReLU's ½: n_in Var(w) = 1.
      lecun: 1 / fanIn,
      "he-instead": reluForwardOne(fanIn),
      // The sum of the fans where their mean belongs.
      "missing-two": 1 / (fanIn + fanOut),
      "std-not-variance": Math.sqrt(right),
      "xavier-instead": averageGainOne(fanIn, fanOut),
      // He's condition on the fan-out.
      "fan-out": reluForwardOne(fanOut),
      // The same scheme with the channel counts as fans (no kernel area).
      "forgot-kernel": d.mode === "xavier" ? averageGainOne(chIn, chOut) : reluForwardOne(chIn),
    };
  },
};
