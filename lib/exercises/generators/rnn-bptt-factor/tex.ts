import { texMat, texNum, texParen, texTerm } from "../../kit/tex";
import type { EigenSolution, RnnActivation, ScalarSolution } from "./model";

/** The TeX both languages share: the RNN, its tables, the eigenvalue algebra (words come from en.ts / zh.ts). */

/** A display equation as Markdown lines. */
const display = (tex: string): string[] => [`$$`, tex, `$$`];

/** Drawn values in the prompt: up to 6 significant digits (they have at most 2 decimals, so exactly). */
export const fmt = (x: number): string => texNum(x, 6);

/** f and f′ in TeX; f′ written in terms of h_t = f(z_t). */
export const ACT_TEX: Record<RnnActivation, { f: string; fpTex: string }> = {
  tanh: { f: "\\tanh", fpTex: "1-h_t^2" },
  sigmoid: { f: "\\sigma", fpTex: "h_t(1-h_t)" },
};

/** f′ in terms of h_t, as a factor after w: `(1-h_t^2)` or `h_t(1-h_t)`. */
export const fpFactorTex = (a: RnnActivation): string => (a === "tanh" ? "(1-h_t^2)" : "h_t(1-h_t)");

/** One step's factor w f′(z_t), e.g. `w\,\tanh'(z_3)`. */
export const factorTex = (a: RnnActivation, t: number | string): string => `w\\,${ACT_TEX[a].f}'(z_{${t}})`;

/** The recurrence and the drawn parameters (the prompt's display equation). */
function recurrenceTex(s: ScalarSolution): string {
  const { w, u, b, h0, activation } = s.draw;
  return `z_t = w\\,h_{t-1} + u\\,x_t + b, \\qquad h_t = ${ACT_TEX[activation].f}(z_t), \\qquad w = ${fmt(w)},\\ u = ${fmt(u)},\\ b = ${fmt(b)},\\ h_0 = ${fmt(h0)}.`;
}

/** The inputs x_1 … x_T. */
export const inputsTex = (s: ScalarSolution): string => s.draw.x.map((v, i) => `x_{${i + 1}} = ${fmt(v)}`).join(",\\ ");

/** The forward pass (z_t, h_t) as a Markdown table, for the difficulty-1 prompt. */
export function forwardTable(s: ScalarSolution): string[] {
  const { z, h } = s;
  return [
    `| $t$ | ${z.map((_, i) => `${i + 1}`).join(" | ")} |`,
    `|---|${z.map(() => "---").join("|")}|`,
    `| $z_t$ | ${z.map((v) => `$${fmt(v)}$`).join(" | ")} |`,
    `| $h_t$ | ${h.slice(1).map((v) => `$${fmt(v)}$`).join(" | ")} |`,
  ];
}

/** ∂h_T/∂h_0 in TeX. */
export const targetTex = (T: number): string => `\\frac{\\partial h_{${T}}}{\\partial h_0}`;

/** The chain rule through one step and through all T. */
function chainRuleTex(s: ScalarSolution): string {
  const { f, fpTex } = ACT_TEX[s.draw.activation];
  return `\\frac{\\partial h_t}{\\partial h_{t-1}} = ${f}'(z_t)\\,\\frac{\\partial z_t}{\\partial h_{t-1}} = w\\,\\bigl(${fpTex}\\bigr), \\qquad ${targetTex(s.T)} = \\prod_{t=1}^{${s.T}} w\\,${f}'(z_t).`;
}

/** z_t with the drawn numbers, e.g. `z_t = 1.2\,h_{t-1} - 0.3\,x_t + 0.1`. */
export function forwardRuleTex(s: ScalarSolution): string {
  const { w, u, b } = s.draw;
  return `z_t = ${fmt(w)}\\,h_{t-1} ${texTerm(u, fmt)}\\,x_t ${texTerm(b, fmt)}`;
}

/** The solution's table, one factor per step; `running` is the last column's header. */
export function factorTable(s: ScalarSolution, running: string): string[] {
  const { f, fpTex } = ACT_TEX[s.draw.activation];
  let run = 1;
  const rows = s.z.map((zt, i) => {
    const factor = s.factors[i] as number;
    run *= factor;
    return `| ${i + 1} | $${texNum(zt, 5)}$ | $${texNum(s.h[i + 1] as number, 5)}$ | $${texNum(s.fp[i] as number, 5)}$ | $${texNum(factor, 5)}$ | $${texNum(run, 5)}$ |`;
  });
  return [`| $t$ | $z_t$ | $h_t$ | $${f}'(z_t) = ${fpTex}$ | $w\\,${f}'(z_t)$ | ${running} |`, `|---|---|---|---|---|---|`, ...rows];
}

/** W as the prompt shows it. */
const matrixTex = (s: EigenSolution): string =>
  `W = ${texMat(s.draw.W, 6)}.`;

