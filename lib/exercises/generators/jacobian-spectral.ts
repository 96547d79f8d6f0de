import { getActivation } from "@/lib/engine/activations";
import { analyzeMatrix, jacobian, jacobianProduct } from "@/lib/engine/jacobians";
import { type Complex, spectralNorm } from "@/lib/engine/linalg";
import { createRng, type Rng } from "@/lib/engine/rng";
import { letters } from "../kit/choices";
import { drawMatrix, drawUntil, drawVector, round, roundedUniform } from "../kit/draw";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawn, texDrawnMat, texDrawnVec, texList, texMat, texNum } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * Two exercises on layer Jacobians.
 *
 * mode "jacobian": for one layer h = f(W h_prev + b), z = W h_prev + b,
 *   \frac{\partial h}{\partial h_{\text{prev}}} = \operatorname{diag}\bigl(f'(z)\bigr)\,W,
 *   \quad\text{i.e.}\quad J_{ij} = \frac{\partial h_i}{\partial h_{\text{prev},j}} = f'(z_i)\,W_{ij},
 * since h_i depends on h_prev only through z_i and ∂z_i/∂h_prev,j = W_ij, with
 *   \sigma'(z) = \sigma(z)\,(1 - \sigma(z)),\qquad \tanh'(z) = 1 - \tanh^2(z).
 *
 * mode "classify": a recurrent-style Jacobian J applied K times, asked as a
 * limit K → ∞ with three options that are disjoint and cover every matrix:
 * ‖J^K‖ → 0 (A), ‖J^K‖ → ∞ (B), or bounded and not → 0 (C). By Gelfand
 * (\lim_{K\to\infty} \lVert J^K \rVert^{1/K} = \rho(J)) the limit is decided by
 * the spectral radius ρ(J) = max |λ_i|, not by ‖J‖₂ (which only bounds it:
 * ‖J^K‖ ≤ ‖J‖₂^K): ρ < 1 gives A, ρ > 1 gives B, and ρ = 1 exactly gives C
 * when the eigenvalues on the unit circle are distinct (a repeated one would
 * add a factor K and give B). So "neither" draws are built with ρ = 1 exactly
 * (not merely near 1, where ‖J^K‖ still → 0 or ∞), and A/B draws keep ρ at
 * least 7 % away from 1 so the trend shows within a few dozen steps. For 2×2,
 *   \lambda_{1,2} = \tfrac12\bigl(\operatorname{tr} J \pm \sqrt{(\operatorname{tr} J)^2 - 4\det J}\bigr).
 */

const MODES = ["jacobian", "classify"] as const;
type Mode = (typeof MODES)[number];

const JAC_ACTS = ["sigmoid", "tanh"] as const;
type JacAct = (typeof JAC_ACTS)[number];

/** Below this f′ a unit is saturated and its row of J is ≈ 0 (nothing to compute). */
const MIN_FPRIME = 0.05;
/** Powers k of J shown in the classify solution's table. */
const TABLE_POWERS = [1, 2, 5, 10, 20, 50, 100] as const;
/** Float tolerance for ρ = 1: "neither" matrices have ρ = 1 exactly in decimal arithmetic. */
const RHO_EXACT = 1e-9;
/** Probability that a classify draw is a trap (‖J‖₂ > 1 with ρ < 1, or all entries < 1 with ρ > 1), by difficulty. */
const TRAP_P = [0.3, 0.5, 0.7] as const;

/**
 * The class the options define, for a rate r per step (ρ for the answer; ‖J‖₂
 * or Re λ for the mistakes, as a learner would use them): r < 1 → ‖J^K‖ → 0,
 * r > 1 → ∞, r = 1 (up to float round-off) → neither.
 */
function classOf(r: number): "A" | "B" | "C" {
  return r < 1 - RHO_EXACT ? "A" : r > 1 + RHO_EXACT ? "B" : "C";
}

/** The n² entries of J row by row, each at 0.5 %. */
const jacobianSpec = (n: number): AnswerSpec => ({ kind: "vector", length: n * n, tolerance: { rel: REL_TOL } });
const CLASSIFY_SPEC: AnswerSpec = { kind: "choice", options: letters(3) };

const CLASS_NAME = { A: "vanishing", B: "exploding", C: "neither" } as const;

// ---------------------------------------------------------------------------
// mode "jacobian"
// ---------------------------------------------------------------------------

export interface LayerJacobianDraw {
  activation: JacAct;
  W: number[][];
  b: number[];
  hPrev: number[];
}

interface JacBuilt {
  draw: LayerJacobianDraw;
  z: number[];
  fz: number[];
  fp: number[];
  J: number[][];
  expected: number[];
  mistakes: KnownMistake[];
}

const actTex = (a: JacAct): string => (a === "sigmoid" ? "\\sigma" : "\\tanh");
const primeRule = (a: JacAct): string =>
  a === "sigmoid" ? "\\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr)" : "\\tanh'(z) = 1 - \\tanh^2(z)";

function buildJacobianOnce(rng: Rng, n: number): JacBuilt | null {
  const activation = rng.pick(JAC_ACTS);
  const W = drawMatrix(n, n, () => roundedUniform(rng, -2, 2, 2, 0.1));
  const b = drawVector(n, () => roundedUniform(rng, -1, 1, 2, 0));
  // h_prev is the previous layer's output of the same kind of unit: in (0, 1) for σ, (−1, 1) for tanh.
  const hPrev = drawVector(n, () => (activation === "sigmoid" ? roundedUniform(rng, 0.05, 0.95, 2, 0.05) : roundedUniform(rng, -0.95, 0.95, 2, 0.05)));
  const act = getActivation(activation);
  // z = W h_prev + b is exact to 4 decimals; rounding removes the float noise so the prompt can show it exactly.
  const z = W.map((row, i) => round(row.reduce((s, w, j) => s + w * (hPrev[j] as number), b[i] as number), 4));
  const fp = z.map((v) => act.fPrime(v));
  if (fp.some((v) => v < MIN_FPRIME)) return null;
  const fz = z.map((v) => act.f(v));
  // The engine's layer Jacobian (diag(f′(z)) W) is the answer.
  const J = jacobian({ W, b, activation }, hPrev);
  const expected = J.flat();
  const F = actTex(activation);
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "transposed",
      value: W.flatMap((_, i) => W.map((__, j) => (J[j] as number[])[i] as number)),
      explanation: `Transposed: wrote $\\bigl(\\operatorname{diag}(${F}'(z))\\,W\\bigr)^\\top$. Row $i$ of $J$ is unit $i$'s output, $J_{ij} = \\partial h_i/\\partial h_{\\text{prev},j} = ${F}'(z_i)\\,W_{ij}$.`,
    },
    {
      id: "forgot-diag",
      value: W.flat(),
      explanation: `Forgot the activation: $J = W$ would be the Jacobian of the linear part $z$ only; $h = ${F}(z)$ multiplies row $i$ by $${F}'(z_i)$.`,
    },
    {
      id: "right-multiplied",
      value: W.flatMap((row) => row.map((w, j) => w * (fp[j] as number))),
      explanation: `Multiplied on the wrong side: $W\\,\\operatorname{diag}(${F}'(z))$ scales **columns** by $${F}'(z_j)$; the derivative of unit $i$ scales **row** $i$: $\\operatorname{diag}(${F}'(z))\\,W$.`,
    },
    {
      id: "used-f",
      value: W.flatMap((row, i) => row.map((w) => w * (fz[i] as number))),
      explanation: `Used $${F}(z_i)$ instead of its derivative $${F}'(z_i)$: the chain rule needs $${primeRule(activation)}$.`,
    },
  ];
  const mistakes = resolveMistakes(expected, cands, jacobianSpec(n));
  if (!mistakes) return null;
  return { draw: { activation, W, b, hPrev }, z, fz, fp, J, expected, mistakes };
}

