import { texDrawn, texNum } from "../../kit/tex";
import type { Solution } from "./model";

/** The TeX both languages share: the chain, the tables and the products (words come from en.ts / zh.ts). */

const n5 = (v: number) => texNum(v, 5);

/** The chain's definition, as a display equation. */
export function chainTex(L: number): string[] {
  return [
    `$$`,
    `a_0 = x, \\qquad z_j = w_j\\,a_{j-1} + b_j, \\qquad a_j = \\sigma(z_j) \\quad (j = 1, \\dots, ${L}), \\qquad C = \\tfrac12\\,(a_{${L}} - y)^2.`,
    `$$`,
  ];
}

/** ∂C/∂b_1 written so that ∂C/∂b_3 shows as its tail. */
export function sharedTailTex(L: number): string[] {
  return [
    `$$`,
    `\\frac{\\partial C}{\\partial b_1} = \\sigma'(z_1)\\,w_2\\,\\sigma'(z_2)\\,w_3 \\cdot \\underbrace{\\sigma'(z_3)\\prod_{j=4}^{${L}} w_j\\,\\sigma'(z_j)\\,(a_{${L}} - y)}_{\\partial C/\\partial b_3}`,
    `$$`,
  ];
}

/** The ratio after cancelling the shared tail. */
export const RATIO_FORMULA = [
  `$$`,
  `\\frac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = \\frac{1}{\\sigma'(z_1)\\,w_2\\,\\sigma'(z_2)\\,w_3}, \\qquad \\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr).`,
  `$$`,
];

/** The first two units' forward pass and σ′ as a Markdown table. */
function unitsTable(s: Solution): string[] {
  const { z, a } = s.trace;
  return [
    `| $j$ | $z_j = w_j a_{j-1} + b_j$ | $a_j = \\sigma(z_j)$ | $\\sigma'(z_j) = a_j(1-a_j)$ |`,
    `|---|---|---|---|`,
    `| 1 | $${n5(z[0] as number)}$ | $${n5(a[1] as number)}$ | $${n5(s.s1)}$ |`,
    `| 2 | $${n5(z[1] as number)}$ | $${n5(a[2] as number)}$ | $${n5(s.s2)}$ |`,
  ];
}

/** The denominator's factors multiplied out, then the ratio. */
function productTex(s: Solution): string[] {
  const { s1, s2, w2, w3, denominator: p } = s;
  return [
    `$$`,
    `\\sigma'(z_1)\\cdot w_2\\,\\sigma'(z_2)\\cdot w_3 = ${n5(s1)} \\cdot (${n5(w2 * s2)}) \\cdot (${texDrawn(w3)}) = ${texNum(p, 5)}, \\qquad \\frac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = \\frac{1}{${texNum(p, 5)}} = ${s.expectedTex}`,
    `$$`,
  ];
}

/** w_2 w_3 with its numbers, a negative w_3 in parentheses. */
export function w2w3Tex(s: Solution): string {
  return `w_2 w_3 = ${texDrawn(s.w2)} \\cdot ${s.w3 < 0 ? `(${texDrawn(s.w3)})` : texDrawn(s.w3)}`;
}

/** |w_2 w_3| to 4 digits. */
export const absW2W3 = (s: Solution): string => texNum(Math.abs(s.w2 * s.w3), 4);

/** The first two units' table, then the product and the ratio with their numbers. */
export const workedTex = (s: Solution): string[] => [...unitsTable(s), ``, ...productTex(s)];

/** z_1 and σ′(z_1), inline TeX (no $), for the hint's check. */
export const z1Tex = (s: Solution): string => `z_1 = ${n5(s.trace.z[0] as number)}`;
export const s1Tex = (s: Solution): string => `\\sigma'(z_1) = ${n5(s.s1)}`;

/** |ratio| / 16 to 3 digits: how many times the worst-case bound the ratio is. */
export const overBoundTex = (s: Solution): string => texNum(Math.abs(s.expected) / 16, 3);

/** |ratio| to 4 digits. */
export const absRatioTex = (s: Solution): string => texNum(Math.abs(s.expected), 4);
