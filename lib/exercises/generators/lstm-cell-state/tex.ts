import { texDrawn, texNum, texParen } from "../../kit/tex";
import type { LstmSolution, RnnSolution, ThresholdSolution } from "./model";

/**
 * The TeX both languages share (words come from en.ts / zh.ts). Display
 * equations are kept narrow, one statement per row, so they fit a 375 px
 * phone without scrolling sideways.
 */

/** Display rows, centred one under the other, as Markdown lines. */
export const gathered = (...rows: string[]): string[] => [`$$`, `\\begin{gathered}`, rows.join(" \\\\\n"), `\\end{gathered}`, `$$`];
/** Display rows aligned at their `&`, as Markdown lines. */
const aligned = (...rows: string[]): string[] => [`$$`, `\\begin{aligned}`, rows.join(" \\\\\n"), `\\end{aligned}`, `$$`];

export const fmt = (x: number): string => texNum(x, 6);
export const fmt4 = (x: number): string => texNum(x, 4);

export const CELL_TEX = "c_t = f_t\\,c_{t-1} + i_t\\,g_t";
export const cellLines = (): string[] => gathered(`${CELL_TEX},`, "h_t = o_t\\,\\tanh(c_t),");

/** ∂c_T/∂c_0 and ∂h_T/∂h_0 inline (a slash, so prose lines keep their height). */
export const cellTargetTex = (T: number): string => `\\partial c_{${T}}/\\partial c_0`;
export const rnnTargetTex = (T: number): string => `\\partial h_{${T}}/\\partial h_0`;
const cellFrac = (T: number): string => `\\frac{\\partial c_{${T}}}{\\partial c_0}`;
const rnnFrac = (T: number): string => `\\frac{\\partial h_{${T}}}{\\partial h_0}`;

/** The gate values of every step, as the lstm prompt shows them. */
export function gateRows(s: LstmSolution): string[] {
  const d = s.draw;
  return [
    `| $t$ | $f_t$ | $i_t$ | $g_t$ | $o_t$ |`,
    `|---|---|---|---|---|`,
    ...d.f.map(
      (f, t) => `| ${t + 1} | $${texDrawn(f)}$ | $${texDrawn(d.i[t] as number)}$ | $${texDrawn(d.g[t] as number)}$ | $${texDrawn(d.o[t] as number)}$ |`,
    ),
  ];
}

/** The chain rule along the cell state. */
export const cellChainLines = (s: LstmSolution): string[] =>
  gathered(`\\frac{\\partial c_t}{\\partial c_{t-1}} = f_t,`, `${cellFrac(s.T)} = \\prod_{t=1}^{${s.T}} \\frac{\\partial c_t}{\\partial c_{t-1}} = \\prod_{t=1}^{${s.T}} f_t.`);

/** Forward and backward along the cell: t, f_t, c_t, running product. */
export function cellRows(s: LstmSolution): string[] {
  return [
    `| $t$ | $f_t$ | $c_t$ | $\\prod_{s=1}^{t} f_s$ |`,
    `|---|---|---|---|`,
    `| 0 | | $${texDrawn(s.draw.c0)}$ | $1$ |`,
    ...s.draw.f.map((f, t) => `| ${t + 1} | $${texDrawn(f)}$ | $${fmt(s.c[t + 1] as number)}$ | $${fmt(s.running[t] as number)}$ |`),
  ];
}

/** ∂h_T/∂c_T = o_T tanh′(c_T) with this instance's numbers. */
export const leaveCellLines = (s: LstmSolution): string[] => {
  const T = s.T;
  return aligned(
    `\\frac{\\partial h_{${T}}}{\\partial c_{${T}}} &= o_{${T}}\\,\\bigl(1 - \\tanh^2 c_{${T}}\\bigr)`,
    `&= ${texDrawn(s.draw.o[T - 1] as number)} \\cdot \\bigl(1 - \\tanh^2 ${texParen(s.c[T] as number, fmt)}\\bigr)`,
    `&= ${fmt(s.hFromC)}.`,
  );
};

