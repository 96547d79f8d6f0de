import { texCommaList, texDrawn, texNum } from "../../kit/tex";
import type { Drawn, Side, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);
const list = (v: readonly number[], f: (x: number) => string) => `\\left(${texCommaList(v, f)}\\right)`;

export const scoresTex = (d: Drawn): string => `d_k = ${d.dk},\\qquad s = (q\\cdot k_j)_j = ${list(d.s, texDrawn)}.`;

export const DERIV_TEX = "\\frac{\\partial p_*}{\\partial z_*} = p_*\\,(1 - p_*)";

/** One side of the comparison: z, p, p_*, 1 − p_*, the derivative. */
export function sideTex(s: Solution, v: Side, z: string): string[] {
  return [
    `$$`,
    `z = ${z} = ${list(v.z, fmt)},\\qquad p = \\operatorname{softmax}(z) = ${list(v.p, (x) => texNum(x, 6))},`,
    `$$`,
    ``,
    `$$`,
    `p_* = p_{${s.star + 1}} = ${fmt(v.top)},\\qquad 1 - p_* = \\sum_{j \\ne ${s.star + 1}} p_j = ${fmt(v.rest)},\\qquad ${DERIV_TEX} = ${texNum(v.deriv, 4)}.`,
    `$$`,
  ];
}

export const ratioTex = (s: Solution): string => texNum(s.scaled.deriv / s.unscaled.deriv, 3);