const n4 = (v: number): string => texNum(v, 4);
/** z is exact to 4 decimals (see buildJacobianOnce), so it is shown exactly. */
const texDrawnList = (v: readonly number[]): string => `\\left(${v.map(texDrawn).join(",\\ ")}\\right)`;
const n5 = (v: number): string => texNum(v, 5);

function jacobianPrompt(b: JacBuilt, d: 1 | 2 | 3): string {
  const { activation, W, b: bias, hPrev } = b.draw;
  const n = W.length;
  const F = actTex(activation);
  const order = W.flatMap((_, i) => W.map((__, j) => `J_{${i + 1}${j + 1}}`)).join(",\\ ");
  return [
    `A layer with ${n} units computes`,
    ``,
    `$$`,
    `h = ${F}(z), \\qquad z = W\\,h_{\\text{prev}} + b,`,
    `$$`,
    ``,
    `with`,
    ``,
    `$$`,
    `W = ${texDrawnMat(W)}, \\qquad b = ${texDrawnVec(bias)}, \\qquad h_{\\text{prev}} = ${texDrawnVec(hPrev)}.`,
    `$$`,
    ``,
    ...(d === 1 ? [`(For this input the pre-activations are $z = ${texDrawnList(b.z)}$.)`, ``] : []),
    `What is the Jacobian $J = \\dfrac{\\partial h}{\\partial h_{\\text{prev}}}$ (the ${n}×${n} matrix with $J_{ij} = \\partial h_i / \\partial h_{\\text{prev},j}$) at this input? Give its ${n * n} entries **row by row**, comma-separated: $${order}$ (4 significant digits are enough).`,
  ].join("\n");
}

