import { texCommaList, texDrawn, texDrawnMat, texNum } from "../../kit/tex";
import { bias, type Drawn, type Solution, type Tensor } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);
const drawnList = (v: readonly number[]): string => `\\left(${texCommaList(v, texDrawn)}\\right)`;

const tensorTex = (t: Tensor): string => `g_{${t.name}} = ${t.kind === "vector" ? drawnList(t.v) : texDrawnMat(t.m)}`;

export const tensorsTex = (d: Drawn): string => `${d.tensors.map(tensorTex).join(",\\qquad ")},\\qquad c = ${d.c}.`;

export const askedName = (d: Drawn): string => `g_{${(d.tensors[d.ask] as Tensor).name}}`;

export const RULE_TEX =
  "\\lVert g\\rVert = \\sqrt{\\textstyle\\sum_t \\lVert g_t\\rVert^2},\\qquad g_t \\leftarrow g_t\\cdot\\min\\Bigl(1, \\frac{c}{\\lVert g\\rVert}\\Bigr)";

/** Each tensor's squared norm, the sum and the global norm. */
export const normsTex = (d: Drawn, s: Solution): string =>
  `${d.tensors.map((t, i) => `\\lVert g_{${t.name}}\\rVert^2 = ${fmt(s.sq[i] as number)}`).join(",\\quad ")},\\qquad \\lVert g\\rVert = \\sqrt{${fmt(s.total)}} = ${fmt(s.norm)}.`;

export const scaleTex = (d: Drawn, s: Solution): string => `\\frac{c}{\\lVert g\\rVert} = \\frac{${d.c}}{${fmt(s.norm)}} = ${fmt(s.scale)}`;

export const resultTex = (d: Drawn, s: Solution): string => `${askedName(d)} \\leftarrow ${fmt(s.scale)}\\cdot ${drawnList(bias(d))} = ${s.expectedTex}`;
