import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  type ActivationName,
  createRng,
  EngineError,
  FeedforwardNet,
  forward,
  forwardBackward,
  forwardBackwardBatch,
  getActivation,
  loss,
  type NetworkSpec,
  NonFiniteError,
  sigmoid,
  sigmoidPrime,
  softmax,
} from "@/lib/engine";
import { centralDiff, expectClose, randomCase, randomMatrix, randomVector, seeds } from "./helpers";
import { refFeedforward } from "./reference";

const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** Compare every quantity of a batch trace with the scalar autograd at rel 1e-9 / abs 1e-12. */
function checkAgainstAutograd(net: NetworkSpec, inputs: number[][], targets: number[][]): void {
  const ref = refFeedforward(net, inputs, targets);
  const t = forwardBackwardBatch(net, inputs, targets);
  expectClose(t.loss, ref.loss, 1e-9, 1e-12, "loss");
  t.layers.forEach((layer, l) => {
    expectClose(layer.z, ref.z[l] as number[][], 1e-9, 1e-12, `layers[${l}].z`);
    expectClose(layer.a, ref.a[l] as number[][], 1e-9, 1e-12, `layers[${l}].a`);
    expectClose(layer.delta, ref.delta[l] as number[][], 1e-9, 1e-12, `layers[${l}].delta`);
    expectClose(layer.dW, ref.dW[l] as number[][], 1e-9, 1e-12, `layers[${l}].dW`);
    expectClose(layer.db, ref.db[l] as number[], 1e-9, 1e-12, `layers[${l}].db`);
    expectClose(layer.deltaNorm, norm(ref.db[l] as number[]), 1e-9, 1e-12, `layers[${l}].deltaNorm`);
  });
  expectClose(t.dInput, ref.dInput, 1e-9, 1e-12, "dInput");
  expectClose(t.output, ref.a[ref.a.length - 1] as number[][], 1e-9, 1e-12, "output");
  if (inputs.length === 1) {
    const s = forwardBackward(net, inputs[0] as number[], targets[0] as number[]);
    expectClose(s.loss, ref.loss, 1e-9, 1e-12, "single.loss");
    s.layers.forEach((layer, l) => {
      expectClose(layer.delta, (ref.delta[l] as number[][])[0] as number[], 1e-9, 1e-12, `single.layers[${l}].delta`);
      expectClose(layer.dW, ref.dW[l] as number[][], 1e-9, 1e-12, `single.layers[${l}].dW`);
    });
    expectClose(s.dInput, ref.dInput[0] as number[], 1e-9, 1e-12, "single.dInput");
  }
}

function chain(weights: number[], biases: number[], activation: ActivationName): NetworkSpec {
  return { layers: weights.map((w, i) => ({ W: [[w]], b: [biases[i] as number], activation })), loss: "mse" };
}

