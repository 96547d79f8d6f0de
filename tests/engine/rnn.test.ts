import { describe, expect, it } from "vitest";
import { ACTIVATIONS, createRng, type EngineError, NonFiniteError, rnnBptt, type RnnModelSpec, RnnNet } from "@/lib/engine";
import { centralDiff, expectClose, randomMatrix, randomRnn, randomVector, seeds } from "./helpers";
import { refRnn } from "./reference";

function checkAgainstAutograd(model: RnnModelSpec, inputs: number[][], target: number[]): void {
  const ref = refRnn(model, inputs, target);
  const t = rnnBptt(model, inputs, target);
  expectClose(t.loss, ref.loss, 1e-9, 1e-12, "loss");
  expectClose(t.output, ref.output, 1e-9, 1e-12, "output");
  for (const k of ["dW", "dU", "db", "dV", "dc", "dh0", "hGradNorms"] as const) {
    expectClose(t[k], ref[k], 1e-9, 1e-12, k);
  }
}

describe("RNN BPTT vs independent scalar autograd (rel 1e-9, abs 1e-12)", () => {
  it("random small RNNs, every activation", () => {
    for (const seed of seeds(400, 40)) {
      const rng = createRng(seed);
      const model = randomRnn(rng);
      const T = rng.int(1, 8);
      const D = model.rnn.U[0]!.length;
      const O = model.readout.V.length;
      checkAgainstAutograd(model, randomMatrix(rng, T, D, 1), randomVector(rng, O, 1));
    }
  });

  it("12 steps with small and large recurrent weights", () => {
    const rng = createRng(41);
    for (const activation of ACTIVATIONS) {
      for (const scale of [0.2, 0.5, 1, 2, 4, 8]) {
        const model = randomRnn(rng, { H: 6, D: 3, O: 2, scale, activation });
        checkAgainstAutograd(model, randomMatrix(rng, 12, 3, 1), randomVector(rng, 2, 1));
      }
    }
  });

  it("12 steps, 16 hidden units, input dim 8, 4 outputs: small and large recurrent weights, every activation", () => {
    const rng = createRng(46);
    for (const activation of ACTIVATIONS) {
      for (const scale of [0.3, 1, 3]) {
        const model = randomRnn(rng, { H: 16, D: 8, O: 4, scale, activation });
        checkAgainstAutograd(model, randomMatrix(rng, 12, 8, 1), randomVector(rng, 4, 1));
      }
    }
  });

  it("softmax_ce readout and the default zero h0", () => {
    const rng = createRng(42);
    const model = randomRnn(rng, { H: 4, D: 2, O: 3, activation: "tanh" });
    delete model.rnn.h0;
    model.loss = "softmax_ce";
    checkAgainstAutograd(model, randomMatrix(rng, 5, 2, 1), [0.2, 0.5, 0.3]);
  });
});

describe("RNN vs central finite differences", () => {
  it("dW, dU, db, dV, dc and dh0 (step 1e-6, rel 1e-5)", () => {
    for (const seed of seeds(500, 12)) {
      const rng = createRng(seed);
      const model = randomRnn(rng, { activation: rng.pick(["sigmoid", "tanh", "linear"] as const) });
      const T = rng.int(1, 6);
      const inputs = randomMatrix(rng, T, model.rnn.U[0]!.length, 1);
      const target = randomVector(rng, model.readout.V.length, 1);
      const t = rnnBptt(model, inputs, target);
      const check = (grad: number[][], get: (m: RnnModelSpec) => number[][], name: string) => {
        grad.forEach((row, i) =>
          row.forEach((g, j) => {
            const fd = centralDiff((h) => {
              const m = structuredClone(model);
              get(m)[i]![j]! += h;
              return rnnBptt(m, inputs, target).loss;
            });
            const ok = Math.abs(g - fd) <= 1e-5 * Math.max(Math.abs(g), Math.abs(fd)) + 1e-8 * Math.max(1, t.loss);
            expect(ok, `seed ${seed} ${name}[${i}][${j}]: ${g} vs fd ${fd}`).toBe(true);
          }),
        );
      };
      check(t.dW, (m) => m.rnn.W as number[][], "dW");
      check(t.dU, (m) => m.rnn.U as number[][], "dU");
      check([t.db], (m) => [m.rnn.b as number[]], "db");
      check(t.dV, (m) => m.readout.V as number[][], "dV");
      check([t.dc], (m) => [m.readout.c as number[]], "dc");
      check([t.dh0], (m) => [m.rnn.h0 as number[]], "dh0");
    }
  });
});

