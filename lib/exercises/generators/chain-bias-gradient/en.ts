import type { ExerciseText } from "../../define";
import { actTex, chainTable, primeRuleTex } from "../../kit/chain";
import { texDrawn, texNum } from "../../kit/tex";
import type { Drawn, MistakeId, Solution } from "./model";
import { chainDefinition, forwardRows, gradientFormula, n4, n5, productLine } from "./tex";


export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Gradient of the first bias in a one-neuron chain",

  prompt: (d, s) => {
    const { L } = s;
    const F = actTex(d.activation);
    return [
      `A chain of $L = ${L}$ neurons, one per layer, with activation $f = ${F}$:`,
      ``,
      ...chainDefinition(d, s),
      ``,
      ...chainTable(d),
      ``,
      `Input $x = ${texDrawn(d.x)}$, target $y = ${texDrawn(d.y)}$.`,
      ``,
      `What is $\\dfrac{\\partial C}{\\partial b_1}$, the gradient of the cost with respect to the **first** bias? Give it as a number (4 significant digits are enough; scientific notation such as \`1.234e-5\` is fine).`,
    ].join("\n");
  },

  hint: (d, s) => {
    const { L } = s;
    const F = actTex(d.activation);
    return `Work backwards from the output: $\\partial C/\\partial a_{${L}} = a_{${L}} - y = ${n5(s.residual)}$, and each layer $j$ contributes $${F}'(z_j)$ times the weight $w_{j+1}$ that carries $a_j$ forward. Check layer 1 first: $z_1 = ${n5(s.trace.z[0] as number)}$, $${F}'(z_1) = ${n5(s.trace.fp[0] as number)}$, and $\\partial z_1/\\partial b_1 = 1$ (no $w_1$). You need exactly ${L - 1} weights, $w_2$ to $w_{${L}}$.`;
  },

  mistakes: {
    "sigma-not-prime": (d) =>
      d.activation === "relu"
        ? `Used $\\operatorname{relu}(z_j) = z_j$ instead of its derivative $\\operatorname{relu}'(z_j) = 1$ (every $z_j > 0$ here).`
        : `Used $${actTex(d.activation)}(z_j)$ instead of its derivative: the chain rule needs $${primeRuleTex(d.activation)}$.`,
    "dropped-cost-factor": (_d, s) => `Dropped the output factor $\\partial C/\\partial a_{${s.L}} = a_{${s.L}} - y = ${n4(s.residual)}$.`,
    "included-w1": () => `Included $w_1$: $\\partial z_1/\\partial b_1 = 1$, not $w_1$ ($w_1$ multiplies the input $x$, not the bias).`,
    "missing-factor": (d, s) =>
      `Missed the factor $w_{${s.L}}\\,${actTex(d.activation)}'(z_{${s.L}}) = ${n4(s.factors[s.L - 1] as number)}$: from $b_1$ to $C$ the path crosses ${s.L - 1} weights $w_2, \\dots, w_{${s.L}}$, each with its unit's $${actTex(d.activation)}'$.`,
    "dropped-fprime1": (d, s) =>
      `Dropped $${actTex(d.activation)}'(z_1) = ${n4(s.trace.fp[0] as number)}$: $b_1$ reaches the rest of the chain through its own unit, so the product starts with $\\partial a_1/\\partial b_1 = ${actTex(d.activation)}'(z_1)$ before the first weight $w_2$.`,
    "sign-error": (_d, s) => `Sign error: $\\partial C/\\partial a_{${s.L}} = a_{${s.L}} - y$, not $y - a_{${s.L}}$.`,
  },

  solution: (d, s) => {
    const { L, trace, expected, gradL } = s;
    const F = actTex(d.activation);
    const ratio = Math.abs(expected) / Math.abs(gradL);
    const comparison =
      ratio < 1
        ? `Compare with the last bias: $\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${n4(gradL)}$. So $|\\partial C/\\partial b_1|$ is about $${texNum(1 / ratio, 3)}$ times smaller than $|\\partial C/\\partial b_{${L}}|$: the first layer learns that much more slowly — the gradient **vanishes** as it travels back through the factors $|w_j ${F}'(z_j)|${d.activation === "sigmoid" ? " \\le \\tfrac14 |w_j|" : ""}$.`
        : `Compare with the last bias: $\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${n4(gradL)}$. Here $|\\partial C/\\partial b_1|$ is about $${texNum(ratio, 3)}$ times **larger** than $|\\partial C/\\partial b_{${L}}|$: the factors $|w_j ${F}'(z_j)|$ are not all below 1 for this draw, so the gradient did not vanish${d.activation === "relu" ? " (ReLU passes it back with factor $w_j$ alone)" : ""}.`;
    return [
      `There is only one path from $b_1$ to $C$, so the chain rule multiplies the local derivatives along it: $\\partial z_1/\\partial b_1 = 1$, $\\partial a_j/\\partial z_j = ${F}'(z_j)$, $\\partial z_{j+1}/\\partial a_j = w_{j+1}$ and $\\partial C/\\partial a_{${L}} = a_{${L}} - y$:`,
      ``,
      ...gradientFormula(d, s),
      ``,
      `Forward pass from $a_0 = x = ${texDrawn(d.x)}$, then one factor per layer:`,
      ``,
      ...forwardRows(d, s, "(no $w_1$)"),
      ``,
      `The output factor is $a_{${L}} - y = ${n5(trace.a[L] as number)} - ${texDrawn(d.y)} = ${n5(s.residual)}$. Multiplying:`,
      ``,
      ...productLine(d, s),
      ``,
      comparison,
      ``,
      `**Answer:** $\\dfrac{\\partial C}{\\partial b_1} = ${s.expectedTex}$`,
    ].join("\n");
  },
};