describe("feedforward vs independent scalar autograd (rel 1e-9, abs 1e-12)", () => {
  it("random small nets: every activation, residual layers, both losses, single examples", () => {
    for (const seed of seeds(100, 60)) {
      const c = randomCase(createRng(seed), { batch: 1 });
      checkAgainstAutograd(c.net, c.inputs, c.targets);
    }
  });

  it("random small nets with batches (mean loss, mean gradients)", () => {
    for (const seed of seeds(200, 40)) {
      const rng = createRng(seed);
      const c = randomCase(rng, { batch: rng.int(2, 9) });
      checkAgainstAutograd(c.net, c.inputs, c.targets);
    }
  });

  it("1-unit chains of 2–8 layers, every activation, weight scales 0.5–5", () => {
    const rng = createRng(7);
    for (const activation of ACTIVATIONS) {
      for (let L = 2; L <= 8; L++) {
        for (const scale of [0.5, 1, 2, 3.5, 5]) {
          const ws = Array.from({ length: L }, () => scale * (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.8, 1.2));
          const bs = randomVector(rng, L, 1);
          checkAgainstAutograd(chain(ws, bs, activation), [[rng.gaussian()]], [[rng.gaussian()]]);
        }
      }
    }
  });

  it("MLPs up to 7 layers × 16 units with batches", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 6; trial++) {
      const c = randomCase(rng, { maxLayers: 7, maxWidth: 16, batch: rng.int(1, 12) });
      checkAgainstAutograd(c.net, c.inputs, c.targets);
    }
  });

  it("residual stacks (8 square tanh/relu blocks)", () => {
    const rng = createRng(12);
    const layers = Array.from({ length: 8 }, (_, l) => ({
      W: randomMatrix(rng, 6, 6, 0.8 / Math.sqrt(6)),
      b: randomVector(rng, 6, 0.2),
      activation: (l % 2 === 0 ? "tanh" : "relu") as ActivationName,
      residual: true,
    }));
    const inputs = Array.from({ length: 5 }, () => randomVector(rng, 6, 1));
    const targets = Array.from({ length: 5 }, () => randomVector(rng, 6, 1));
    checkAgainstAutograd({ layers, loss: "mse" }, inputs, targets);
  });

  it("MLPs of exactly 7 layers × 16 units: every activation, both losses, batches of 1 and 12, scales 0.5 and 3", () => {
    const rng = createRng(14);
    for (const activation of ACTIVATIONS) {
      for (const loss of ["mse", "softmax_ce"] as const) {
        for (const [B, scale] of [[1, 3], [12, 0.5], [12, 3]] as const) {
          const widths = [16, 16, 16, 16, 16, 16, 16, 16];
          const layers = widths.slice(1).map((n, l) => ({
            W: randomMatrix(rng, n, widths[l]!, scale / Math.sqrt(widths[l]!)),
            b: randomVector(rng, n, 0.5),
            // The last layer is linear, as usual in front of softmax_ce.
            activation: (l === 6 && loss === "softmax_ce" ? "linear" : activation) as ActivationName,
          }));
          const inputs = Array.from({ length: B }, () => randomVector(rng, 16, 1));
          const targets = Array.from({ length: B }, () => {
            if (loss === "mse") return randomVector(rng, 16, 1);
            const t = new Array<number>(16).fill(0);
            t[rng.int(0, 15)] = 1;
            return t;
          });
          checkAgainstAutograd({ layers, loss }, inputs, targets);
        }
      }
    }
  });

  it("residual stacks of every activation between projections (10 square blocks), both losses, a batch of 4", () => {
    const rng = createRng(15);
    for (const activation of ACTIVATIONS) {
      for (const loss of ["mse", "softmax_ce"] as const) {
        const layers = [
          { W: randomMatrix(rng, 8, 5, 1 / Math.sqrt(5)), b: randomVector(rng, 8, 0.3), activation: "tanh" as ActivationName, residual: false },
          ...Array.from({ length: 10 }, () => ({
            W: randomMatrix(rng, 8, 8, 0.7 / Math.sqrt(8)),
            b: randomVector(rng, 8, 0.3),
            activation,
            residual: true,
          })),
          { W: randomMatrix(rng, 3, 8, 1 / Math.sqrt(8)), b: randomVector(rng, 3, 0.3), activation: "linear" as ActivationName, residual: false },
        ];
        const inputs = Array.from({ length: 4 }, () => randomVector(rng, 5, 1));
        const targets = Array.from({ length: 4 }, () => (loss === "mse" ? randomVector(rng, 3, 1) : [0.2, 0.7, 0.1]));
        checkAgainstAutograd({ layers, loss }, inputs, targets);
      }
    }
  });

  it("1-unit chains ending in softmax_ce over two outputs, every activation, weight scales 0.5–5", () => {
    const rng = createRng(16);
    for (const activation of ACTIVATIONS) {
      for (let L = 2; L <= 8; L++) {
        for (const scale of [0.5, 2, 5]) {
          const ws = Array.from({ length: L - 1 }, () => scale * (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.8, 1.2));
          const layers = ws.map((w) => ({ W: [[w]], b: [rng.gaussian()], activation }));
          const net: NetworkSpec = { layers: [...layers, { W: [[scale], [-scale]], b: [0.1, -0.2], activation: "linear" }], loss: "softmax_ce" };
          checkAgainstAutograd(net, [[rng.gaussian()]], [[rng.next() < 0.5 ? 1 : 0.3, rng.next() < 0.5 ? 0 : 0.7]]);
        }
      }
    }
  });

  it("a 64-30-30-30-30-10 sigmoid network on a batch of 100", () => {
    const rng = createRng(13);
    const widths = [64, 30, 30, 30, 30, 10];
    const layers = widths.slice(1).map((n, l) => ({
      W: randomMatrix(rng, n, widths[l] as number, 1),
      b: randomVector(rng, n, 1),
      activation: "sigmoid" as const,
    }));
    const inputs = Array.from({ length: 100 }, () => randomVector(rng, 64, 1));
    const targets = Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => rng.next()));
    checkAgainstAutograd({ layers, loss: "mse" }, inputs, targets);
    checkAgainstAutograd({ layers, loss: "softmax_ce" }, inputs, targets);
  });
});

