import { texNum } from "../../kit/tex";
import { HE_TANH_CHI, type LayerDraw, type LayerSolution, type Letter, standardNormalTanhChi, type WhichActivation, type WhichSolution } from "./model";

/** The TeX both languages share: formulas, display equations and computed numbers (words come from en.ts / zh.ts). */

/** Each option's formula; en.ts / zh.ts put the scheme's name in front. */
export const OPTION_TEX: Record<Letter, string> = {
  A: "$\\operatorname{Var}(w) = 2/(n_\\text{in} + n_\\text{out})$",
  B: "$\\operatorname{Var}(w) = 2/n_\\text{in}$",
  C: "$\\operatorname{Var}(w) = 1$",
};

/** The options as Markdown paragraphs, each followed by a blank line. */
export function optionLines(text: Record<Letter, string>): string[] {
  return (["A", "B", "C"] as const).map((o) => `**${o}.** ${text[o]}`).flatMap((line) => [line, ``]);
}

/** How each activation is named in the prompt at difficulty 3: by formula. */
export const ACTIVATION_FORMULA: Record<WhichActivation, string> = {
  relu: "f(z) = \\max(0, z)",
  leaky_relu: "f(z) = \\max(0.01\\,z,\\ z)",
  tanh: "f(z) = \\dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
};

/** A display equation as Markdown lines. */
const display = (tex: string): string[] => [`$$`, tex, `$$`];

/** The per-layer gain, as the prompt defines it. */
export const CHI_TEX = "\\chi = n\\,\\operatorname{Var}(w)\\,\\mathbb E\\bigl[f'(z)^2\\bigr].";
export const chiBlock = (): string[] => display(CHI_TEX);

/** He on tanh: the gain over `depth` layers. */
export const heTanhGrowthTex = (depth: number): string => texNum(HE_TANH_CHI ** depth, 2);
/** N(0, 1) on tanh: the per-layer gain at width n. */
export const standardNormalChiTex = (width: number): string => texNum(standardNormalTanhChi(width), 2);

/** Xavier on ReLU: the gradient's variance is halved `depth` times. */
export const reluHalvingTex = (depth: number): string => `2^{${depth}} \\approx ${texNum(2 ** depth, 3)}`;
/** N(0, 1) on ReLU: the per-layer gain n/2. */
export const reluStandardNormalChi = (width: number): string => String(width / 2);

/** He for ReLU-like units in the which mode's solution. */
const reluVarianceTex = (width: number): string[] =>
  display(`\\chi = n\\,\\operatorname{Var}(w)\\cdot\\tfrac12 = 1 \\quad\\Rightarrow\\quad \\operatorname{Var}(w) = \\frac{2}{n_\\text{in}} = \\frac{2}{${width}}.`);

/** Xavier for tanh in the which mode's solution (square layers). */
const xavierSquareTex = (width: number): string[] =>
  display(`\\operatorname{Var}(w) = \\frac{2}{n_\\text{in}+n_\\text{out}} = \\frac{2}{${width} + ${width}} = \\frac{1}{${width}}.`);

/** A convolution's fans, with the kernel area. */
function convFansTex(d: Extract<LayerDraw, { layer: "conv" }>, nIn: number, nOut: number): string[] {
  return display(`n_\\text{in} = C_\\text{in}k^2 = ${d.cIn}\\cdot ${d.k * d.k} = ${nIn},\\qquad n_\\text{out} = C_\\text{out}k^2 = ${d.cOut}\\cdot ${d.k * d.k} = ${nOut}.`);
}

const xavierLayerTex = (nIn: number, nOut: number, expected: number): string[] =>
  display(`\\operatorname{Var}(w) = \\frac{2}{n_\\text{in} + n_\\text{out}} = \\frac{2}{${nIn} + ${nOut}} = \\frac{2}{${nIn + nOut}} = ${texNum(expected, 4)}`);

const heLayerTex = (nIn: number, expected: number): string[] =>
  display(`\\operatorname{Var}(w) = \\frac{2}{n_\\text{in}} = \\frac{2}{${nIn}} = ${texNum(expected, 4)}`);

/** The which mode's display: He's variance for ReLU-like units, Xavier's for tanh. */
export const whichDisplay = (s: WhichSolution): string[] => (s.relu ? reluVarianceTex(s.draw.width) : xavierSquareTex(s.draw.width));

/**
 * The layer modes' TeX: a convolution's fans (no lines for a dense layer), the
 * scheme's formula on the drawn fans, and the standard deviation that goes with
 * the variance (inline).
 */
export function layerTex(s: LayerSolution): { fans: string[]; formula: string[]; std: string } {
  const d = s.draw;
  return {
    fans: d.layer === "conv" ? convFansTex(d, s.nIn, s.nOut) : [],
    formula: s.mode === "xavier" ? xavierLayerTex(s.nIn, s.nOut, s.expected) : heLayerTex(s.nIn, s.expected),
    std: `\\sqrt{\\operatorname{Var}(w)} = ${texNum(Math.sqrt(s.expected), 4)}`,
  };
}
