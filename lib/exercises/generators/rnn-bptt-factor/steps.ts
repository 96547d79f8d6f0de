import type { StepOf } from "../../define";
import { type Drawn, productOf, type Solution } from "./model";
import { ACT_TEX, factorTex, targetTex } from "./tex";

/**
 * Step-by-step mode for the scalar RNN: one step per factor w f′(z_t), then
 * their product, which multiplies the learner's own factors (error carried
 * forward: one wrong factor makes only the factor wrong, not the product).
 * With the true factors the product is s.expected exactly (same order). The
 * eigen mode has no chain of factors to split: no steps.
 */
export function steps(_d: Drawn, s: Solution): readonly StepOf[] {
  if (s.mode !== "scalar") return [];
  const { T, factors } = s;
  const a = s.draw.activation;
  const perStep: StepOf[] = factors.map((factor, i) => ({
    id: `factor-${i + 1}`,
    tex: factorTex(a, i + 1),
    value: () => factor,
  }));
  const product: StepOf = {
    id: "product",
    tex: `${targetTex(T)} = \\prod_{t=1}^{${T}} w\\,${ACT_TEX[a].f}'(z_t)`,
    value: (earlier) => productOf(earlier.slice(0, T)),
  };
  return [...perStep, product];
}