describe("softmax_ce with large logits", () => {
  it("loss and gradient are exact relative to the max logit, not to a rounded log-sum-exp", () => {
    // a = (1000, 970), y = (1, 0): C = log(1 + e^{−30}) and ∂C/∂a = (−q, q), q = e^{−30}/(1 + e^{−30}).
    // Taking p = exp(a − LSE) puts LSE's rounding (an ulp of 1000 ≈ 1.1e−13) into both.
    const q = Math.exp(-30) / (1 + Math.exp(-30));
    const r = loss("softmax_ce", [1000, 970], [1, 0]);
    expectClose(r.loss, Math.log1p(Math.exp(-30)), 0, 1e-15, "loss");
    expectClose(r.grad, [-q, q], 1e-12, 1e-15, "grad");
    expectClose(softmax([1000, 970]), [1 / (1 + Math.exp(-30)), q], 1e-15, 0, "softmax");
  });

  it("random nets with weight scales up to 5 (logits in the hundreds) agree with the autograd", () => {
    // Seed 900175 failed before the fix: dW was off by 1e−12 on a 1e−5 entry.
    for (const seed of [900175, ...seeds(900300, 60)]) {
      const rng = createRng(seed);
      const c = randomCase(rng, { maxLayers: 8, maxWidth: 8, batch: rng.int(1, 5), scale: rng.uniform(0.5, 5) });
      checkAgainstAutograd(c.net, c.inputs, c.targets);
    }
  });
});

describe("feedforward vs central finite differences", () => {
  it("dW, db and dInput of random specs (step 1e-6, rel 1e-5)", () => {
    for (const seed of seeds(300, 30)) {
      const rng = createRng(seed);
      const c = randomCase(rng, { batch: rng.int(1, 4), maxLayers: 3, maxWidth: 4 });
      const t = forwardBackwardBatch(c.net, c.inputs, c.targets);
      // Kinks of relu/leaky_relu make finite differences meaningless right at z = 0.
      const nearKink = t.layers.some((l, i) => ["relu", "leaky_relu"].includes(c.net.layers[i]!.activation) && l.z.flat().some((z) => Math.abs(z) < 1e-4));
      if (nearKink) continue;
      const lossWith = (mutate: (n: NetworkSpec, x: number[][]) => void) => (h: number): number => {
        const net = structuredClone(c.net);
        const xs = structuredClone(c.inputs);
        mutate(net, xs);
        void h;
        return forwardBackwardBatch(net, xs, c.targets).loss;
      };
      const tol = (g: number, fd: number) => Math.abs(g - fd) <= 1e-5 * Math.max(Math.abs(g), Math.abs(fd)) + 1e-8 * Math.max(1, Math.abs(t.loss));
      c.net.layers.forEach((layer, l) => {
        layer.W.forEach((row, i) =>
          row.forEach((_, j) => {
            const fd = centralDiff((h) => lossWith((n) => { (n.layers[l]!.W as number[][])[i]![j]! += h; })(h));
            const g = t.layers[l]!.dW[i]![j]!;
            expect(tol(g, fd), `seed ${seed} layers[${l}].dW[${i}][${j}]: ${g} vs fd ${fd}`).toBe(true);
          }),
        );
        layer.b.forEach((_, i) => {
          const fd = centralDiff((h) => lossWith((n) => { (n.layers[l]!.b as number[])[i]! += h; })(h));
          const g = t.layers[l]!.db[i]!;
          expect(tol(g, fd), `seed ${seed} layers[${l}].db[${i}]: ${g} vs fd ${fd}`).toBe(true);
        });
      });
      c.inputs.forEach((x, e) =>
        x.forEach((_, k) => {
          const fd = centralDiff((h) => lossWith((_n, xs) => { xs[e]![k]! += h; })(h));
          const g = t.dInput[e]![k]!;
          expect(tol(g, fd), `seed ${seed} dInput[${e}][${k}]: ${g} vs fd ${fd}`).toBe(true);
        }),
      );
    }
  });
});

