import { actTex, primeRuleTex } from "../../kit/chain";
import { texNum } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share: tables of numbers and products (words come from en.ts / zh.ts). */

export const n4 = (v: number) => texNum(v, 4);
export const n5 = (v: number) => texNum(v, 5);

/** The forward pass and each layer's factor as a Markdown table; `noW1` is the note in the first factor's cell. */
export function forwardRows(d: Drawn, s: Solution, noW1: string): string[] {
  const F = actTex(d.activation);
  const { z, a, fp } = s.trace;
  return [
    `| $j$ | $z_j$ | $a_j$ | $${F}'(z_j)$ | $w_j ${F}'(z_j)$ |`,
    `|---|---|---|---|---|`,
    ...z.map((zj, i) => {
      const factor = i === 0 ? `$${n5(fp[0] as number)}$ ${noW1}` : `$${n5(s.factors[i] as number)}$`;
      return `| ${i + 1} | $${n5(zj)}$ | $${n5(a[i + 1] as number)}$ | $${n5(fp[i] as number)}$ | ${factor} |`;
    }),
  ];
}

export function factorsTex(d: Drawn, s: Solution): string {
  const F = actTex(d.activation);
  return s.trace.z.map((_, i) => (i === 0 ? `${F}'(z_1)` : `w_{${i + 1}}${F}'(z_{${i + 1}})`)).join("\\cdot ");
}

export function factorValuesTex(s: Solution): string {
  return s.factors.map((v) => `(${n5(v)})`).join("\\cdot ");
}

/** The chain's definition, as a display equation. */
export function chainDefinition(d: Drawn, s: Solution): string[] {
  const F = actTex(d.activation);
  const L = s.L;
  return [
    `$$`,
    `a_0 = x, \\qquad z_j = w_j\\,a_{j-1} + b_j, \\qquad a_j = ${F}(z_j) \\quad (j = 1, \\dots, ${L}), \\qquad C = \\tfrac12\\,(a_{${L}} - y)^2.`,
    `$$`,
  ];
}

/** The chain rule along the path, as a display equation. */
export function gradientFormula(d: Drawn, s: Solution): string[] {
  const F = actTex(d.activation);
  const L = s.L;
  return [`$$`, `\\frac{\\partial C}{\\partial b_1} = ${F}'(z_1)\\,\\prod_{j=2}^{${L}} w_j\\,${F}'(z_j)\\,(a_{${L}} - y), \\qquad ${primeRuleTex(d.activation)}.`, `$$`];
}

/** The product of the factors with their values, ending on the answer, as a display equation. */
export function productLine(d: Drawn, s: Solution): string[] {
  return [`$$`, `\\frac{\\partial C}{\\partial b_1} = ${factorsTex(d, s)}\\cdot (a_{${s.L}} - y) = ${factorValuesTex(s)}\\cdot (${n5(s.residual)}) = ${s.expectedTex}`, `$$`];
}
