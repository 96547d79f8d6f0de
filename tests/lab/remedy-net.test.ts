import { describe, expect, it } from "vitest";
import { createRng, FeedforwardNet } from "../../lib/engine";
import { RemedyNet, type RemedyVariant } from "../../lib/lab/remedy-net";

/**
 * RemedyNet's gradients (plain, residual, BatchNorm in training mode) against
 * central finite differences of its own mean loss, and its plain variant
 * against the engine's FeedforwardNet with the same weights (a second
 * implementation).
 */

const B = 6;
const widths = { depth: 3, width: 4, inputs: 5, outputs: 3 };

function batch(seed: number): { X: Float64Array; Y: Float64Array } {
  const rng = createRng(seed);
  const X = Float64Array.from({ length: B * widths.inputs }, () => rng.gaussian());
  const Y = new Float64Array(B * widths.outputs);
  for (let i = 0; i < B; i++) Y[i * widths.outputs + rng.int(0, widths.outputs - 1)] = 1;
  return { X, Y };
}

function relErr(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
}

describe("RemedyNet's backward pass", () => {
  it.each<[RemedyVariant, string]>([
    ["plain", "sigmoid"],
    ["residual", "tanh"],
    ["batchnorm", "sigmoid"],
    ["batchnorm", "tanh"],
  ])("%s with %s: every weight, bias, γ and β gradient matches central differences", (variant, act) => {
    const net = new RemedyNet(createRng(3), { ...widths, activation: act as "sigmoid", variant });
    // Non-trivial γ, β so their gradients and BatchNorm's coupling through them are exercised.
    const r = createRng(9);
    net.gamma.forEach((g) => g.forEach((_, j) => (g[j] = 0.5 + r.next())));
    net.beta.forEach((b) => b.forEach((_, j) => (b[j] = r.gaussian(0, 0.3))));
    net.b.forEach((b) => b.forEach((_, j) => (b[j] = variant === "batchnorm" ? 0 : r.gaussian(0, 0.3))));
    const { X, Y } = batch(5);
    net.forwardBackward(X, Y, B);
    const grads = [
      ...net.W.map((p, l) => ({ p, g: net.dW[l]!.slice(), name: `W${l}` })),
      ...net.b.map((p, l) => ({ p, g: net.db[l]!.slice(), name: `b${l}` })),
      ...(variant === "batchnorm" ? net.gamma.slice(0, widths.depth).map((p, l) => ({ p, g: net.dgamma[l]!.slice(), name: `γ${l}` })) : []),
      ...(variant === "batchnorm" ? net.beta.slice(0, widths.depth).map((p, l) => ({ p, g: net.dbeta[l]!.slice(), name: `β${l}` })) : []),
    ];
    const h = 1e-6;
    let worst = 0;
    for (const { p, g, name } of grads) {
      // BatchNorm layers have no bias: ∂C/∂b is 0 there and b is never read.
      if (variant === "batchnorm" && name.startsWith("b") && Number(name.slice(1)) < widths.depth) continue;
      for (let k = 0; k < p.length; k++) {
        const keep = p[k]!;
        p[k] = keep + h;
        net.syncTransposes();
        const up = net.forwardBackward(X, Y, B);
        p[k] = keep - h;
        net.syncTransposes();
        const down = net.forwardBackward(X, Y, B);
        p[k] = keep;
        net.syncTransposes();
        const numeric = (up - down) / (2 * h);
        if (Math.abs(g[k]!) + Math.abs(numeric) > 1e-9) worst = Math.max(worst, relErr(g[k]!, numeric));
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it("plain: loss and every gradient equal the engine's FeedforwardNet with the same weights", () => {
    const net = new RemedyNet(createRng(4), { ...widths, activation: "tanh", variant: "plain" });
    const { X, Y } = batch(6);
    const loss = net.forwardBackward(X, Y, B);
    const layers = net.W.map((W, l) => {
      const nIn = net.widths[l]!;
      return {
        W: Array.from({ length: net.widths[l + 1]! }, (_, j) => Array.from(W.subarray(j * nIn, (j + 1) * nIn))),
        b: Array.from(net.b[l]!),
        activation: (l === net.W.length - 1 ? "linear" : "tanh") as "tanh" | "linear",
      };
    });
    const ref = FeedforwardNet.fromSpec({ layers, loss: "softmax_ce" }).run(X, Y, B);
    expect(loss).toBeCloseTo(ref.loss, 12);
    ref.layers.forEach((st, l) => {
      st.dW.forEach((v, k) => expect(net.dW[l]![k]!).toBeCloseTo(v, 12));
      st.db.forEach((v, k) => expect(net.db[l]![k]!).toBeCloseTo(v, 12));
    });
  });
});