describe("invariants", () => {
  it("1-unit chain: ∂C/∂b₁ = (a_L − y)·f′(z_L)·∏_{j=2..L} w_j f′(z_{j−1}), term by term", () => {
    const rng = createRng(21);
    for (const activation of ACTIVATIONS) {
      for (let L = 2; L <= 8; L++) {
        const ws = randomVector(rng, L, 2.5);
        const bs = randomVector(rng, L, 1);
        const x = rng.gaussian();
        const y = rng.gaussian();
        const t = forwardBackward(chain(ws, bs, activation), [x], [y]);
        const fp = getActivation(activation).fPrime;
        // Recompute z_j by hand so the check does not reuse the engine's forward pass.
        const zs: number[] = [];
        let a = x;
        for (let j = 0; j < L; j++) {
          const z = ws[j]! * a + bs[j]!;
          zs.push(z);
          a = getActivation(activation).f(z);
        }
        let running = (a - y) * fp(zs[L - 1]!);
        expectClose(t.layers[L - 1]!.db[0]!, running, 1e-12, 1e-15, `${activation} L=${L} δ_L`);
        for (let j = L - 1; j >= 1; j--) {
          running *= ws[j]! * fp(zs[j - 1]!);
          expectClose(t.layers[j - 1]!.db[0]!, running, 1e-12, 1e-15, `${activation} L=${L} δ_${j}`);
        }
        expect(t.layers[0]!.deltaNorm).toBeCloseTo(Math.abs(running), 14);
      }
    }
  });

  it("a sigmoid chain with |w| ≤ 1 shrinks δ by at least 4× per layer", () => {
    const rng = createRng(22);
    const ws = Array.from({ length: 6 }, () => rng.uniform(-1, 1));
    const t = forwardBackward(chain(ws, randomVector(rng, 6, 1), "sigmoid"), [0.3], [1]);
    for (let j = 0; j < 5; j++) expect(t.layers[j]!.deltaNorm).toBeLessThanOrEqual(t.layers[j + 1]!.deltaNorm / 4 + 1e-300);
  });

  it("fPrime matches the activation derivative and db is the batch mean of δ", () => {
    const c = randomCase(createRng(23), { batch: 6, maxLayers: 4 });
    const t = forwardBackwardBatch(c.net, c.inputs, c.targets);
    t.layers.forEach((layer, l) => {
      const fp = getActivation(c.net.layers[l]!.activation).fPrime;
      expectClose(layer.fPrime, layer.z.map((r) => r.map(fp)), 0, 0);
      const sum = layer.db.map((_, j) => layer.delta.reduce((s, r) => s + r[j]!, 0));
      expectClose(layer.db, sum, 1e-12, 1e-15);
    });
  });

  it("a batch of one equals the single-example trace; a repeated example equals it too", () => {
    const c = randomCase(createRng(24), { batch: 1 });
    const s = forwardBackward(c.net, c.inputs[0]!, c.targets[0]!);
    const b = forwardBackwardBatch(c.net, [c.inputs[0]!, c.inputs[0]!, c.inputs[0]!], [c.targets[0]!, c.targets[0]!, c.targets[0]!]);
    expectClose(b.loss, s.loss, 1e-14, 0);
    b.layers.forEach((l, i) => expectClose(l.dW, s.layers[i]!.dW, 1e-13, 1e-16));
    expectClose(b.dInput[1]!, s.dInput.map((v) => v / 3), 1e-13, 1e-16);
  });

  it("the compiled net can be reused across batch sizes and gives the same answers", () => {
    const c = randomCase(createRng(25), { batch: 4 });
    const net = FeedforwardNet.fromSpec(c.net);
    const a = forwardBackwardBatch(net, c.inputs, c.targets);
    forwardBackwardBatch(net, c.inputs.slice(0, 2), c.targets.slice(0, 2));
    const b = forwardBackwardBatch(net, c.inputs, c.targets);
    expect(b).toEqual(a);
    expect(forward(net, c.inputs[0]!).output).toEqual(forwardBackward(net, c.inputs[0]!, c.targets[0]!).output);
  });

  it("sigmoid is stable for large |z|", () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-700)).toBeGreaterThan(0);
    expect(sigmoid(-30) / Math.exp(-30)).toBeCloseTo(1, 12);
    expect(Number.isFinite(sigmoidPrime(-1000)) && Number.isFinite(sigmoidPrime(1000))).toBe(true);
    const t = forwardBackward(chain([1e3, 1], [0, 0], "sigmoid"), [-5], [1]);
    expect(t.layers.every((l) => l.z.every(Number.isFinite) && l.dW.flat().every(Number.isFinite))).toBe(true);
  });
});

