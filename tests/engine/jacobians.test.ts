import { describe, expect, it } from "vitest";
import {
  analyzeMatrix,
  createRng,
  forward,
  jacobian,
  jacobianProduct,
  type NetworkSpec,
  networkJacobians,
  rnnBptt,
  rnnJacobians,
  sigmoidPrime,
  spectralNorm,
} from "@/lib/engine";
import { expectClose, randomCase, randomMatrix, randomRnn } from "./helpers";

/** Finite-difference Jacobian of a vector map, column by column. */
function fdJacobian(f: (x: number[]) => number[], x: number[], step = 1e-6): number[][] {
  const cols = x.map((_, j) => {
    const up = x.slice();
    const dn = x.slice();
    up[j]! += step;
    dn[j]! -= step;
    const fu = f(up);
    const fd = f(dn);
    return fu.map((v, i) => (v - fd[i]!) / (2 * step));
  });
  return cols[0]!.map((_, i) => cols.map((c) => c[i]!));
}

const smooth = ["sigmoid", "tanh", "linear"] as const;

describe("Jacobians", () => {
  it("a 1-unit layer's Jacobian is the factor w·σ′(wa + b)", () => {
    const J = jacobian({ W: [[3]], b: [0.5], activation: "sigmoid" }, [0.2]);
    expect(J[0]![0]).toBe(3 * sigmoidPrime(3 * 0.2 + 0.5));
    const R = jacobian({ W: [[3]], b: [0.5], activation: "sigmoid", residual: true }, [0.2]);
    expect(R[0]![0]).toBe(1 + 3 * sigmoidPrime(1.1));
  });

  it("layer Jacobians and their product match finite differences of the network map", () => {
    const rng = createRng(70);
    for (let trial = 0; trial < 10; trial++) {
      const c = randomCase(rng, { maxLayers: 4, maxWidth: 5, activations: smooth });
      const x = c.inputs[0]!;
      const Js = networkJacobians(c.net, x);
      // Per layer: d a_k / d a_{k−1} at the activations the input produces.
      let a = x;
      c.net.layers.forEach((layer, k) => {
        const single: NetworkSpec = { layers: [layer] };
        const fd = fdJacobian((v) => forward(single, v).output, a);
        expectClose(Js[k]!, fd, 1e-6, 1e-8, `trial ${trial} J_${k + 1}`);
        expectClose(jacobian(layer, a), Js[k]!, 1e-14, 1e-16);
        a = forward(single, a).output;
      });
      const fdAll = fdJacobian((v) => forward(c.net, v).output, x);
      expectClose(jacobianProduct(Js), fdAll, 1e-6, 1e-8, `trial ${trial} product`);
    }
  });

  it("RNN step Jacobians chain to ∂h_T/∂h_0, and dh0 = (∂h_T/∂h_0)ᵀ ∂C/∂h_T", () => {
    const rng = createRng(71);
    for (let trial = 0; trial < 6; trial++) {
      const model = randomRnn(rng, { H: 4, D: 2, O: 2, activation: rng.pick(["tanh", "sigmoid"] as const) });
      const inputs = randomMatrix(rng, 6, 2, 1);
      const Js = rnnJacobians(model, inputs);
      expect(Js).toHaveLength(6);
      const P = jacobianProduct(Js);
      const hT = (h0: number[]) => {
        const m = structuredClone(model);
        m.rnn.h0 = h0;
        return rnnBptt(m, inputs, [0, 0]).h[6]!;
      };
      expectClose(P, fdJacobian(hT, model.rnn.h0 as number[]), 1e-6, 1e-9, `trial ${trial}`);
      const t = rnnBptt(model, inputs, [0.3, -0.1]);
      const gT = t.hGrads[6]!;
      const dh0 = P[0]!.map((_, j) => P.reduce((s, row, i) => s + row[j]! * gT[i]!, 0));
      expectClose(t.dh0, dh0, 1e-10, 1e-14);
    }
  });

  it("the product's spectral norm bounds the gradient gain (‖dh0‖ ≤ ‖P‖ ‖∂C/∂h_T‖)", () => {
    const rng = createRng(72);
    const model = randomRnn(rng, { H: 5, D: 2, O: 1, scale: 1.5, activation: "tanh" });
    const inputs = randomMatrix(rng, 10, 2, 1);
    const P = jacobianProduct(rnnJacobians(model, inputs));
    const t = rnnBptt(model, inputs, [1]);
    expect(t.hGradNorms[0]!).toBeLessThanOrEqual(spectralNorm(P) * t.hGradNorms[10]! * (1 + 1e-12));
  });

  it("analyzeMatrix reports spectral norm, eigenvalues and spectral radius", () => {
    const r = analyzeMatrix([[0, -2], [2, 0]]);
    expect(r.spectralNorm).toBeCloseTo(2, 14);
    expect(r.spectralRadius).toBeCloseTo(2, 14);
    expect(r.eigenvalues!.map((l) => Math.abs(l.im))).toEqual([2, 2]);
    expect(analyzeMatrix([[1, 2, 3]]).eigenvalues).toBeNull();
  });

  it("jacobianProduct checks that the chain fits", () => {
    expect(() => jacobianProduct([randomMatrix(createRng(1), 3, 2, 1), [[1, 2]]])).toThrow(/^jacobians\[1\]: expected 3 columns, got 2/);
    expect(() => jacobianProduct([])).toThrow(/^jacobians:/);
  });
});