function jacobianSolution(b: JacBuilt, expectedTex: string): string {
  const { activation, W, b: bias, hPrev } = b.draw;
  const n = W.length;
  const F = actTex(activation);
  const zRows = W.map(
    (row, i) =>
      `z_${i + 1} &= ${row.map((w, j) => `(${texDrawn(w)})(${texDrawn(hPrev[j] as number)})`).join(" + ")} + (${texDrawn(bias[i] as number)}) = ${texDrawn(b.z[i] as number)}`,
  );
  const fRows = b.z.map(
    (_, i) =>
      `${F}(z_${i + 1}) &= ${n5(b.fz[i] as number)}, & ${F}'(z_${i + 1}) &= ${activation === "sigmoid" ? `${n5(b.fz[i] as number)}\\,(1 - ${n5(b.fz[i] as number)})` : `1 - (${n5(b.fz[i] as number)})^2`} = ${n5(b.fp[i] as number)}`,
  );
  const symbolic = W.map((row, i) => row.map((w) => `${n4(b.fp[i] as number)} \\cdot (${texDrawn(w)})`).join(" & ")).join(" \\\\ ");
  const a = analyzeMatrix(b.J);
  return [
    `Unit $i$ depends on $h_{\\text{prev}}$ only through $z_i = \\sum_j W_{ij} h_{\\text{prev},j} + b_i$, so by the chain rule`,
    ``,
    `$$`,
    `J_{ij} = \\frac{\\partial h_i}{\\partial z_i}\\,\\frac{\\partial z_i}{\\partial h_{\\text{prev},j}} = ${F}'(z_i)\\,W_{ij}, \\qquad J = \\operatorname{diag}\\bigl(${F}'(z)\\bigr)\\,W, \\qquad ${primeRule(activation)}.`,
    `$$`,
    ``,
    `**Pre-activations:**`,
    ``,
    `$$`,
    `\\begin{aligned}`,
    zRows.join(" \\\\\n"),
    `\\end{aligned}`,
    `$$`,
    ``,
    `**Derivatives:**`,
    ``,
    `$$`,
    `\\begin{aligned}`,
    fRows.join(" \\\\\n"),
    `\\end{aligned}`,
    `$$`,
    ``,
    `**Jacobian:** row $i$ of $W$ is scaled by $${F}'(z_i)$:`,
    ``,
    `$$`,
    `J = \\begin{pmatrix} ${symbolic} \\end{pmatrix} = ${texMat(b.J, 4)}`,
    `$$`,
    ``,
    `(Its spectral norm is $\\lVert J \\rVert_2 = ${n4(a.spectralNorm)}$${
      a.spectralNorm < 1
        ? `: this layer shrinks every backpropagated gradient.`
        : `: some directions of the backpropagated gradient grow through this layer.`
    })`,
    ``,
    `Row by row, ${n * n} entries:`,
    ``,
    `**Answer:** $${expectedTex}$`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// mode "classify"
// ---------------------------------------------------------------------------

export interface ClassifyDraw {
  J: number[][];
}

interface ClassBuilt {
  draw: ClassifyDraw;
  rho: number;
  norm: number;
  eig: Complex[];
  expected: "A" | "B" | "C";
  mistakes: KnownMistake[];
}

type Target = "A" | "B" | "C";

/**
 * A candidate J for the target class. A and B are plain random 2×2 matrices
 * (accepted or not by the caller). C needs ρ = 1 exactly with distinct
 * eigenvalues, which random entries never give, so it is built from 2-decimal
 * entries whose determinant and trace are exact:
 * - det J = 1 and |tr J| < 2: a complex pair on the unit circle. a and d are
 *   drawn, then b·c = ad − 1 is split into two 2-decimal factors (usually a
 *   non-normal matrix, ‖J‖₂ > 1);
 * - eigenvalues 1 and μ (|μ| ≤ 0.8), possibly negated to −1 and −μ: trace
 *   1 + μ, determinant μ, since (a − μ)(1 − a) = a(1 + μ − a) − μ = ad − μ.
 * Returns null when the drawn numbers do not factor (the caller redraws).
 */
function drawCandidate(rng: Rng, target: Target): number[][] | null {
  const e = () => roundedUniform(rng, -1.5, 1.5, 2, 0);
  if (target !== "C") return [[e(), e()], [e(), e()]];
  const sign = rng.next() < 0.5 ? -1 : 1;
  if (rng.next() < 0.5) {
    // Work in hundredths so every product is an exact integer.
    const A = Math.round(roundedUniform(rng, -1.2, 1.2, 2, 0) * 100);
    const D = Math.round(roundedUniform(rng, -1.2, 1.2, 2, 0) * 100);
    if (Math.abs(A + D) > 180) return null;
    const P = A * D - 10000; // 10⁴ · (ad − 1) = 10⁴ · bc
    const splits: [number, number][] = [];
    for (let B = 10; B <= 200; B++) {
      if (P % B === 0 && Math.abs(P / B) >= 10 && Math.abs(P / B) <= 200) splits.push([B, P / B]);
    }
    if (splits.length === 0) return null;
    const [B, C] = rng.pick(splits);
    const flip = rng.next() < 0.5 ? -1 : 1;
    return [
      [A / 100, (flip * B) / 100],
      [(flip * C) / 100, D / 100],
    ].map((row) => row.map((v) => sign * v + 0));
  }
  const M = Math.round(roundedUniform(rng, -0.8, 0.8, 2, 0.1) * 100);
  const A = Math.round(roundedUniform(rng, -0.5, 1.5, 2, 0) * 100);
  const D = 100 + M - A;
  // b·c = (a − μ)(1 − a), split as b = (a − μ)·k, c = (1 − a)/k for a k that keeps both 2-decimal.
  const k = rng.pick([1, -1, 2, -2, 0.5, -0.5]);
  const B = (A - M) * k;
  const C = (100 - A) / k;
  if (!Number.isInteger(B) || !Number.isInteger(C) || B === 0 || C === 0) return null;
  const J = [
    [A / 100, B / 100],
    [C / 100, D / 100],
  ];
  if (J.flat().some((v) => Math.abs(v) > 2)) return null;
  return J.map((row) => row.map((v) => sign * v + 0));
}

function rhoBand(target: Target, rho: number): boolean {
  return target === "A" ? rho >= 0.2 && rho <= 0.93 : target === "B" ? rho >= 1.07 && rho <= 2.5 : Math.abs(rho - 1) <= RHO_EXACT;
}

function buildClassifyOnce(rng: Rng, target: Target, trap: boolean): ClassBuilt | null {
  const J = drawCandidate(rng, target);
  if (!J) return null;
  const a = analyzeMatrix(J);
  const rho = a.spectralRadius as number;
  const eig = a.eigenvalues as Complex[];
  if (!rhoBand(target, rho)) return null;
  const norm = a.spectralNorm;
  const entriesBelowOne = J.every((row) => row.every((v) => Math.abs(v) < 1));
  if (trap) {
    if (target === "A" && !(norm > 1.05)) return null;
    if (target === "B" && !entriesBelowOne) return null;
  }
  // Two nearly equal real eigenvalues (close to a Jordan block) add a polynomial factor K·ρ^K that blurs "neither".
  const [e0, e1] = eig as [Complex, Complex];
  if (target === "C" && Math.abs(e0.im) < 1e-12 && Math.abs(Math.abs(e0.re) - Math.abs(e1.re)) < 0.05) return null;
  const expected = classOf(rho);
  const maxRe = Math.max(...eig.map((l) => l.re));
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "spectral-norm",
      value: classOf(norm),
      optional: true,
      explanation: `Classified by $\\lVert J \\rVert_2 = ${n4(norm)}$: the norm of one factor bounds $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$ from above, but the long-run rate is $\\rho(J) = ${n4(rho)}$.`,
    },
    {
      id: "entries-below-one",
      value: entriesBelowOne ? "A" : "B",
      optional: true,
      explanation: entriesBelowOne
        ? `Assumed that entries all below 1 in size mean vanishing: products mix the entries (rows times columns add up), and what decides is $\\rho(J) = ${n4(rho)}$.`
        : `Assumed that an entry of size $\\ge 1$ means exploding: single entries do not decide; what decides is $\\rho(J) = ${n4(rho)}$.`,
    },
    {
      id: "signed-eigenvalue",
      value: classOf(maxRe),
      optional: true,
      explanation: `Compared the largest eigenvalue's real part ($${n4(maxRe)}$) with 1 instead of its modulus: a negative or complex eigenvalue shrinks or grows $J^K$ by $|\\lambda|$ per step, and $\\rho(J) = \\max_i |\\lambda_i| = ${n4(rho)}$.`,
    },
    {
      id: "swapped-classes",
      value: expected === "A" ? "B" : expected === "B" ? "A" : "C",
      optional: true,
      explanation: `Swapped the two classes: $\\rho(J) < 1$ means each step shrinks the backpropagated gradient (vanishing), $\\rho(J) > 1$ means it grows (exploding).`,
    },
  ];
  const mistakes = resolveMistakes(expected, cands, CLASSIFY_SPEC);
  if (!mistakes) return null;
  return { draw: { J }, rho, norm, eig, expected, mistakes };
}