describe("errors", () => {
  it("overflow raises NonFiniteError naming the quantity", () => {
    const layers = Array.from({ length: 6 }, () => ({ W: [[1e80]], b: [0], activation: "linear" as const }));
    try {
      forwardBackward({ layers, loss: "mse" }, [1], [0]);
      expect.fail("expected an overflow");
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteError);
      expect((e as EngineError).field).toBe("layers[3].z[0]");
      expect((e as Error).message).toMatch(/^layers\[3\]\.z\[0\]: non-finite/);
    }
  });

  it("batch means stay finite when only the batch sum overflows (db, dW and dInput)", () => {
    // Two identical examples whose per-example δ of layer 0 is ≈ 1e308: the sum
    // over the batch overflows, the mean (the reported gradient) does not.
    const net: NetworkSpec = {
      layers: [
        { W: [[1], [1]], b: [0, 0], activation: "linear" },
        { W: [[1e154, 1e154]], b: [0], activation: "linear" },
      ],
    };
    const one = forwardBackward({ layers: [net.layers[0]!, { ...net.layers[1]!, W: [[1e154, 0]] }] }, [1e-10], [-1e154]);
    expect(Number.isFinite(one.layers[0]!.db[0]!)).toBe(true);
    const t = forwardBackwardBatch(net, [[1e-10], [1e-10]], [[-1e154], [-1e154]]);
    // C = ½(2e144 + 1e154)² per example, so δ₂ = 1e154 + 2e144, δ₁ = 1e154·δ₂ per unit.
    const d2 = 1e154 + 2e144;
    expectClose(t.layers[1]!.db, [d2], 1e-14, 0, "db[1]");
    expectClose(t.layers[0]!.db, [1e154 * d2, 1e154 * d2], 1e-14, 0, "db[0]");
    expectClose(t.layers[0]!.dW, [[1e144 * d2], [1e144 * d2]], 1e-14, 0, "dW[0]");
    expectClose(t.layers[0]!.deltaNorm, Math.SQRT2 * 1e154 * d2, 1e-14, 0, "deltaNorm[0]");
    // ∂C/∂x = Σ_units 1e154·δ₂ = 2e154·δ₂ per example, halved by the mean.
    expectClose(t.dInput, [[1e154 * d2], [1e154 * d2]], 1e-14, 0, "dInput");
    // A single example with the same ∂C/∂x = 2e154·δ₂ > max double does overflow, and says so.
    expect(() => forwardBackward(net, [1e-10], [-1e154])).toThrow(NonFiniteError);
    expect(() => forwardBackward(net, [1e-10], [-1e154])).toThrow(/^dInput\[0\]: non-finite/);
  });

  it("a norm that overflows although its entries do not is reported, not returned as Infinity", () => {
    // δ of layer 0 is 1.3e308 in each of two units: finite, but ‖δ‖ = 1.84e308 is not.
    const net: NetworkSpec = { layers: [{ W: [[1e-10], [1e-10]], b: [0, 0], activation: "linear" }, { W: [[1e154, 1e154]], b: [0], activation: "linear" }] };
    expect(() => forwardBackward(net, [1], [-1.3e154])).toThrow(/^layers\[0\]\.deltaNorm: non-finite/);
    expect(() => forwardBackwardBatch(net, [[1]], [[-1.3e154]])).toThrow(/^layers\[0\]\.deltaNorm: non-finite/);
  });

  it("shape mismatches name the field", () => {
    const net: NetworkSpec = {
      layers: [
        { W: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], b: [0, 0, 0], activation: "tanh" },
        { W: [[1, 2]], b: [0], activation: "linear" },
      ],
    };
    expect(() => forwardBackward(net, [1, 2, 3], [0])).toThrow(/^layers\[1\]\.W: expected 3 columns, got 2/);
    const ok: NetworkSpec = { layers: [net.layers[0]!] };
    expect(() => forwardBackward(ok, [1, 2], [0, 0, 0])).toThrow(/^input: expected length 3, got 2/);
    expect(() => forwardBackward(ok, [1, 2, 3], [0])).toThrow(/^target: expected length 3, got 1/);
    expect(() => forwardBackwardBatch(ok, [[1, 2, 3]], [[0, 0, 0], [1, 1, 1]])).toThrow(/^targets: expected 1 rows, got 2/);
  });
});