/** The comparison data of the rnn prompt: z_t and, beside it, the LSTM's f_t. */
export function rnnRows(s: RnnSolution): string[] {
  const d = s.draw;
  return [`| $t$ | $z_t$ | $f_t$ |`, `|---|---|---|`, ...d.z.map((z, t) => `| ${t + 1} | $${texDrawn(z)}$ | $${texDrawn(d.f[t] as number)}$ |`)];
}

export const rnnLines = (s: RnnSolution): string[] => gathered("h_t = \\tanh(z_t),", "z_t = w\\,h_{t-1} + u\\,x_t + b,", `w = ${texDrawn(s.draw.w)},`);

export const rnnChainLines = (s: RnnSolution): string[] =>
  gathered(
    `\\frac{\\partial h_t}{\\partial h_{t-1}} = \\tanh'(z_t)\\,w,`,
    `\\tanh'(z) = 1 - \\tanh^2 z,`,
    `${rnnFrac(s.T)} = \\prod_{t=1}^{${s.T}} w\\,\\tanh'(z_t).`,
  );

/** t, tanh′(z_t), w tanh′(z_t) (z_t is in the prompt), then their product: three columns fit a phone. */
export function factorRows(s: RnnSolution): string[] {
  return [
    `| $t$ | $\\tanh'(z_t)$ | $w\\,\\tanh'(z_t)$ |`,
    `|---|---|---|`,
    ...s.draw.z.map((_, t) => `| ${t + 1} | $${fmt(s.slopes[t] as number)}$ | $${fmt(s.factors[t] as number)}$ |`),
  ];
}

/** The product of the factors. */
export const rnnProductLines = (s: RnnSolution): string[] => gathered(`${rnnFrac(s.T)} = \\prod_{t=1}^{${s.T}} w\\,\\tanh'(z_t) = ${s.expectedTex}.`);

/** ∏ f_t of the comparison, written out. */
export const lstmPathLines = (s: RnnSolution): string[] => gathered(`${cellFrac(s.T)} = \\prod_{t=1}^{${s.T}} f_t = ${fmt4(s.lstmPath)}.`);

/** Geometric means of |w tanh′(z_t)| and of f_t. */
export const geoMeanTex = (s: RnnSolution): { rnn: string; lstm: string } => ({
  rnn: fmt4(Math.abs(s.expected) ** (1 / s.T)),
  lstm: fmt4(s.lstmPath ** (1 / s.T)),
});

/** τ as the prompt writes it. */
export const tauTex = (tau: number): string => (tau === 0.01 ? "0.01" : `10^{${Math.round(Math.log10(tau))}}`);

/** f = σ(b_f) with the bias. */
export const sigmoidGateLines = (s: ThresholdSolution): string[] =>
  gathered(`f = \\sigma(${texDrawn(s.draw.value)}) = \\frac{1}{1 + e^{-${texDrawn(s.draw.value)}}} = ${fmt(s.gate)}.`);

export const gateTex = (s: ThresholdSolution): string => (s.draw.source === "gate" ? texDrawn(s.gate) : fmt(s.gate));

/** f^k < τ ⇔ k > ln τ / ln f, with the numbers. */
export const ratioLines = (s: ThresholdSolution): string[] =>
  aligned(
    `f^k < \\tau &\\iff k\\,\\ln f < \\ln\\tau`,
    `&\\iff k > \\frac{\\ln\\tau}{\\ln f},`,
    `\\frac{\\ln\\tau}{\\ln f} &= \\frac{${fmt(Math.log(s.draw.tau))}}{${fmt(Math.log(s.gate))}} = ${texNum(s.ratio, 5)}.`,
  );

/** The check f^{k−1} ≥ τ > f^k. */
export const powersLines = (s: ThresholdSolution): string[] =>
  gathered(`f^{${s.expected - 1}} = ${fmt4(s.before)} \\ge ${tauTex(s.draw.tau)},`, `f^{${s.expected}} = ${fmt4(s.after)} < ${tauTex(s.draw.tau)}.`);

/** The e-folding time −1/ln f and the rule-of-thumb memory 1/(1 − f). */
export const memoryTex = (s: ThresholdSolution): { efold: string; rough: string } => ({
  efold: texNum(-1 / Math.log(s.gate), 4),
  rough: texNum(1 / (1 - s.gate), 4),
});
