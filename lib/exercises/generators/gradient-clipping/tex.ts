import { texList, texNum } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

/** ‖g‖² and ‖g‖ as printed. */
export const sqTex = (s: Solution): string => texNum(s.sq, 6);
export const gNormTex = (s: Solution, digits = 6): string => texNum(s.gNorm, digits);

/** g as displayed in the prompt: a $$ block, its lines. */
export const gDisplay = (d: Drawn): string[] => [`$$`, `g = ${texList(d.g, 6)}.`, `$$`];

/** The norm computation, ‖g‖ = √(g₁² + …) = √(‖g‖²) = ‖g‖. */
export function normTex(d: Drawn, s: Solution): string {
  const sqTerms = d.g.map((v) => (v < 0 ? `(${fmt(v)})^2` : `${fmt(v)}^2`)).join(" + ");
  return `\\lVert g\\rVert = \\sqrt{${sqTerms}} = \\sqrt{${sqTex(s)}} = ${gNormTex(s)}.`;
}

/** The common factor s = min(1, c/‖g‖). */
export const scaleTex = (d: Drawn, s: Solution): string =>
  `s = \\min\\Bigl(1, \\frac{c}{\\lVert g\\rVert}\\Bigr) = \\frac{${fmt(d.c)}}{${gNormTex(s)}} = ${texNum(s.scale, 6)}.`;

/** Table rows: entry, before, after. */
export const entryRows = (d: Drawn, s: Solution): string[] =>
  d.g.map((v, i) => `| $g_{${i + 1}}$ | $${fmt(v)}$ | $${texNum(s.expected[i] as number, 4)}$ |`);
