import { type FeedforwardNet, norm2 } from "../engine";
import { type Digits } from "./digits";
import { LabError } from "./errors";

/** Nielsen's sample: the first 1,000 training images. */
export const SPEED_SAMPLE = 1000;

/**
 * Learning speed of each hidden layer (Nielsen, ch. 5), as his
 * generate_gradient.py computes it: average the per-image bias gradients over
 * the first n training images, then take the Euclidean norm per layer,
 *   s_l = \Bigl\lVert \frac1n \sum_{x=1}^{n} \frac{\partial C_x}{\partial b^l} \Bigr\rVert_2
 *       = \Bigl\lVert \frac1n \sum_{x=1}^{n} \delta^{l}_x \Bigr\rVert_2,
 * i.e. the norm of the gradient of the mean cost, not the mean of per-image
 * norms. One engine batch of n images gives exactly that ∂C/∂b (its db).
 * Hidden layers only: the output layer is left out, as in the book.
 */
export function layerSpeeds(net: FeedforwardNet, data: Digits, count = Math.min(SPEED_SAMPLE, data.count)): number[] {
  if (!(Number.isInteger(count) && count >= 1 && count <= data.count)) throw new LabError("count", `expected an integer 1..${data.count}, got ${count}`);
  const r = net.run(data.images, data.targets, count, { inputGrad: false });
  return r.layers.slice(0, -1).map((layer) => norm2(layer.db));
}