function classifyPrompt(b: ClassBuilt): string {
  const { J } = b.draw;
  return [
    `In a recurrent network the gradient is sent back through $K$ time steps. Suppose the step Jacobian $\\partial h_t / \\partial h_{t-1}$ is the same matrix at every step,`,
    ``,
    `$$`,
    `J = ${texDrawnMat(J)},`,
    `$$`,
    ``,
    `so that $\\partial h_K / \\partial h_0 = J^K$. What happens to $\\lVert J^K \\rVert$ as $K \\to \\infty$? (Exactly one of these holds for any matrix.)`,
    ``,
    `**A.** Vanishing: $\\lVert J^K \\rVert \\to 0$.`,
    ``,
    `**B.** Exploding: $\\lVert J^K \\rVert \\to \\infty$.`,
    ``,
    `**C.** Neither: $\\lVert J^K \\rVert$ stays bounded and does not tend to 0.`,
    ``,
    `Answer with a letter.`,
  ].join("\n");
}

const eigTex = (l: Complex): string =>
  Math.abs(l.im) < 1e-12 ? n4(l.re) : `${n4(l.re)} ${l.im < 0 ? "-" : "+"} ${n4(Math.abs(l.im))}\\,i`;

function powerNorms(J: number[][], ks: readonly number[]): { k: number; norm: number }[] {
  return ks.map((k) => ({ k, norm: spectralNorm(jacobianProduct(new Array<number[][]>(k).fill(J))) }));
}

