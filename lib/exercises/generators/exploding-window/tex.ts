import type { Interval } from "@/lib/engine/closed-forms";
import { texDrawn, texNum } from "../../kit/tex";
import type { InsideDrawn, InsideSolved, WidthSolved } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const n5 = (v: number) => texNum(v, 5);

/** The neuron with its drawn w and b, as a display equation ending in `end` (`.` or `,`). */
export function neuronTex(d: { w: number; b: number }, end: string): string[] {
  return [`$$`, `a = \\sigma(w\\,x + b), \\qquad w = ${texDrawn(d.w)}, \\qquad b = ${texDrawn(d.b)}${end}`, `$$`];
}

/** The factor |w σ′(w x + b)|, inline TeX (no $). */
export const FACTOR = `|w\\,\\sigma'(w\\,x + b)|`;

/** The window's ends, inline TeX (no $). */
export const intervalTex = (win: Interval): string => `x \\in [${n5(win.lo)},\\ ${n5(win.hi)}]`;

/** The window's centre −b/w, inline TeX (no $). */
export const centreTex = (d: { w: number; b: number }): string => `-b/w = ${n5(-d.b / d.w)}`;

/** s(1 − s) ≥ 1/|w| solved for s. */
export function rootsTex(s: WidthSolved): string[] {
  return [
    `$$`,
    `s(1 - s) \\ge \\frac{1}{|w|} = ${n5(1 / s.aw)} \\iff s_- \\le s \\le s_+, \\qquad s_\\pm = \\frac{1 \\pm r}{2}, \\quad r = \\sqrt{1 - \\frac{4}{|w|}} = ${n5(s.r)}.`,
    `$$`,
  ];
}

/** s_± = (1 ± r)/2, inline TeX (no $). */
export const sPlusTex = (s: WidthSolved): string => `s_+ = ${n5((1 + s.r) / 2)}`;
export const sMinusTex = (s: WidthSolved): string => `s_- = ${n5((1 - s.r) / 2)}`;

/** The width in z, 2z_+, inline TeX (no $). */
export const zWidthTex = (s: WidthSolved): string => `2z_+ = ${n5(2 * s.lnArg)}`;

/** The half-width z_+ in z. */
export function zPlusTex(s: WidthSolved): string[] {
  return [
    `$$`,
    `z_+ = \\ln\\frac{1 + r}{1 - r} = \\ln\\Bigl(\\frac{|w|\\,(1 + r)}{2} - 1\\Bigr) = \\ln ${n5(s.arg)} = ${n5(s.lnArg)}.`,
    `$$`,
  ];
}

/** The width in x with the numbers. */
export function widthTex(s: WidthSolved): string[] {
  return [
    `$$`,
    `\\Delta x = \\frac{2}{|w|}\\,\\ln\\Bigl(\\frac{|w|\\,(1 + \\sqrt{1 - 4/|w|})}{2} - 1\\Bigr) = \\frac{2 \\times ${n5(s.lnArg)}}{${texDrawn(s.aw)}} = ${s.expectedTex}`,
    `$$`,
  ];
}

/** z, σ(z), σ′(z) and the factor at the drawn x, then the comparison with 1. */
export function factorTex(d: InsideDrawn, s: InsideSolved): string[] {
  return [
    `$$`,
    `z = w\\,x + b = (${texDrawn(d.w)})(${texDrawn(d.x)}) + (${texDrawn(d.b)}) = ${n5(s.z)}, \\qquad \\sigma(z) = ${n5(s.sigma)}, \\qquad \\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr) = ${n5(s.sigmaPrime)},`,
    `$$`,
    ``,
    `$$`,
    `|w\\,\\sigma'(z)| = ${texDrawn(s.aw)} \\times ${n5(s.sigmaPrime)} = ${n5(s.factor)} ${s.inside ? "\\ge" : "<"} 1.`,
    `$$`,
  ];
}

/** The half-width in z from the window formula, inline TeX (no $). */
export const zWindowTex = (win: Interval, aw: number): string =>
  `|z| \\le \\ln\\bigl(\\tfrac{|w|(1 + \\sqrt{1 - 4/|w|})}{2} - 1\\bigr) = ${n5((win.width * aw) / 2)}`;


/** |w| as drawn, and the factor's peak |w|/4, inline TeX (no $). */
export const absWTex = (d: { w: number }): string => `|w| = ${texDrawn(Math.abs(d.w))}`;
export const peakTex = (d: { w: number }): string => `|w|/4 = ${n5(Math.abs(d.w) / 4)}`;
