import { texCommaList, texDrawn, texNum, texTerm } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);
const drawnList = (v: readonly number[]): string => `\\left(${texCommaList(v, texDrawn)}\\right)`;

export const FORWARD_TEX =
  "\\mu = \\frac1m \\sum_{i=1}^m x_i,\\qquad \\sigma^2 = \\frac1m \\sum_{i=1}^m (x_i-\\mu)^2,\\qquad \\hat x_i = \\frac{x_i-\\mu}{\\hat\\sigma},\\quad \\hat\\sigma = \\sqrt{\\sigma^2+\\epsilon},\\qquad y_i = \\gamma\\,\\hat x_i + \\beta.";

export const BACKWARD_TEX =
  "\\frac{\\partial C}{\\partial x_i} = \\frac{\\gamma}{m\\,\\hat\\sigma}\\Bigl(m\\,g_i - \\sum_k g_k - \\hat x_i \\sum_k g_k\\,\\hat x_k\\Bigr).";

export const DGAMMA_TEX = "\\frac{\\partial C}{\\partial \\gamma} = \\sum_i \\frac{\\partial C}{\\partial y_i}\\,\\frac{\\partial y_i}{\\partial \\gamma} = \\sum_i g_i\\,\\hat x_i";

/** The drawn batch, parameters and upstream gradient. */
export const dataTex = (d: Drawn): string =>
  `x = ${drawnList(d.x)},\\qquad \\gamma = ${texDrawn(d.gamma)},\\qquad \\beta = ${texDrawn(d.beta)},\\qquad \\epsilon = 0,\\qquad g = \\frac{\\partial C}{\\partial y} = ${drawnList(d.g)}.`;

export function meanTex(d: Drawn, s: Solution): string {
  const terms = d.x.map((v, i) => (i === 0 ? texDrawn(v) : texTerm(v, texDrawn))).join(" ");
  return `\\mu = \\frac{1}{${s.m}}\\bigl(${terms}\\bigr) = ${fmt(s.mean)}.`;
}

export const varianceTex = (s: Solution): string =>
  `\\sigma^2 = \\frac{1}{${s.m}}\\sum_i (x_i-\\mu)^2 = \\frac{${fmt(s.sqSum)}}{${s.m}} = ${fmt(s.variance)},\\qquad \\hat\\sigma = \\sqrt{\\sigma^2} = ${fmt(s.std)}.`;

/** Table of x̂_i, g_i and g_i x̂_i, with the two sums underneath. */
export function sumsRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $x_i$ | $\\hat x_i = (x_i-\\mu)/\\hat\\sigma$ | $g_i$ | $g_i\\,\\hat x_i$ |`,
    `|---|---|---|---|---|`,
    ...d.x.map(
      (v, i) =>
        `| ${i + 1} | $${texDrawn(v)}$ | $${fmt(s.xHat[i] as number)}$ | $${texDrawn(d.g[i] as number)}$ | $${fmt((d.g[i] as number) * (s.xHat[i] as number))}$ |`,
    ),
  ];
}

export const sumsTex = (s: Solution): string =>
  `\\sum_k g_k = ${fmt(s.gSum)} = \\frac{\\partial C}{\\partial \\beta},\\qquad \\sum_k g_k\\,\\hat x_k = ${fmt(s.gxSum)} = \\frac{\\partial C}{\\partial \\gamma}.`;

/** γ/(m σ̂) with this instance's numbers. */
export const scaleTex = (d: Drawn, s: Solution): string =>
  `\\frac{\\gamma}{m\\,\\hat\\sigma} = \\frac{${texDrawn(d.gamma)}}{${s.m} \\cdot ${fmt(s.std)}} = ${fmt(d.gamma / (s.m * s.std))}.`;

/** Backward table: i, m g_i, the bracket, ∂C/∂x_i. */
export function backwardRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $m\\,g_i$ | $m\\,g_i - \\sum_k g_k - \\hat x_i \\sum_k g_k\\hat x_k$ | $\\partial C/\\partial x_i$ |`,
    `|---|---|---|---|`,
    ...d.g.map((v, i) => {
      const inner = s.m * v - s.gSum - (s.xHat[i] as number) * s.gxSum;
      return `| ${i + 1} | $${fmt(s.m * v)}$ | $${fmt(inner)}$ | $${texNum(s.dx[i] as number, 4)}$ |`;
    }),
  ];
}

export const answerTex = (s: Solution): string =>
  s.mode === "dx" ? `\\frac{\\partial C}{\\partial x} = ${s.expectedTex}` : `\\frac{\\partial C}{\\partial \\gamma} = ${s.expectedTex}`;
