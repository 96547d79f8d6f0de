import { texNum } from "../../kit/tex";
import { type DivergesDraw, type DivergesSolution, regimeOf, type ThresholdDraw } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

/** A display block's lines. */
export const display = (tex: string): string[] => [`$$`, tex, `$$`];

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

/** A factor r = 1 − ηa (or its size) as the solution prints it. */
export const factorTex = (r: number): string => texNum(r, 5);

/** How one factor r = 1 − ηa moves the iterates: which case (the words come from en.ts / zh.ts) and the inequality that shows it. */
export type FactorCase = "monotone" | "oscillating" | "flipping" | "growing";
export function factorCase(r: number): { kind: FactorCase; tex: string } {
  const v = factorTex(r);
  const regime = regimeOf(r);
  if (regime === "monotone") return { kind: "monotone", tex: `0 < ${v} < 1` };
  if (regime === "oscillating") return { kind: "oscillating", tex: `-1 < ${v} < 0` };
  return r < 0 ? { kind: "flipping", tex: `${v} < -1` } : { kind: "growing", tex: `${v} > 1` };
}

/** The deciding factor 1 − ηa_max, its size, and the limit 2/a_max, as the mistakes print them. */
export const rSteepTex = (s: DivergesSolution): string => texNum(s.rSteep, 4);
export const absRSteepTex = (s: DivergesSolution): string => texNum(Math.abs(s.rSteep), 4);
export const limitValueTex = (s: DivergesSolution): string => texNum(s.limit, 4);

/** The per-coordinate table rows; `describe` words the behaviour of a factor. */
export const coordinateRows = (s: DivergesSolution, describe: (r: number) => string): string[] =>
  s.curv.map((a, i) => `| $w_${i + 1}$ | $${fmt(a)}$ | $${factorTex(s.factors[i] as number)}$ | ${describe(s.factors[i] as number)} |`);

/** The stability limit with its value: 2/a = …, or 2/a_max = …. */
export const limitTex = (d: DivergesDraw, s: DivergesSolution): string =>
  `0 < \\eta < ${d.form === "diag" ? "2/a_{\\max}" : "2/a"} = ${limitValueTex(s)}`;

/** η = … > limit (or <). */
export const etaVsLimitTex = (d: DivergesDraw, s: DivergesSolution): string =>
  `\\eta = ${fmt(d.eta)} ${s.expected ? ">" : "<"} ${limitValueTex(s)}`;

/** The first six iterates from 1 along the deciding direction. */
export const iteratesTex = (s: DivergesSolution): string =>
  Array.from({ length: 6 }, (_, t) => texNum(s.rSteep ** t, 4)).join(",\\ ");

/** |w_t| = |r|^t |w_0|. */
export const growthTex = (s: DivergesSolution): string =>
  `|w_t| = ${texNum(Math.max(...s.factors.map(Math.abs)), 4)}^t\\,|w_0|`;

/** a or a_max in the mistakes' explanations. */
export const aTex = (d: DivergesDraw): string => (d.form === "diag" ? "a_{\\max}" : "a");

export const STABLE_1D_TEX = "|1-\\eta a| < 1 \\iff 0 < \\eta < \\frac{2}{a}.";
/** Both coordinates' conditions, joined by ∧ (no words inside the maths). */
export const STABLE_2D_TEX = "|1-\\eta a_1| < 1 \\;\\wedge\\; |1-\\eta a_2| < 1 \\iff 0 < \\eta < \\frac{2}{\\max(a_1, a_2)}.";

/** 1/a = value: the step size that lands on the minimum in one step. */
export const oneStepTex = (a: number): string => `1/a = ${texNum(1 / a, 4)}`;

/** 2/a_min = value: the limit the flat direction alone would allow. */
export const flatLimitTex = (d: Extract<ThresholdDraw, { form: "diag" }>): string => {
  const lo = Math.min(d.a1, d.a2);
  return `2/${fmt(lo)} = ${texNum(2 / lo, 4)}`;
};

/** η* = 2/a = 2/… = value. */
export const etaStarTex = (form: ThresholdDraw["form"], a: number, expected: number): string =>
  `\\eta^* = \\frac{2}{${form === "diag" ? "a_{\\max}" : "a"}} = \\frac{2}{${fmt(a)}} = ${texNum(expected, 4)}`;
