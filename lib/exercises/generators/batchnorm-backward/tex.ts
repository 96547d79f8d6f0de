import { texDrawn, texNum } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/**
 * The TeX both languages share (words come from en.ts / zh.ts). Display
 * equations are kept narrow, one statement per row, so they fit a 375 px
 * phone without scrolling sideways.
 */

export const fmt = (x: number): string => texNum(x, 6);
const drawnList = (v: readonly number[]): string => `\\left(${v.map(texDrawn).join(",\\ ")}\\right)`;

/** Display rows, centred one under the other, as Markdown lines. */
export const gathered = (...rows: string[]): string[] => [`$$`, `\\begin{gathered}`, rows.join(" \\\\\n"), `\\end{gathered}`, `$$`];
/** Display rows aligned at their `&`, as Markdown lines. */
const aligned = (...rows: string[]): string[] => [`$$`, `\\begin{aligned}`, rows.join(" \\\\\n"), `\\end{aligned}`, `$$`];

export const forwardLines = (): string[] =>
  gathered(
    "\\mu = \\frac1m \\sum_{i=1}^m x_i,\\qquad \\sigma^2 = \\frac1m \\sum_{i=1}^m (x_i-\\mu)^2,",
    "\\hat\\sigma = \\sqrt{\\sigma^2+\\epsilon},\\qquad \\hat x_i = \\frac{x_i-\\mu}{\\hat\\sigma},\\qquad y_i = \\gamma\\,\\hat x_i + \\beta.",
  );

/** The bracket b_i and ∂C/∂x_i = γ/(m σ̂) b_i. */
export const backwardLines = (): string[] =>
  gathered(
    "b_i = m\\,g_i - \\sum_k g_k - \\hat x_i \\sum_k g_k\\,\\hat x_k,",
    "\\frac{\\partial C}{\\partial x_i} = \\frac{\\gamma}{m\\,\\hat\\sigma}\\, b_i.",
  );

/** The drawn batch, parameters and upstream gradient, one row each. */
export const dataLines = (d: Drawn): string[] =>
  gathered(
    `x = ${drawnList(d.x)},`,
    `\\gamma = ${texDrawn(d.gamma)},\\qquad \\beta = ${texDrawn(d.beta)},\\qquad \\epsilon = 0,`,
    // The prose names g = ∂C/∂y; the row stays short enough for a phone.
    `g = ${drawnList(d.g)}.`,
  );

export function meanLines(d: Drawn, s: Solution): string[] {
  const terms = d.x.map((v, i) => (i === 0 ? texDrawn(v) : v < 0 ? `- ${texDrawn(-v)}` : `+ ${texDrawn(v)}`)).join(" ");
  return gathered(`\\mu = \\frac{${terms}}{${s.m}} = ${fmt(s.mean)}.`);
}

export const varianceLines = (s: Solution): string[] =>
  aligned(
    `\\sigma^2 &= \\frac{1}{${s.m}}\\sum_i (x_i-\\mu)^2`,
    `&= \\frac{${fmt(s.sqSum)}}{${s.m}} = ${fmt(s.variance)},`,
    `\\hat\\sigma &= \\sqrt{\\sigma^2} = ${fmt(s.std)}.`,
  );

/** Table of x̂_i, g_i and g_i x̂_i (x_i is in the prompt). */
export function sumsRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $\\hat x_i$ | $g_i$ | $g_i\\,\\hat x_i$ |`,
    `|---|---|---|---|`,
    ...d.x.map((_, i) => `| ${i + 1} | $${fmt(s.xHat[i] as number)}$ | $${texDrawn(d.g[i] as number)}$ | $${fmt((d.g[i] as number) * (s.xHat[i] as number))}$ |`),
  ];
}

export const sumsLines = (s: Solution): string[] =>
  gathered(`\\frac{\\partial C}{\\partial \\beta} = \\sum_k g_k = ${fmt(s.gSum)},`, `\\frac{\\partial C}{\\partial \\gamma} = \\sum_k g_k\\,\\hat x_k = ${fmt(s.gxSum)}.`);

/** γ/(m σ̂) with this instance's numbers. */
export const scaleLines = (d: Drawn, s: Solution): string[] =>
  gathered(`\\frac{\\gamma}{m\\,\\hat\\sigma} = \\frac{${texDrawn(d.gamma)}}{${s.m} \\cdot ${fmt(s.std)}} = ${fmt(d.gamma / (s.m * s.std))}.`);

/** Backward table: i, m g_i, b_i, ∂C/∂x_i. */
export function backwardRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $m\\,g_i$ | $b_i$ | $\\partial C/\\partial x_i$ |`,
    `|---|---|---|---|`,
    ...d.g.map((v, i) => {
      const inner = s.m * v - s.gSum - (s.xHat[i] as number) * s.gxSum;
      return `| ${i + 1} | $${fmt(s.m * v)}$ | $${fmt(inner)}$ | $${texNum(s.dx[i] as number, 4)}$ |`;
    }),
  ];
}

/** ∂y_i/∂γ = x̂_i, then ∂C/∂γ = Σ g_i x̂_i. */
export const dgammaLines = (s: Solution): string[] =>
  gathered(`\\frac{\\partial y_i}{\\partial \\gamma} = \\hat x_i,`, `\\frac{\\partial C}{\\partial \\gamma} = \\sum_i g_i\\,\\hat x_i = ${fmt(s.gxSum)}.`);

export const answerTex = (s: Solution): string =>
  s.mode === "dx" ? `\\partial C/\\partial x = ${s.expectedTex}` : `\\partial C/\\partial \\gamma = ${s.expectedTex}`;
