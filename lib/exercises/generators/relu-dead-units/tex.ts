import { reluPrime } from "@/lib/engine/activations";
import { texIndexSet } from "../../kit/choices";
import { texDrawn, texDrawnMat, texDrawnVec } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** The TeX both languages share: the layer, the table of pre-activations, the first row written out (words come from en.ts / zh.ts). */

/** The layer's definition and its drawn numbers, as the prompt's display lines. */
export function layerLines(d: Drawn): string[] {
  return [
    `$$`,
    `h = \\operatorname{relu}(z), \\qquad z = W x + b, \\qquad \\operatorname{relu}(z) = \\max(0, z),`,
    `$$`,
    ``,
    `$$`,
    `W = ${texDrawnMat(d.W)}, \\qquad b = ${texDrawnVec(d.b)}, \\qquad x = ${texDrawnVec(d.x)}.`,
    `$$`,
  ];
}

/** ∂C/∂h as display lines. */
export const upstreamLines = (d: Drawn): string[] => [`$$`, `\\frac{\\partial C}{\\partial h} = ${texDrawnVec(d.g)}.`, `$$`];

/** The chain rule for one weight gradient entry, as display lines. */
export const WEIGHT_GRAD_LINES: readonly string[] = [
  `$$`,
  `\\frac{\\partial C}{\\partial W_{ij}} = \\frac{\\partial C}{\\partial h_i}\\,\\operatorname{relu}'(z_i)\\,x_j .`,
  `$$`,
];

/** The inactive units' indices as a set, inline TeX. */
export const inactiveSetTex = (s: Solution): string => texIndexSet(s.dead);

/** The count: (inactive rows) × (entries per row), as display lines. */
export const countLines = (s: Solution): string[] => [`$$`, `${s.dead.length} \\times ${s.dim} = ${s.expectedTex}`, `$$`];

/** Row i's pre-activation written out, without its value. */
export function rowTerms(d: Drawn, i: number): string {
  const row = d.W[i] as number[];
  return `${row.map((w, j) => `(${texDrawn(w)})(${texDrawn(d.x[j] as number)})`).join(" + ")} + (${texDrawn(d.b[i] as number)})`;
}

/** Every pre-activation as a Markdown table; `inactive` is the note after an inactive unit's relu′, with its leading space if any. */
export function zTable(d: Drawn, s: Solution, inactive: string): string[] {
  return [
    `| $i$ | $z_i = \\sum_j W_{ij} x_j + b_i$ | $h_i$ | $\\operatorname{relu}'(z_i)$ |`,
    `|---|---|---|---|`,
    ...d.W.map((_, i) => {
      const zi = s.z[i] as number;
      return `| ${i + 1} | $${rowTerms(d, i)} = ${texDrawn(zi)}$ | $${zi > 0 ? texDrawn(zi) : "0"}$ | $${reluPrime(zi)}$${zi > 0 ? "" : inactive} |`;
    }),
  ];
}

/** Each inactive unit's z_i, e.g. `$z_{2} = -0.3$`, joined by `sep`. */
export const inactiveZs = (s: Solution, sep: string): string => s.dead.map((i) => `$z_{${i}} = ${texDrawn(s.z[i - 1] as number)}$`).join(sep);

/** The upstream gradient's entries, each in its own $…$, joined by `sep`. */
export const upstreamList = (d: Drawn, sep: string): string => d.g.map((v) => `$${texDrawn(v)}$`).join(sep);