function classifySolution(b: ClassBuilt, expectedTex: string): string {
  const { J } = b.draw;
  const [[a, bb], [c, d]] = J as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - bb * c;
  const disc = tr * tr - 4 * det;
  const l1 = b.eig[0] as Complex;
  const l2 = b.eig[1] as Complex;
  const rows = powerNorms(J, TABLE_POWERS).map(({ k, norm }) => `| ${k} | $${n4(norm)}$ | $${n4(b.rho ** k)}$ |`);
  const verdict =
    b.expected === "A"
      ? `$\\rho(J) = ${n4(b.rho)} < 1$: $\\lVert J^K \\rVert$ decays like $${n4(b.rho)}^K$ — **vanishing**.`
      : b.expected === "B"
        ? `$\\rho(J) = ${n4(b.rho)} > 1$: $\\lVert J^K \\rVert$ grows like $${n4(b.rho)}^K$ — **exploding**.`
        : `$\\rho(J) = 1$ exactly${disc < 0 ? ` ($\\det J = 1$: both eigenvalues lie on the unit circle)` : ""}, and the two eigenvalues are distinct: $\\lVert J^K \\rVert$ stays bounded, and it never drops below $\\rho(J)^K = 1$ — **neither**.`;
  const trap =
    b.norm > 1 + RHO_EXACT && b.expected !== "B"
      ? ` Note $\\lVert J \\rVert_2 = ${n4(b.norm)} > 1$: one step can stretch some direction, ${b.expected === "A" ? "and the first few powers may even grow, but that does not last" : "but the stretching does not compound"} — the bound $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$ is far from tight for a non-normal $J$.`
      : "";
  return [
    `The long-run rate of $\\lVert J^K \\rVert$ is the spectral radius: $\\lVert J^K \\rVert^{1/K} \\to \\rho(J) = \\max_i |\\lambda_i|$. For a 2×2 matrix the eigenvalues solve $\\lambda^2 - (\\operatorname{tr} J)\\,\\lambda + \\det J = 0$:`,
    ``,
    `$$`,
    `\\operatorname{tr} J = ${texDrawn(a)} + (${texDrawn(d)}) = ${n5(tr)}, \\qquad \\det J = (${texDrawn(a)})(${texDrawn(d)}) - (${texDrawn(bb)})(${texDrawn(c)}) = ${n5(det)}, \\qquad (\\operatorname{tr} J)^2 - 4\\det J = ${n5(disc)},`,
    `$$`,
    ``,
    `$$`,
    `\\lambda_{1,2} = \\tfrac12\\Bigl(\\operatorname{tr} J \\pm \\sqrt{(\\operatorname{tr} J)^2 - 4\\det J}\\Bigr): \\quad \\lambda_1 = ${eigTex(l1)}, \\quad \\lambda_2 = ${eigTex(l2)}, \\qquad \\rho(J) = ${n4(b.rho)}.`,
    `$$`,
    ``,
    disc < 0
      ? `(Complex pair: $|\\lambda|^2 = \\det J$, so $\\rho(J) = \\sqrt{\\det J} = \\sqrt{${n5(det)}}$.)`
      : `(Real eigenvalues: $\\rho(J)$ is the larger $|\\lambda_i|$.)`,
    ``,
    `For comparison, the spectral norm (largest singular value) is $\\lVert J \\rVert_2 = ${n4(b.norm)}$. The actual norms of the powers (the first few can move against the long-run trend; the limit is what is asked):`,
    ``,
    `| $k$ | $\\lVert J^k \\rVert_2$ | $\\rho(J)^k$ |`,
    `|---|---|---|`,
    ...rows,
    ``,
    `${verdict}${trap}`,
    ``,
    `**Answer:** $${expectedTex}$ (${CLASS_NAME[b.expected]})`,
  ].join("\n");
}

