import type { ExerciseText } from "../../define";
import { asClassify, asLayer, type Drawn, type MistakeId, type Solution } from "./model";
import {
  chainRuleTex,
  classifyMatrixTex,
  derivativeLines,
  entryOrderTex,
  fTex,
  jacobianValueTex,
  layerNumbersTex,
  layerTex,
  n4,
  n5,
  powerTable,
  preActivationLines,
  primeRule,
  spectrumBlocks,
  zListTex,
} from "./tex";

const CLASS_NAME = { A: "vanishing", B: "exploding", C: "neither" } as const;

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Layer Jacobians and their spectral radius",

  prompt: (d, s) => {
    if (d.mode === "classify") {
      return [
        `In a recurrent network the gradient is sent back through $K$ time steps. Suppose the step Jacobian $\\partial h_t / \\partial h_{t-1}$ is the same matrix at every step,`,
        ``,
        `$$`,
        classifyMatrixTex(d),
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
    if (s.mode !== "jacobian") throw new Error("jacobian-spectral: mode mismatch");
    const n = d.W.length;
    return [
      `A layer with ${n} units computes`,
      ``,
      `$$`,
      layerTex(d),
      `$$`,
      ``,
      `with`,
      ``,
      `$$`,
      layerNumbersTex(d),
      `$$`,
      ``,
      ...(d.difficulty === 1 ? [`(For this input the pre-activations are $z = ${zListTex(s)}$.)`, ``] : []),
      `What is the Jacobian $J = \\dfrac{\\partial h}{\\partial h_{\\text{prev}}}$ (the ${n}×${n} matrix with $J_{ij} = \\partial h_i / \\partial h_{\\text{prev},j}$) at this input? Give its ${n * n} entries **row by row**, comma-separated: $${entryOrderTex(d)}$ (4 significant digits are enough).`,
    ].join("\n");
  },

  hint: (d, s) => {
    if (s.mode === "classify") {
      return `What decides the long-run behaviour of $J^K$ is the largest eigenvalue **modulus** $\\rho(J) = \\max_i |\\lambda_i|$, not $\\lVert J \\rVert_2$ and not the size of single entries. Find the eigenvalues from $\\lambda^2 - (\\operatorname{tr} J)\\lambda + \\det J = 0$ with $\\operatorname{tr} J = ${n5(s.tr)}$ (for a complex pair, $|\\lambda| = \\sqrt{\\det J}$).`;
    }
    const l = asLayer(d);
    return `${l.difficulty === 1 ? "" : `Compute $z = W h_{\\text{prev}} + b = ${zListTex(s)}$ first. `}Unit $i$ reacts to $h_{\\text{prev}}$ only through $z_i$, so row $i$ of $J$ is row $i$ of $W$ times $${fTex(l)}'(z_i)$ — the derivative, $${primeRule(l.activation)}$ — and the entries go row by row: $J_{11}, J_{12}, \\dots$`;
  },

  mistakes: {
    transposed: (d) => {
      const F = fTex(asLayer(d));
      return `Transposed: wrote $\\bigl(\\operatorname{diag}(${F}'(z))\\,W\\bigr)^\\top$. Row $i$ of $J$ is unit $i$'s output, $J_{ij} = \\partial h_i/\\partial h_{\\text{prev},j} = ${F}'(z_i)\\,W_{ij}$.`;
    },
    "forgot-diag": (d) => {
      const F = fTex(asLayer(d));
      return `Forgot the activation: $J = W$ would be the Jacobian of the linear part $z$ only; $h = ${F}(z)$ multiplies row $i$ by $${F}'(z_i)$.`;
    },
    "right-multiplied": (d) => {
      const F = fTex(asLayer(d));
      return `Multiplied on the wrong side: $W\\,\\operatorname{diag}(${F}'(z))$ scales **columns** by $${F}'(z_j)$; the derivative of unit $i$ scales **row** $i$: $\\operatorname{diag}(${F}'(z))\\,W$.`;
    },
    "used-f": (d) => {
      const l = asLayer(d);
      const F = fTex(l);
      return `Used $${F}(z_i)$ instead of its derivative $${F}'(z_i)$: the chain rule needs $${primeRule(l.activation)}$.`;
    },
    "spectral-norm": (_d, s) => {
      const { norm, rho } = asClassify(s);
      return `Classified by $\\lVert J \\rVert_2 = ${n4(norm)}$: the norm of one factor bounds $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$ from above, but the long-run rate is $\\rho(J) = ${n4(rho)}$.`;
    },
    "entries-below-one": (_d, s) => {
      const { entriesBelowOne, rho } = asClassify(s);
      return entriesBelowOne
        ? `Assumed that entries all below 1 in size mean vanishing: products mix the entries (rows times columns add up), and what decides is $\\rho(J) = ${n4(rho)}$.`
        : `Assumed that an entry of size $\\ge 1$ means exploding: single entries do not decide; what decides is $\\rho(J) = ${n4(rho)}$.`;
    },
    "signed-eigenvalue": (_d, s) => {
      const { maxRe, rho } = asClassify(s);
      return `Compared the largest eigenvalue's real part ($${n4(maxRe)}$) with 1 instead of its modulus: a negative or complex eigenvalue shrinks or grows $J^K$ by $|\\lambda|$ per step, and $\\rho(J) = \\max_i |\\lambda_i| = ${n4(rho)}$.`;
    },
    "swapped-classes": () =>
      `Swapped the two classes: $\\rho(J) < 1$ means each step shrinks the backpropagated gradient (vanishing), $\\rho(J) > 1$ means it grows (exploding).`,
  },

  solution: (d, s) => {
    if (d.mode === "classify") {
      const c = asClassify(s);
      const { rho, norm, expected } = c;
      const verdict =
        expected === "A"
          ? `$\\rho(J) = ${n4(rho)} < 1$: $\\lVert J^K \\rVert$ decays like $${n4(rho)}^K$ — **vanishing**.`
          : expected === "B"
            ? `$\\rho(J) = ${n4(rho)} > 1$: $\\lVert J^K \\rVert$ grows like $${n4(rho)}^K$ — **exploding**.`
            : `$\\rho(J) = 1$ exactly${c.disc < 0 ? ` ($\\det J = 1$: both eigenvalues lie on the unit circle)` : ""}, and the two eigenvalues are distinct: $\\lVert J^K \\rVert$ stays bounded, and it never drops below $\\rho(J)^K = 1$ — **neither**.`;
      const trap = c.stretches
        ? ` Note $\\lVert J \\rVert_2 = ${n4(norm)} > 1$: one step can stretch some direction, ${expected === "A" ? "and the first few powers may even grow, but that does not last" : "but the stretching does not compound"} — the bound $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$ is far from tight for a non-normal $J$.`
        : "";
      return [
        `The long-run rate of $\\lVert J^K \\rVert$ is the spectral radius: $\\lVert J^K \\rVert^{1/K} \\to \\rho(J) = \\max_i |\\lambda_i|$. For a 2×2 matrix the eigenvalues solve $\\lambda^2 - (\\operatorname{tr} J)\\,\\lambda + \\det J = 0$:`,
        ``,
        ...spectrumBlocks(d, c),
        ``,
        c.disc < 0
          ? `(Complex pair: $|\\lambda|^2 = \\det J$, so $\\rho(J) = \\sqrt{\\det J} = \\sqrt{${n5(c.det)}}$.)`
          : `(Real eigenvalues: $\\rho(J)$ is the larger $|\\lambda_i|$.)`,
        ``,
        `For comparison, the spectral norm (largest singular value) is $\\lVert J \\rVert_2 = ${n4(norm)}$. The actual norms of the powers (the first few can move against the long-run trend; the limit is what is asked):`,
        ``,
        ...powerTable(c),
        ``,
        `${verdict}${trap}`,
        ``,
        `**Answer:** $${c.expectedTex}$ (${CLASS_NAME[expected]})`,
      ].join("\n");
    }
    if (s.mode !== "jacobian") throw new Error("jacobian-spectral: mode mismatch");
    const n = d.W.length;
    return [
      `Unit $i$ depends on $h_{\\text{prev}}$ only through $z_i = \\sum_j W_{ij} h_{\\text{prev},j} + b_i$, so by the chain rule`,
      ``,
      `$$`,
      chainRuleTex(d),
      `$$`,
      ``,
      `**Pre-activations:**`,
      ``,
      ...preActivationLines(d, s),
      ``,
      `**Derivatives:**`,
      ``,
      ...derivativeLines(d, s),
      ``,
      `**Jacobian:** row $i$ of $W$ is scaled by $${fTex(d)}'(z_i)$:`,
      ``,
      `$$`,
      jacobianValueTex(d, s),
      `$$`,
      ``,
      `(Its spectral norm is $\\lVert J \\rVert_2 = ${n4(s.norm)}$${
        s.norm < 1 ? `: this layer shrinks every backpropagated gradient.` : `: some directions of the backpropagated gradient grow through this layer.`
      })`,
      ``,
      `Row by row, ${n * n} entries:`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n");
  },
};
