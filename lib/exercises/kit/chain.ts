import { texDrawn } from "./tex";
import { type ActivationName, getActivation } from "@/lib/engine/activations";
import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "./draw";

/**
 * The one-neuron-per-layer chain of chain-bias-gradient and chain-bias-ratio:
 *
 *   a_0 = x,\quad z_j = w_j\,a_{j-1} + b_j,\quad a_j = f(z_j)\ (j = 1..L),\qquad C = \tfrac12 (a_L - y)^2 .
 */

export type ChainActivation = Extract<ActivationName, "sigmoid" | "tanh" | "relu">;

export interface ChainDraw {
  activation: ChainActivation;
  x: number;
  y: number;
  /** w_1 … w_L. */
  w: number[];
  /** b_1 … b_L. */
  b: number[];
}

export interface ChainTrace {
  /** z_1 … z_L. */
  z: number[];
  /** a_0 … a_L (a_0 = x). */
  a: number[];
  /** f′(z_1) … f′(z_L). */
  fp: number[];
}

export function chainForward(d: ChainDraw): ChainTrace {
  const act = getActivation(d.activation);
  const z: number[] = [];
  const a: number[] = [d.x];
  const fp: number[] = [];
  d.w.forEach((wj, i) => {
    const zj = wj * (a[i] as number) + (d.b[i] as number);
    z.push(zj);
    a.push(act.f(zj));
    fp.push(act.fPrime(zj));
  });
  return { z, a, fp };
}

/** C = ½(a_L − y)². */
export function chainCost(d: ChainDraw): number {
  const { a } = chainForward(d);
  const r = (a[a.length - 1] as number) - d.y;
  return 0.5 * r * r;
}

/**
 * ∂C/∂b_j for j = 1..L by the backward recursion
 *   \delta_L = \frac{\partial C}{\partial b_L} = f'(z_L)\,(a_L - y),\qquad
 *   \delta_j = \frac{\partial C}{\partial b_j} = f'(z_j)\,w_{j+1}\,\delta_{j+1}
 * (∂z_j/∂b_j = 1 and ∂z_{j+1}/∂a_j = w_{j+1}), which unrolls to
 *   \frac{\partial C}{\partial b_1} = f'(z_1)\prod_{j=2}^{L} w_j f'(z_j)\,(a_L - y).
 */
export function chainBiasGradients(d: ChainDraw, trace: ChainTrace = chainForward(d)): number[] {
  const L = d.w.length;
  const out = new Array<number>(L);
  let delta = (trace.fp[L - 1] as number) * ((trace.a[L] as number) - d.y);
  out[L - 1] = delta;
  for (let j = L - 2; j >= 0; j--) {
    delta = (trace.fp[j] as number) * (d.w[j + 1] as number) * delta;
    out[j] = delta;
  }
  return out;
}

export interface ChainDrawOptions {
  activation: ChainActivation;
  L: number;
  /** Largest |w|. */
  wMax: number;
  /** Smallest |w| (so no layer is switched off by a zero weight). */
  wMin: number;
  /** Sigmoid/tanh only: draw every weight positive (no sign to track). */
  positiveWeights?: boolean;
}

/**
 * One candidate chain, every number rounded to 2 decimals so the prompt shows
 * exactly what the answer is computed from. ReLU chains are drawn layer by
 * layer, redrawing a layer until z_j ≥ 0.1: a unit with z_j ≤ 0 makes the
 * gradient exactly 0 (nothing to compute), and the 0.1 margin keeps every unit
 * clearly on the linear side of the kink (also for finite-difference checks).
 * Returns null when no layer could be placed (the caller redraws the chain).
 */
export function drawChainCandidate(rng: Rng, o: ChainDrawOptions): ChainDraw | null {
  const y = roundedUniform(rng, 0, 1, 2);
  const w: number[] = [];
  const b: number[] = [];
  if (o.activation !== "relu") {
    const x = roundedUniform(rng, -1.5, 1.5, 2);
    for (let j = 0; j < o.L; j++) {
      w.push(o.positiveWeights ? roundedUniform(rng, o.wMin, o.wMax, 2) : roundedUniform(rng, -o.wMax, o.wMax, 2, o.wMin));
      b.push(roundedUniform(rng, -0.5, 0.5, 2));
    }
    return { activation: o.activation, x, y, w, b };
  }
  const x = roundedUniform(rng, 0.2, 1.5, 2);
  let prev = x;
  for (let j = 0; j < o.L; j++) {
    let placed = false;
    for (let t = 0; t < 50 && !placed; t++) {
      // Mostly positive weights (a negative one needs a bias that rescues z_j).
      const wj = rng.next() < 0.8 ? roundedUniform(rng, o.wMin, o.wMax, 2) : roundedUniform(rng, -o.wMax, -o.wMin, 2);
      const bj = roundedUniform(rng, -0.5, 0.5, 2);
      const zj = wj * prev + bj;
      if (zj >= 0.1 && zj <= 4) {
        w.push(wj);
        b.push(bj);
        prev = zj;
        placed = true;
      }
    }
    if (!placed) return null;
  }
  return { activation: "relu", x, y, w, b };
}

/** f in TeX. */
export function actTex(a: ChainActivation): string {
  return a === "sigmoid" ? "\\sigma" : a === "tanh" ? "\\tanh" : "\\operatorname{relu}";
}

/** f′(z_j) written in terms of a_j = f(z_j), for the solution's derivative rule. */
export function primeRuleTex(a: ChainActivation): string {
  return a === "sigmoid"
    ? "\\sigma'(z_j) = \\sigma(z_j)\\,\\bigl(1 - \\sigma(z_j)\\bigr) = a_j(1 - a_j)"
    : a === "tanh"
      ? "\\tanh'(z_j) = 1 - \\tanh^2(z_j) = 1 - a_j^2"
      : "\\operatorname{relu}'(z_j) = 1 \\text{ for } z_j > 0";
}

/** A chain's drawn weights and biases as a Markdown table (the same in every language). */
export function chainTable(d: Pick<ChainDraw, "w" | "b">): string[] {
  const idx = d.w.map((_, i) => `${i + 1}`);
  return [
    `| $j$ | ${idx.join(" | ")} |`,
    `|---|${idx.map(() => "---").join("|")}|`,
    `| $w_j$ | ${d.w.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
    `| $b_j$ | ${d.b.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
  ];
}