// ---------------------------------------------------------------------------

function buildJacobian(seed: number, d: 1 | 2 | 3): JacBuilt {
  const rng = createRng(seed);
  const n = d === 3 ? 3 : 2;
  return drawUntil(rng, (r) => buildJacobianOnce(r, n), (x) => x !== null, 2000) as JacBuilt;
}

function buildClassify(seed: number, d: 1 | 2 | 3): ClassBuilt {
  const rng = createRng(seed);
  const u = rng.next();
  // "Neither" is the rare case (about 1 in 6); vanishing and exploding share the rest.
  const target: Target = u < 0.42 ? "A" : u < 0.84 ? "B" : "C";
  const trap = rng.next() < (TRAP_P[d - 1] as number);
  return drawUntil(rng, (r) => buildClassifyOnce(r, target, trap), (x) => x !== null, 5000) as ClassBuilt;
}

function modeOf(params: ExerciseParams): Mode {
  return stringParam(params, "mode", MODES);
}

/** The raw draw of a "jacobian" instance (for tests that recompute the answer independently). */
export function drawLayerJacobian(seed: number, params: ExerciseParams): LayerJacobianDraw {
  return buildJacobian(seed, difficultyParam(params)).draw;
}

/** The raw draw of a "classify" instance (for tests that recompute the answer independently). */
export function drawJacobianClassify(seed: number, params: ExerciseParams): ClassifyDraw {
  return buildClassify(seed, difficultyParam(params)).draw;
}

