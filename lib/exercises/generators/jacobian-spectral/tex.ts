import type { Complex } from "@/lib/engine/linalg";
import { actTex } from "../../kit/chain";
import { texDrawn, texDrawnMat, texDrawnVec, texMat, texNum } from "../../kit/tex";
import type { ClassifyDraw, ClassifySolution, JacAct, JacobianSolution, LayerJacobianDraw } from "./model";

/** The TeX both languages share (words come from en.ts / zh.ts). */

export const n4 = (v: number): string => texNum(v, 4);
export const n5 = (v: number): string => texNum(v, 5);

/** The activation f of the layer, in TeX. */
export const fTex = (d: LayerJacobianDraw): string => actTex(d.activation);

export const primeRule = (a: JacAct): string =>
  a === "sigmoid" ? "\\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr)" : "\\tanh'(z) = 1 - \\tanh^2(z)";

// ---- mode "jacobian" ----

/** z is exact to 4 decimals (see solve), so it is shown exactly. */
export const zListTex = (s: JacobianSolution): string => `\\left(${s.z.map(texDrawn).join(",\\ ")}\\right)`;

export const layerTex = (d: LayerJacobianDraw): string => `h = ${fTex(d)}(z), \\qquad z = W\\,h_{\\text{prev}} + b,`;

export const layerNumbersTex = (d: LayerJacobianDraw): string =>
  `W = ${texDrawnMat(d.W)}, \\qquad b = ${texDrawnVec(d.b)}, \\qquad h_{\\text{prev}} = ${texDrawnVec(d.hPrev)}.`;

/** J_11, J_12, … in the order the answer is typed. */
export const entryOrderTex = (d: LayerJacobianDraw): string => d.W.flatMap((_, i) => d.W.map((__, j) => `J_{${i + 1}${j + 1}}`)).join(",\\ ");

export const chainRuleTex = (d: LayerJacobianDraw): string => {
  const F = fTex(d);
  return `J_{ij} = \\frac{\\partial h_i}{\\partial z_i}\\,\\frac{\\partial z_i}{\\partial h_{\\text{prev},j}} = ${F}'(z_i)\\,W_{ij}, \\qquad J = \\operatorname{diag}\\bigl(${F}'(z)\\bigr)\\,W, \\qquad ${primeRule(d.activation)}.`;
};

/** z_i = Σ_j W_ij h_prev,j + b_i with the numbers, as an aligned block. */
export function preActivationLines(d: LayerJacobianDraw, s: JacobianSolution): string[] {
  const rows = d.W.map(
    (row, i) =>
      `z_${i + 1} &= ${row.map((w, j) => `(${texDrawn(w)})(${texDrawn(d.hPrev[j] as number)})`).join(" + ")} + (${texDrawn(d.b[i] as number)}) = ${texDrawn(s.z[i] as number)}`,
  );
  return [`$$`, `\\begin{aligned}`, rows.join(" \\\\\n"), `\\end{aligned}`, `$$`];
}

/** f(z_i) and f′(z_i) with the numbers, as an aligned block. */
export function derivativeLines(d: LayerJacobianDraw, s: JacobianSolution): string[] {
  const F = fTex(d);
  const rows = s.z.map(
    (_, i) =>
      `${F}(z_${i + 1}) &= ${n5(s.fz[i] as number)}, & ${F}'(z_${i + 1}) &= ${d.activation === "sigmoid" ? `${n5(s.fz[i] as number)}\\,(1 - ${n5(s.fz[i] as number)})` : `1 - (${n5(s.fz[i] as number)})^2`} = ${n5(s.fp[i] as number)}`,
  );
  return [`$$`, `\\begin{aligned}`, rows.join(" \\\\\n"), `\\end{aligned}`, `$$`];
}

/** J with every entry as f′(z_i)·W_ij, then its values. */
export function jacobianValueTex(d: LayerJacobianDraw, s: JacobianSolution): string {
  const symbolic = d.W.map((row, i) => row.map((w) => `${n4(s.fp[i] as number)} \\cdot (${texDrawn(w)})`).join(" & ")).join(" \\\\ ");
  return `J = \\begin{pmatrix} ${symbolic} \\end{pmatrix} = ${texMat(s.J, 4)}`;
}

// ---- mode "classify" ----

export const classifyMatrixTex = (d: ClassifyDraw): string => `J = ${texDrawnMat(d.J)},`;

function traceDetTex(d: ClassifyDraw, s: ClassifySolution): string {
  const [[a, b], [c, dd]] = d.J as [[number, number], [number, number]];
  return `\\operatorname{tr} J = ${texDrawn(a)} + (${texDrawn(dd)}) = ${n5(s.tr)}, \\qquad \\det J = (${texDrawn(a)})(${texDrawn(dd)}) - (${texDrawn(b)})(${texDrawn(c)}) = ${n5(s.det)}, \\qquad (\\operatorname{tr} J)^2 - 4\\det J = ${n5(s.disc)},`;
}

const eigTex = (l: Complex): string => (Math.abs(l.im) < 1e-12 ? n4(l.re) : `${n4(l.re)} ${l.im < 0 ? "-" : "+"} ${n4(Math.abs(l.im))}\\,i`);

const eigenvaluesTex = (s: ClassifySolution): string =>
  `\\lambda_{1,2} = \\tfrac12\\Bigl(\\operatorname{tr} J \\pm \\sqrt{(\\operatorname{tr} J)^2 - 4\\det J}\\Bigr): \\quad \\lambda_1 = ${eigTex(s.eig[0] as Complex)}, \\quad \\lambda_2 = ${eigTex(s.eig[1] as Complex)}, \\qquad \\rho(J) = ${n4(s.rho)}.`;

/** tr J, det J and the discriminant, then the eigenvalues and ρ(J): two display blocks. */
export const spectrumBlocks = (d: ClassifyDraw, s: ClassifySolution): string[] => [`$$`, traceDetTex(d, s), `$$`, ``, `$$`, eigenvaluesTex(s), `$$`];

/** ‖J^k‖₂ next to ρ(J)^k, as a Markdown table. */
export function powerTable(s: ClassifySolution): string[] {
  return [
    `| $k$ | $\\lVert J^k \\rVert_2$ | $\\rho(J)^k$ |`,
    `|---|---|---|`,
    ...s.powers.map(({ k, norm }) => `| ${k} | $${n4(norm)}$ | $${n4(s.rho ** k)}$ |`),
  ];
}
