import { texNum } from "../../kit/tex";
import { BRANCH_MAX, type Drawn, type ResidualActivation, type Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

export const ACT_TEX: Record<ResidualActivation, { f: string; fpTex: (x: string) => string }> = {
  tanh: { f: "\\tanh", fpTex: (x) => `1-\\tanh^2(${x})` },
  sigmoid: { f: "\\sigma", fpTex: (x) => `\\sigma(${x})\\,(1-\\sigma(${x}))` },
};

/** The block recurrence x_k = x_{k−1} + w_k f(x_{k−1}), k = 1, …, K. */
export const recurrenceTex = (d: Drawn, s: Solution): string =>
  `x_k = x_{k-1} + w_k\\, ${ACT_TEX[d.activation].f}(x_{k-1}), \\qquad k = ${s.K === 2 ? "1, 2" : `1, \\dots, ${s.K}`},`;

/** w_1 = …, w_2 = … */
export const weightsTex = (d: Drawn): string => d.w.map((wk, k) => `w_${k + 1} = ${fmt(wk)}`).join(",\\ ");

/** One block's factor 1 + w_k f′(x_{k−1}), for block k (1-based). */
export const blockFactorTex = (a: ResidualActivation, k: number): string => `1 + w_{${k}}\\,${ACT_TEX[a].f}'(x_{${k - 1}})`;

/** ∂x_K/∂x_0. */
export const targetTex = (K: number): string => `\\dfrac{\\partial x_{${K}}}{\\partial x_0}`;

/** The local derivative of a block and the product over all blocks. */
export const chainRuleTex = (d: Drawn, s: Solution): string => {
  const f = ACT_TEX[d.activation].f;
  return `\\frac{\\partial x_k}{\\partial x_{k-1}} = 1 + w_k\\, ${f}'(x_{k-1}), \\qquad \\frac{\\partial x_{${s.K}}}{\\partial x_0} = \\prod_{k=1}^{${s.K}} \\bigl(1 + w_k\\, ${f}'(x_{k-1})\\bigr).`;
};

/** Header cells of the factor table after $k$, $x_{k-1}$, … (the last column's title is words: passed in). */
export const factorTableHead = (d: Drawn, running: string): string[] => {
  const f = ACT_TEX[d.activation].f;
  return [
    `| $k$ | $x_{k-1}$ | $${f}'(x_{k-1})$ | $w_k\\,${f}'(x_{k-1})$ | $1 + w_k\\,${f}'(x_{k-1})$ | ${running} |`,
    `|---|---|---|---|---|---|`,
  ];
};

/** One row per block, with the running product. */
export function factorTableRows(s: Solution): string[] {
  let run = 1;
  return s.branch.map((b, k) => {
    const factor = 1 + b;
    run *= factor;
    return `| ${k + 1} | $${texNum(s.xs[k] as number, 5)}$ | $${texNum(s.fp[k] as number, 5)}$ | $${texNum(b, 5)}$ | $${texNum(factor, 5)}$ | $${texNum(run, 5)}$ |`;
  });
}

/** The plain stack's states p_1 = …, p_2 = … */
export const plainStatesTex = (s: Solution): string =>
  s.ps
    .slice(1)
    .map((v, k) => `p_${k + 1} = ${texNum(v, 4)}`)
    .join(",\\ ");

/** ∂p_K/∂p_0 = ∏_k w_k f′(p_{k−1}) = value. */
export const plainGradTex = (d: Drawn, s: Solution): string =>
  `\\partial p_{${s.K}}/\\partial p_0 = \\prod_k w_k\\,${ACT_TEX[d.activation].f}'(p_{k-1}) = ${texNum(s.plain, 4)}`;

/** The first block's factor 1 + w_1 f′(x_0), as the hint checks it. */
export const firstFactorTex = (s: Solution): string => texNum(s.factors[0] as number, 5);

/** Whether the plain stack's gradient is the smaller one, and by how many times the residual one is larger. */
export const plainIsSmaller = (s: Solution): boolean => Math.abs(s.plain) < Math.abs(s.expected);
export const plainRatioTex = (s: Solution): string => texNum(Math.abs(s.expected / s.plain), 3);

/** The answer as the solution's last line states it. */
export const answerTex = (s: Solution): string => `${targetTex(s.K)} = ${s.expectedTex}`;

export const BRANCH_MAX_TEX = `${BRANCH_MAX}`;

export const fRange = (s: Solution): { lo: string; hi: string } => ({
  lo: texNum(Math.min(...s.factors), 4),
  hi: texNum(Math.max(...s.factors), 4),
});
