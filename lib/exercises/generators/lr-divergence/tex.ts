import { texNum } from "../../kit/tex";
import type { DivergesDraw, DivergesSolution, ThresholdDraw } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

/** GD's update rule, as the prompts write it. */
export const GD_TEX = "w \\leftarrow w - \\eta\\, \\nabla f(w)";

/** The loss of a diverges-mode prompt (display TeX, without the final point). */
export function divergesLossTex(d: DivergesDraw): string {
  return d.form === "half"
    ? `f(w) = \\tfrac12\\, a\\, w^2, \\qquad a = ${fmt(d.a)}`
    : d.form === "plain"
      ? `f(w) = ${fmt(d.c)}\\, w^2`
      : `f(w_1, w_2) = \\tfrac12\\left(a_1 w_1^2 + a_2 w_2^2\\right), \\qquad a_1 = ${fmt(d.a1)},\\quad a_2 = ${fmt(d.a2)}`;
}

/** The loss of a threshold-mode prompt (display TeX, with the final point). */
export function thresholdLossTex(d: ThresholdDraw): string {
  return d.form === "half"
    ? `f(w) = \\tfrac12\\, a\\, w^2, \\qquad a = ${fmt(d.a)}.`
    : d.form === "plain"
      ? `f(w) = ${fmt(d.c)}\\, w^2.`
      : `f(w_1, w_2) = \\tfrac12\\left(a_1 w_1^2 + a_2 w_2^2\\right), \\qquad a_1 = ${fmt(d.a1)},\\quad a_2 = ${fmt(d.a2)}.`;
}

/** 1 − ηa = 1 − η·a = value, for a one-dimensional draw. */
export const oneFactorTex = (d: DivergesDraw, s: DivergesSolution): string =>
  `1-\\eta a = 1 - ${fmt(d.eta)}\\cdot ${fmt(s.curv[0] as number)} = ${texNum(s.factors[0] as number, 6)}.`;

/** a = f''(w) = 2·c = 2c, for f = c w². */
export const plainCurvatureTex = (c: number): string => `a = f''(w) = 2\\cdot ${fmt(c)} = ${fmt(2 * c)}`;

/** The per-coordinate table rows; `describe` words the behaviour of a factor. */
export const coordinateRows = (s: DivergesSolution, describe: (r: number) => string): string[] =>
  s.curv.map((a, i) => `| $w_${i + 1}$ | $${fmt(a)}$ | $${texNum(s.factors[i] as number, 5)}$ | ${describe(s.factors[i] as number)} |`);

/** The stability limit with its value: 2/a = …, or 2/a_max = …. */
export const limitTex = (d: DivergesDraw, s: DivergesSolution): string =>
  `0 < \\eta < ${d.form === "diag" ? "2/a_{\\max}" : "2/a"} = ${texNum(s.limit, 4)}`;

/** η = … > limit (or <). */
export const etaVsLimitTex = (d: DivergesDraw, s: DivergesSolution): string =>
  `\\eta = ${fmt(d.eta)} ${s.expected ? ">" : "<"} ${texNum(s.limit, 4)}`;

/** The first six iterates from 1 along the deciding direction. */
export const iteratesTex = (s: DivergesSolution): string =>
  Array.from({ length: 6 }, (_, t) => texNum(s.rSteep ** t, 4)).join(",\\ ");

/** |w_t| = |r|^t |w_0|. */
export const growthTex = (s: DivergesSolution): string =>
  `|w_t| = ${texNum(Math.max(...s.factors.map(Math.abs)), 4)}^t\\,|w_0|`;

/** a or a_max in the mistakes' explanations. */
export const aTex = (d: DivergesDraw): string => (d.form === "diag" ? "a_{\\max}" : "a");

export const STABLE_1D_TEX = "|1-\\eta a| < 1 \\iff 0 < \\eta < \\frac{2}{a}.";
export const STABLE_2D_TEX = "|1-\\eta a_1| < 1 \\text{ and } |1-\\eta a_2| < 1 \\iff 0 < \\eta < \\frac{2}{\\max(a_1, a_2)}.";

/** η* = 2/a = 2/… = value. */
export const etaStarTex = (form: ThresholdDraw["form"], a: number, expected: number): string =>
  `\\eta^* = \\frac{2}{${form === "diag" ? "a_{\\max}" : "a"}} = \\frac{2}{${fmt(a)}} = ${texNum(expected, 4)}`;