export const jacobianSpectral: LegacyGenerator = {
  id: "jacobian-spectral",
  title: "Layer Jacobians and their spectral radius",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const mode = modeOf(params);
    const d = difficultyParam(params);
    const base = { generator: "jacobian-spectral", seed, locale: "en" as const, params: { ...params, mode, difficulty: d } };
    if (mode === "jacobian") {
      const b = buildJacobian(seed, d);
      const n = b.draw.W.length;
      const expectedTex = texList(b.expected, 4);
      const F = actTex(b.draw.activation);
      return {
        ...base,
        prompt: jacobianPrompt(b, d),
        answer: jacobianSpec(n),
        expected: b.expected,
        expectedTex,
        mistakes: b.mistakes,
        hint: `${d === 1 ? "" : `Compute $z = W h_{\\text{prev}} + b = ${texDrawnList(b.z)}$ first. `}Unit $i$ reacts to $h_{\\text{prev}}$ only through $z_i$, so row $i$ of $J$ is row $i$ of $W$ times $${F}'(z_i)$ — the derivative, $${primeRule(b.draw.activation)}$ — and the entries go row by row: $J_{11}, J_{12}, \\dots$`,
        solution: jacobianSolution(b, expectedTex),
      };
    }
    const b = buildClassify(seed, d);
    const expectedTex = `\\text{${b.expected}}`;
    return {
      ...base,
      prompt: classifyPrompt(b),
      answer: CLASSIFY_SPEC,
      expected: b.expected,
      expectedTex,
      mistakes: b.mistakes,
      hint: `What decides the long-run behaviour of $J^K$ is the largest eigenvalue **modulus** $\\rho(J) = \\max_i |\\lambda_i|$, not $\\lVert J \\rVert_2$ and not the size of single entries. Find the eigenvalues from $\\lambda^2 - (\\operatorname{tr} J)\\lambda + \\det J = 0$ with $\\operatorname{tr} J = ${n5(b.draw.J[0]![0]! + b.draw.J[1]![1]!)}$ (for a complex pair, $|\\lambda| = \\sqrt{\\det J}$).`,
      solution: classifySolution(b, expectedTex),
    };
  },
};
