import { texCommaList, texDrawn, texNum, texTerm } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);
const drawnList = (v: readonly number[]): string => `\\left(${texCommaList(v, texDrawn)}\\right)`;

export const FORWARD_TEX =
  "\\mu = \\frac1n \\sum_{i=1}^n x_i,\\qquad \\sigma^2 = \\frac1n \\sum_{i=1}^n (x_i-\\mu)^2,\\qquad \\hat x_i = \\frac{x_i-\\mu}{\\sqrt{\\sigma^2+\\epsilon}},\\qquad y_i = \\gamma_i\\,\\hat x_i + \\beta_i.";

export const BACKWARD_TEX =
  "h_i = \\gamma_i\\,g_i,\\qquad \\frac{\\partial C}{\\partial x_i} = \\frac{1}{\\sigma}\\Bigl(h_i - \\frac1n\\sum_k h_k - \\hat x_i\\,\\frac1n\\sum_k h_k\\,\\hat x_k\\Bigr).";

/** The drawn example and parameters (and ∂C/∂y in backward mode). */
export function dataTex(d: Drawn, s: Solution): string {
  const base = `x = ${drawnList(d.x)},\\qquad \\gamma = ${drawnList(d.gamma)},\\qquad \\beta = ${drawnList(d.beta)},\\qquad \\epsilon = 0`;
  return s.mode === "backward" ? `${base},\\qquad g = \\frac{\\partial C}{\\partial y} = ${drawnList(d.g)}.` : `${base}.`;
}

export function meanTex(d: Drawn, s: Solution): string {
  const terms = d.x.map((v, i) => (i === 0 ? texDrawn(v) : texTerm(v, texDrawn))).join(" ");
  return `\\mu = \\frac{1}{${s.n}}\\bigl(${terms}\\bigr) = ${fmt(s.mean)}.`;
}

export const varianceTex = (s: Solution): string =>
  `\\sigma^2 = \\frac{1}{${s.n}}\\sum_i (x_i-\\mu)^2 = \\frac{${fmt(s.sqSum)}}{${s.n}} = ${fmt(s.variance)},\\qquad \\sigma = ${fmt(s.std)}.`;

/** Forward table: i, x_i, x̂_i, γ_i, β_i, y_i. */
export function forwardRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $x_i$ | $\\hat x_i = (x_i-\\mu)/\\sigma$ | $\\gamma_i$ | $\\beta_i$ | $y_i = \\gamma_i\\hat x_i + \\beta_i$ |`,
    `|---|---|---|---|---|---|`,
    ...d.x.map(
      (v, i) =>
        `| ${i + 1} | $${texDrawn(v)}$ | $${fmt(s.xHat[i] as number)}$ | $${texDrawn(d.gamma[i] as number)}$ | $${texDrawn(d.beta[i] as number)}$ | $${texNum(s.y[i] as number, 4)}$ |`,
    ),
  ];
}

/** Backward table: i, x̂_i, h_i, ∂C/∂x_i. */
export function backwardRows(d: Drawn, s: Solution): string[] {
  return [
    `| $i$ | $\\hat x_i$ | $h_i = \\gamma_i g_i$ | $h_i - \\bar h - \\hat x_i\\,\\overline{h\\hat x}$ | $\\partial C/\\partial x_i$ |`,
    `|---|---|---|---|---|`,
    ...d.x.map((_, i) => {
      const inner = (s.h[i] as number) - s.hMean - (s.xHat[i] as number) * s.hxMean;
      return `| ${i + 1} | $${fmt(s.xHat[i] as number)}$ | $${fmt(s.h[i] as number)}$ | $${fmt(inner)}$ | $${texNum(s.expected[i] as number, 4)}$ |`;
    }),
  ];
}

export const meansTex = (s: Solution): string =>
  `\\bar h = \\frac1{${s.n}}\\sum_k h_k = ${fmt(s.hMean)},\\qquad \\overline{h\\hat x} = \\frac1{${s.n}}\\sum_k h_k\\hat x_k = ${fmt(s.hxMean)}.`;

export const answerTex = (s: Solution): string => (s.mode === "forward" ? `y = ${s.expectedTex}` : `\\frac{\\partial C}{\\partial x} = ${s.expectedTex}`);