/** The characteristic polynomial. */
export const CHAR_POLY_TEX = "\\lambda^2 - (\\operatorname{tr} W)\\,\\lambda + \\det W = 0";

/** tr W and det W from the entries. */
function traceDetTex(s: EigenSolution): string {
  const [[a, b], [c, d]] = s.draw.W as [[number, number], [number, number]];
  return `\\operatorname{tr} W = ${fmt(a)} ${texTerm(d, fmt)} = ${texNum(s.info.tr, 6)}, \\qquad \\det W = ${texParen(a, fmt)}\\cdot ${texParen(d, fmt)} - ${texParen(b, fmt)}\\cdot ${texParen(c, fmt)} = ${texNum(s.info.det, 6)},`;
}

const discTex = (s: EigenSolution): string =>
  `\\Delta = (\\operatorname{tr} W)^2 - 4\\det W = ${texNum(s.info.disc, 6)}.`;

const complexPairTex = (s: EigenSolution): string =>
  `\\lambda_{1,2} = \\frac{\\operatorname{tr} W}{2} \\pm i\\,\\frac{\\sqrt{-\\Delta}}{2} = ${texNum(s.info.l1, 5)} \\pm ${texNum(s.info.l2, 5)}\\,i,`;

const complexRhoTex = (s: EigenSolution): string =>
  `\\rho(W) = \\sqrt{\\det W} = \\sqrt{${texNum(s.info.det, 6)}} = ${s.expectedTex}`;

const realPairTex = (s: EigenSolution): string =>
  `\\lambda_{1,2} = \\frac{\\operatorname{tr} W \\pm \\sqrt{\\Delta}}{2} = \\frac{${texNum(s.info.tr, 6)} \\pm ${texNum(Math.sqrt(s.info.disc), 5)}}{2}: \\quad \\lambda_1 = ${texNum(s.info.l1, 5)},\\ \\lambda_2 = ${texNum(s.info.l2, 5)}.`;

const realRhoTex = (s: EigenSolution): string =>
  `\\rho(W) = \\max(|${texNum(s.info.l1, 5)}|,\\ |${texNum(s.info.l2, 5)}|) = ${s.expectedTex}`;

/** The norm bound on a product of tanh steps. */
export const NORM_BOUND_TEX = "\\bigl\\lVert \\prod_{t=1}^{T} D_t W \\bigr\\rVert \\le \\prod_{t=1}^{T} \\lVert D_t\\rVert\\,\\lVert W\\rVert \\le \\sigma_{\\max}(W)^T";

/** σ_max(W) to 4 significant digits. */
export const sMaxTex = (s: EigenSolution): string => texNum(s.sMax, 4);

/** The recurrence and the drawn parameters, as display lines. */
export const recurrenceLines = (s: ScalarSolution): string[] => display(recurrenceTex(s));

/** The chain rule through one step and through all T, as display lines. */
export const chainRuleLines = (s: ScalarSolution): string[] => display(chainRuleTex(s));

/** W as the prompt shows it, as display lines. */
export const matrixLines = (s: EigenSolution): string[] => display(matrixTex(s));

/**
 * The eigen solution's working: `intro` before tr W, det W and the
 * discriminant, `pair` before the two eigenvalues (a complex pair or two
 * reals), `rho` before ρ(W) from them (√det W for a complex pair, the larger
 * modulus otherwise).
 */
export function eigenWorking(s: EigenSolution, words: { intro: string; pair: string; rho: string }): string[] {
  const { complex } = s.info;
  return [
    words.intro,
    ``,
    ...display(traceDetTex(s)),
    ``,
    ...display(discTex(s)),
    ``,
    words.pair,
    ``,
    ...display(complex ? complexPairTex(s) : realPairTex(s)),
    ``,
    words.rho,
    ``,
    ...display(complex ? complexRhoTex(s) : realRhoTex(s)),
  ];
}

/** The hint's first step: z_1 and the factor w f′(z_1). */
export const firstStepTex = (s: ScalarSolution): { z1: string; factor1: string } => ({
  z1: texNum(s.z[0] as number, 5),
  factor1: texNum(s.factors[0] as number, 5),
});

/** tr W and det W as the hint shows them. */
export const trDetTex = (s: EigenSolution): { tr: string; det: string } => ({ tr: texNum(s.info.tr, 6), det: texNum(s.info.det, 6) });

/** |λ₂| for the signed-largest explanation. */
export const absL2Tex = (s: EigenSolution): string => texNum(Math.abs(s.info.l2), 4);

/**
 * What σ_max says about a finite number of steps: one step can stretch a
 * gradient (σ_max > 1 and clearly above ρ), no step can (σ_max ≤ 1), or
 * nothing worth adding.
 */
export function transientKind(s: EigenSolution): "stretch" | "bounded" | "none" {
  if (s.sMax > 1 && s.sMax > s.expected * 1.02) return "stretch";
  return s.sMax <= 1 ? "bounded" : "none";
}