describe("RNN gradient flow over time", () => {
  const run = (scale: number, activation: "tanh" | "linear") => {
    const rng = createRng(43);
    const H = 8;
    // Scaled orthogonal-ish W: a random matrix normalised by its size, times `scale`.
    const model = randomRnn(rng, { H, D: 2, O: 1, scale, activation });
    const inputs = randomMatrix(rng, 30, 2, 0.1);
    return rnnBptt(model, inputs, [1]);
  };

  it("hGradNorms has T+1 entries and ends with ‖∂C/∂h_T‖ = ‖Vᵀ(y − target)‖", () => {
    const rng = createRng(44);
    const model = randomRnn(rng, { H: 3, D: 2, O: 2 });
    const t = rnnBptt(model, randomMatrix(rng, 7, 2, 1), [0.1, -0.2]);
    expect(t.hGradNorms).toHaveLength(8);
    const r = t.output.map((y, k) => y - [0.1, -0.2][k]!);
    const g = [0, 1, 2].map((j) => r.reduce((s, rk, k) => s + rk * model.readout.V[k]![j]!, 0));
    expectClose(t.hGradNorms[7]!, Math.hypot(...g), 1e-13, 1e-16);
    expectClose(t.hGradNorms[0]!, Math.hypot(...t.dh0), 1e-13, 1e-16);
  });

  it("small recurrent weights: gradient norms vanish going back in time", () => {
    const t = run(0.3, "tanh");
    expect(t.hGradNorms[0]! / t.hGradNorms[30]!).toBeLessThan(1e-8);
  });

  it("large recurrent weights with a linear cell: gradient norms explode going back in time", () => {
    const t = run(3, "linear");
    expect(t.hGradNorms[0]! / t.hGradNorms[30]!).toBeGreaterThan(1e8);
  });

  it("overflow raises NonFiniteError naming the step", () => {
    const model: RnnModelSpec = {
      rnn: { W: [[1e200]], U: [[1]], b: [0], activation: "linear", h0: [1] },
      readout: { V: [[1]], c: [0] },
    };
    try {
      rnnBptt(model, [[0], [0], [0]], [0]);
      expect.fail("expected an overflow");
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteError);
      expect((e as EngineError).field).toBe("z[2][0]");
    }
  });

  it("an overflowing readout gradient raises NonFiniteError instead of returning Infinity", () => {
    // h_1 = 1e200, y = 1e140: the loss (5e279) is finite but dV = (y − target) h_1 = 1e340 is not.
    const model: RnnModelSpec = {
      rnn: { W: [[0]], U: [[1e200]], b: [0], activation: "linear", h0: [0] },
      readout: { V: [[1e-60]], c: [0] },
    };
    expect(() => rnnBptt(model, [[1]], [0])).toThrow(/^dV\[0\]\[0\]: non-finite/);
  });

  it("the flat RnnNet gives the same result as the traced API", () => {
    const rng = createRng(45);
    const model = randomRnn(rng, { H: 5, D: 3, O: 2 });
    const inputs = randomMatrix(rng, 9, 3, 1);
    const net = RnnNet.fromSpec(model);
    const flat = net.run(Float64Array.from(inputs.flat()), Float64Array.from([0.5, -0.5]), 9);
    const t = rnnBptt(net, inputs, [0.5, -0.5]);
    expect(Array.from(flat.dW)).toEqual(t.dW.flat());
    expect(flat.loss).toBe(t.loss);
  });
});
