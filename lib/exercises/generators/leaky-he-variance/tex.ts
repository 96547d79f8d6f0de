import { texNum } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

export const FORMULA_TEX = "\\operatorname{Var}(w) = \\frac{2}{(1+\\alpha^2)\\,n_{\\text{in}}}";

export const layerTex = (d: Drawn): string =>
  d.layer === "dense"
    ? `n_{\\text{in}} = ${d.nIn},\\qquad n_{\\text{out}} = ${d.nOut},\\qquad \\alpha = ${d.alpha}`
    : `k_h = k_w = ${d.k},\\qquad C_{\\text{in}} = ${d.cIn},\\qquad C_{\\text{out}} = ${d.cOut},\\qquad \\alpha = ${d.alpha}`;

export const fanInTex = (d: Drawn, s: Solution): string =>
  d.layer === "dense" ? `n_{\\text{in}} = ${s.fanIn}` : `n_{\\text{in}} = k_h k_w C_{\\text{in}} = ${d.k} \\cdot ${d.k} \\cdot ${d.cIn} = ${s.fanIn}`;

export const varianceTex = (d: Drawn, s: Solution): string =>
  `\\operatorname{Var}(w) = \\frac{2}{(1+${d.alpha}^2)\\cdot ${s.fanIn}} = \\frac{2}{${fmt((1 + d.alpha * d.alpha) * s.fanIn)}} = ${s.askStd ? fmt(s.variance) : s.expectedTex}`;

export const stdTex = (s: Solution): string => `\\sigma_w = \\sqrt{\\operatorname{Var}(w)} = \\sqrt{${fmt(s.variance)}} = ${s.expectedTex}`;

export const factorTex = (d: Drawn): string => fmt(2 / (1 + d.alpha * d.alpha));
