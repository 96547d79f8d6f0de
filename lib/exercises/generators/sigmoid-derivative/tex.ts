import { texDrawn, texNum } from "../../kit/tex";
import type { BoundDrawn, ValueDrawn, ValueSolved } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const n5 = (v: number) => texNum(v, 5);

/** The sigmoid's definition, inline. */
export const SIGMA_DEF = `$\\sigma(z) = \\dfrac{1}{1 + e^{-z}}$`;

/** The neuron's drawn w, x, b as a display equation (value mode, difficulty ≥ 2). */
export function neuronTex(d: ValueDrawn): string[] {
  return [`$$`, `w = ${texDrawn(d.w as number)}, \\qquad x = ${texDrawn(d.x as number)}, \\qquad b = ${texDrawn(d.b as number)}.`, `$$`];
}

/** z = w x + b worked out. */
export function preActivationTex(d: ValueDrawn): string[] {
  return [`$$`, `z = w\\,x + b = (${texDrawn(d.w as number)})(${texDrawn(d.x as number)}) + (${texDrawn(d.b as number)}) = ${texDrawn(d.z)}.`, `$$`];
}

/** σ′ derived from σ = (1 + e^{−z})^{−1}. */
export const DERIVATIVE_TEX = [
  `$$`,
  `\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}} = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr).`,
  `$$`,
];

/** σ′(z) = σ(z) × (1 − σ(z)) with the numbers. */
export function valueProductTex(d: ValueDrawn, s: ValueSolved): string[] {
  return [`$$`, `\\sigma'(${texDrawn(d.z)}) = ${n5(s.sigma)} \\times ${n5(1 - s.sigma)} = ${s.expectedTex}`, `$$`];
}

/** The pre-activation in TeX: w x, or w x + b when there is a bias. */
export const preTex = (d: BoundDrawn): string => (d.b === undefined ? "w\\,x" : "w\\,x + b");

/** ∂a/∂x = w σ′(pre). */
export function boundFactorTex(d: BoundDrawn): string[] {
  return [`$$`, `\\frac{\\partial a}{\\partial x} = w\\,\\sigma'(${preTex(d)}).`, `$$`];
}

/** s(1 − s) ≤ ¼ by completing the square. */
export const SQUARE_TEX = [`$$`, `s(1 - s) = \\tfrac14 - \\bigl(s - \\tfrac12\\bigr)^2 \\le \\tfrac14,`, `$$`];

/** Where the maximum is attained: x = 0, or x = −b/w with its value. */
export const argmaxTex = (d: BoundDrawn): string => (d.b === undefined ? "0" : `-b/w = ${n5(-d.b / d.w)}`);

/** max_x |w σ′| = |w|/4 with the numbers. */
export function boundMaxTex(d: BoundDrawn, expectedTex: string): string[] {
  return [`$$`, `\\max_x \\bigl|w\\,\\sigma'(${preTex(d)})\\bigr| = |w| \\cdot \\tfrac14 = \\frac{${texDrawn(Math.abs(d.w))}}{4} = ${expectedTex}`, `$$`];
}

/** |w| as drawn, inline TeX (no $). */
export const absWTex = (d: { w: number }): string => `|w| = ${texDrawn(Math.abs(d.w))}`;

/** σ(z) and 1 − σ(z) to 5 digits. */
export const sigmaTex = (s: ValueSolved): string => n5(s.sigma);
export const complementTex = (s: ValueSolved): string => n5(1 - s.sigma);
