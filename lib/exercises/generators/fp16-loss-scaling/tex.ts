import { texNum } from "../../kit/tex";
import type { Drawn, Rounding, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

export const gTex = (d: Drawn): string => `g = ${d.m} \\times 10^{${d.e}}`;
export const sTex = (d: Drawn): string => `S = 2^{${d.k}} = ${2 ** d.k}`;

/** The format's numbers the prompt gives (the words around them are per language). */
export const NORMAL_RANGE_TEX = "2^{-14} \\approx 6.104 \\times 10^{-5} \\le |x| \\le 65504";
export const SPACING_TEX = "[2^e, 2^{e+1})";
export const SUBNORMAL_TEX = "2^{-24} \\approx 5.96 \\times 10^{-8}";

/** One value's rounding: x / q = quanta → n → n q, as a display equation. */
export function roundingTex(name: string, r: Rounding): string {
  const q = `2^{${r.qExp}}`;
  return `${name} = ${fmt(r.x)},\\qquad \\frac{${name}}{${q}} = ${fmt(r.quanta)} \\;\\to\\; ${r.n},\\qquad \\mathrm{fp16}(${name}) = ${r.n} \\cdot ${q} = ${fmt(r.stored)}.`;
}

export const recoveredTex = (d: Drawn, s: Solution): string =>
  `\\frac{\\mathrm{fp16}(Sg)}{S} = \\frac{${fmt(s.scaled.stored)}}{2^{${d.k}}} = ${fmt(s.recovered)}.`;

/** Relative error of the kept value (1 when nothing is kept). */
export const relErrTex = (kept: number, g: number): string => texNum(Math.abs(kept - g) / g, 3);
