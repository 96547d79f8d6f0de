import { texList, texNum, texTerm } from "../../kit/tex";
import { INTERMEDIATE_SIG_FIGS, ANSWER_SIG_FIGS, type Drawn, type Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

/** μ and |γ| as printed. */
export const muTex = (s: Solution): string => texNum(s.stats.mean, 6);
export const absGammaTex = (d: Drawn): string => fmt(Math.abs(d.gamma));

/** The training-mode formulas (shown in the prompt at difficulty 1). */
export const FORMULAS_TEX =
  "\\mu = \\frac1m \\sum_{i=1}^m x_i,\\qquad \\sigma^2 = \\frac1m \\sum_{i=1}^m (x_i-\\mu)^2,\\qquad \\hat x_i = \\frac{x_i-\\mu}{\\sqrt{\\sigma^2+\\epsilon}},\\qquad y_i = \\gamma\\,\\hat x_i + \\beta.";

/** The drawn batch and parameters. */
export const batchTex = (d: Drawn): string =>
  `x = ${texList(d.x, 6)},\\qquad \\gamma = ${fmt(d.gamma)},\\qquad \\beta = ${fmt(d.beta)},\\qquad \\epsilon = 0.`;

/** μ = (1/m)(x_1 + … ) = μ. */
export function meanTex(d: Drawn, s: Solution): string {
  const sumTerms = d.x.map((v, i) => (i === 0 ? fmt(v) : texTerm(v, fmt))).join(" ");
  return `\\mu = \\frac{1}{${s.m}}\\bigl(${sumTerms}\\bigr) = ${muTex(s)}.`;
}

/** σ² = Σ/m = σ², √(σ² + ε) = σ. */
export const varianceTex = (s: Solution): string =>
  `\\sigma^2 = \\frac{1}{${s.m}}\\sum_i (x_i-\\mu)^2 = \\frac{${texNum(s.sqSum, 6)}}{${s.m}} = ${texNum(s.stats.variance, 6)},\\qquad \\sqrt{\\sigma^2+\\epsilon} = ${texNum(s.stats.std, 6)}.`;

/** x̂_i = (x_i − μ)/σ with this instance's σ. */
export const xHatTex = (s: Solution): string => `\\hat x_i = (x_i-\\mu)/${texNum(s.stats.std, 6)}`;

/** y_i = γ x̂_i + β with this instance's γ and β. */
export const outputTex = (d: Drawn): string => `y_i = ${fmt(d.gamma)}\\,\\hat x_i ${texTerm(d.beta, fmt)}`;

/** The table's header row and rule (only symbols). */
export const TABLE_HEAD = [`| $i$ | $x_i$ | $x_i-\\mu$ | $(x_i-\\mu)^2$ | $\\hat x_i$ | $y_i$ |`, `|---|---|---|---|---|---|`];

/** One row per example. */
export const tableRows = (d: Drawn, s: Solution): string[] =>
  d.x.map(
    (v, i) =>
      `| ${i + 1} | $${fmt(v)}$ | $${texNum(v - s.stats.mean, INTERMEDIATE_SIG_FIGS)}$ | $${texNum((v - s.stats.mean) ** 2, INTERMEDIATE_SIG_FIGS)}$ | $${texNum(s.stats.xHat[i] as number, INTERMEDIATE_SIG_FIGS)}$ | $${texNum(s.expected[i] as number, ANSWER_SIG_FIGS)}$ |`,
  );
