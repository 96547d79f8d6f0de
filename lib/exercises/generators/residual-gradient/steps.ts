import type { StepOf } from "../../define";
import { type Drawn, prod, type Solution } from "./model";
import { ACT_TEX, blockFactorTex, targetTex } from "./tex";

/**
 * Step-by-step mode: one step per block factor 1 + w_k f′(x_{k−1}), then
 * their product, which multiplies the learner's own factors (error carried
 * forward: one wrong factor makes only that factor wrong, not the product).
 * With the true factors the product is s.expected exactly (same order as solve()).
 */
export function steps(d: Drawn, s: Solution): readonly StepOf[] {
  const { K, factors } = s;
  const perBlock: StepOf[] = factors.map((factor, k) => ({
    id: `block-${k + 1}`,
    tex: blockFactorTex(d.activation, k + 1),
    value: () => factor,
  }));
  const product: StepOf = {
    id: "product",
    tex: `${targetTex(K)} = \\prod_{k=1}^{${K}} \\bigl(1 + w_k\\,${ACT_TEX[d.activation].f}'(x_{k-1})\\bigr)`,
    value: (earlier) => prod(earlier.slice(0, K)),
  };
  return [...perBlock, product];
}
