import { texNum } from "../../kit/tex";
import { type Drawn, type Solution, TAU } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const fmt = (x: number): string => texNum(x, 6);

/** The integer m times 10^e, written exactly in scientific form: 3.1415 \times 10^{-3}. */
export function sciTex(m: number, e: number): string {
  if (m === 0) return "0";
  const digits = String(Math.abs(m));
  const frac = digits.slice(1).replace(/0+$/, "");
  const exp = e + digits.length - 1;
  const mant = `${m < 0 ? "-" : ""}${digits[0]}${frac ? `.${frac}` : ""}`;
  return exp === 0 ? mant : `${mant} \\times 10^{${exp}}`;
}

export const TAU_TEX = `\\tau = 10^{${Math.round(Math.log10(TAU))}}`;

export const REL_FORMULA =
  "\\mathrm{rel} = \\frac{\\lVert g_a - g_n\\rVert_2}{\\lVert g_a\\rVert_2 + \\lVert g_n\\rVert_2}";

/** One row per parameter: i, g_a, g_n (and, in the solution, the difference). */
export function gradientRows(d: Drawn, withDiff: boolean): string[] {
  return [
    withDiff ? `| $i$ | $g_{a,i}$ | $g_{n,i}$ | $g_{a,i} - g_{n,i}$ |` : `| $i$ | $g_{a,i}$ | $g_{n,i}$ |`,
    withDiff ? `|---|---|---|---|` : `|---|---|---|`,
    ...d.A.map((a, i) => {
      const n = d.N[i] as number;
      const cells = [`${i + 1}`, `$${sciTex(a, d.e)}$`, `$${sciTex(n, d.e)}$`, ...(withDiff ? [`$${sciTex(a - n, d.e)}$`] : [])];
      return `| ${cells.join(" | ")} |`;
    }),
  ];
}

export const normsTex = (s: Solution): string =>
  `\\lVert g_a - g_n\\rVert_2 = ${fmt(s.diffNorm)},\\qquad \\lVert g_a\\rVert_2 = ${fmt(s.aNorm)},\\qquad \\lVert g_n\\rVert_2 = ${fmt(s.nNorm)}`;

export const relTex = (s: Solution): string =>
  `\\mathrm{rel} = \\frac{${fmt(s.diffNorm)}}{${fmt(s.aNorm)} + ${fmt(s.nNorm)}} = ${texNum(s.rel, 4)}`;
