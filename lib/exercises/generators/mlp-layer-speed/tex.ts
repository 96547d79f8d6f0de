import type { Trace } from "@/lib/engine/feedforward";
import { texDrawnMat, texDrawnVec, texList, texNum } from "../../kit/tex";
import { A_DIGITS, type Drawn, type RatioSolution, type Solution } from "./model";

/** The TeX both languages share: the network, the δ recursion with its numbers, the norms (words come from en.ts / zh.ts). */

export const n4 = (v: number): string => texNum(v, 4);
const layer = (s: Solution, l: number) => s.trace.layers[l - 1] as Trace["layers"][number];

/** The unusually large weight matrices W^2 … W^t of a flagged draw. */
export const largeWeightsTex = (t: number): string => (t === 2 ? `W^{2}` : `W^{2}, \\dots, W^{${t}}`);

/** How many times faster the faster of the first and last hidden layers learns (ratio mode), to 3 digits. */
export const speedFactorTex = (s: RatioSolution): string => texNum(s.expected < 1 ? 1 / s.expected : s.expected, 3);

/** The layer widths, e.g. 2–3–3–3–1. */
export const widthsTex = (d: Drawn): string => d.net.widths.join("\\text{–}");

/** The network's equations and cost, one display line. */
export const networkTex = (s: Solution): string =>
  `a^0 = x, \\qquad z^l = W^l a^{l-1} + b^l, \\qquad a^l = \\sigma(z^l) \\quad (l = 1, \\dots, ${s.L}), \\qquad C = \\tfrac12 \\lVert a^{${s.L}} - y \\rVert^2.`;

export const inputTex = (d: Drawn): string => `x = ${texDrawnVec(d.net.x)}, \\qquad y = ${texDrawnVec(d.net.y)}`;

/** W^l, b^l and the activations a^l of every layer, one display block each. */
export function layerBlocks(d: Drawn, s: Solution): string[] {
  const lines: string[] = [];
  for (let l = 1; l <= s.L; l++) {
    const a = layer(s, l).a;
    lines.push(
      `$$`,
      `W^{${l}} = ${texDrawnMat(d.net.W[l - 1] as number[][])}, \\quad b^{${l}} = ${texDrawnVec(d.net.b[l - 1] as number[])}, \\quad a^{${l}} = \\begin{pmatrix} ${a.map((v) => texNum(v, A_DIGITS)).join(" \\\\ ")} \\end{pmatrix}`,
      `$$`,
      ``,
    );
  }
  return lines;
}

/** δ^L = (a^L − y) ⊙ a^L ⊙ (1 − a^L), symbolic. */
export const outputDeltaRule = (L: number): string => `\\delta^{${L}} = (a^{${L}} - y) \\odot a^{${L}} \\odot (1 - a^{${L}})`;

/** The output layer's δ with its numbers. */
export function outputDeltaTex(d: Drawn, s: Solution): string {
  const { L } = s;
  const out = layer(s, L);
  const residual = out.a.map((v, k) => v - (d.net.y[k] as number));
  return `${outputDeltaRule(L)} = ${texList(residual)} \\odot ${texList(out.fPrime)} = ${texList(out.delta)}.`;
}

/** δ^L to 4 significant digits. */
export const outputDeltaValue = (s: Solution): string => texList(layer(s, s.L).delta);

/** The backward step with σ′ written as a(1 − a), as the hint gives it. */
export const hintStepRule = `\\delta^l = \\bigl((W^{l+1})^\\top \\delta^{l+1}\\bigr) \\odot a^l \\odot (1 - a^l)`;

/** The backward step with σ′, as the solution gives it. */
export const stepRule = `\\delta^l = \\bigl((W^{l+1})^\\top \\delta^{l+1}\\bigr) \\odot \\sigma'(z^l)`;

/** The hidden layers' δ from the top down: (W^{l+1})ᵀ δ^{l+1}, σ′(z^l) and δ^l, one display block each. */
export function hiddenDeltaBlocks(d: Drawn, s: Solution): string[] {
  const lines: string[] = [];
  for (let l = s.L - 1; l >= 1; l--) {
    const cur = layer(s, l);
    const up = layer(s, l + 1);
    const Wn = d.net.W[l] as number[][];
    // (W^{l+1})ᵀ δ^{l+1}, the gradient arriving at a^l.
    const back = cur.a.map((_, j) => Wn.reduce((acc, row, i) => acc + (row[j] as number) * (up.delta[i] as number), 0));
    lines.push(
      `$$`,
      `(W^{${l + 1}})^\\top \\delta^{${l + 1}} = ${texList(back)}, \\quad \\sigma'(z^{${l}}) = ${texList(cur.fPrime)}, \\quad \\delta^{${l}} = ${texList(cur.delta)}`,
      `$$`,
      ``,
    );
  }
  return lines;
}

/** The norms per layer as a Markdown table; `layerWord` heads the first column, `outputNote` follows the output layer's number. */
export function normTable(s: Solution, layerWord: string, outputNote: string): string[] {
  const rows = s.dn.map((v, i) => `| ${i + 1}${i + 1 === s.L ? outputNote : ""} | $${n4(v)}$ | $${n4(s.wn[i] as number)}$ |`);
  return [
    `| ${layerWord} $l$ | $\\lVert \\delta^l \\rVert = \\lVert \\partial C/\\partial b^l \\rVert$ | $\\lVert \\partial C/\\partial W^l \\rVert = \\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$ |`,
    `|---|---|---|`,
    ...rows,
  ];
}

/** The ratio with its two norms and the answer, as a display block. */
export const ratioBlock = (s: RatioSolution): string[] => [
  `$$`,
  `\\frac{\\lVert \\delta^1 \\rVert}{\\lVert \\delta^{${s.H}} \\rVert} = \\frac{${n4(s.hidden[0] as number)}}{${n4(s.hidden[s.H - 1] as number)}} = ${s.expectedTex}`,
  `$$`,
  ``,
];
