import { describe, expect, it } from "vitest";
import { createRng, FeedforwardNet, type NetworkSpec, randomNetwork } from "../../lib/engine";
import { evaluate, labNetwork, layerSpeeds, sgdStep, splitDigits, trainEpoch } from "../../lib/lab";
import { loadDigits } from "../../lib/lab/load-digits";

/** Mean loss of a spec on a batch, through a freshly compiled net. */
function lossOf(spec: NetworkSpec, X: Float64Array, Y: Float64Array, B: number): number {
  return FeedforwardNet.fromSpec(spec).run(X, Y, B).loss;
}

/** Every parameter of a spec as [layer, kind, row, col] with getters/setters, for finite differences. */
function params(spec: NetworkSpec): { get: () => number; set: (v: number) => void }[] {
  const out: { get: () => number; set: (v: number) => void }[] = [];
  for (const layer of spec.layers) {
    const W = layer.W as number[][];
    const b = layer.b as number[];
    for (const row of W) for (let i = 0; i < row.length; i++) out.push({ get: () => row[i]!, set: (v) => (row[i] = v) });
    for (let j = 0; j < b.length; j++) out.push({ get: () => b[j]!, set: (v) => (b[j] = v) });
  }
  return out;
}

function flatParams(net: FeedforwardNet): number[] {
  return net.layers.flatMap((l) => [...l.W, ...l.b]);
}

describe("sgdStep", () => {
  it("takes the step a hand computation gives (1-1-1 net, mse, batch of 2)", () => {
    // x = 1, y = 1 and x = −2, y = 0; w1 = 0.5, b1 = 0.1 (sigmoid), w2 = 2, b2 = −0.3 (linear), η = 0.5.
    // Per example: z1 = w1 x + b1, a1 = σ(z1), a2 = w2 a1 + b2, δ2 = a2 − y, δ1 = w2 δ2 σ(z1)(1 − σ(z1));
    // ∂C/∂w2 = δ2 a1, ∂C/∂b2 = δ2, ∂C/∂w1 = δ1 x, ∂C/∂b1 = δ1, each averaged over the 2 examples:
    // ∂C/∂w1 = −0.11628721714844052, ∂C/∂b1 = 0.05516230253149711,
    // ∂C/∂w2 = 0.037388082148854224, ∂C/∂b2 = 0.13470680360079137, C = 0.019353908495837836.
    const net = FeedforwardNet.fromSpec({
      layers: [
        { W: [[0.5]], b: [0.1], activation: "sigmoid" },
        { W: [[2]], b: [-0.3], activation: "linear" },
      ],
      loss: "mse",
    });
    const loss = sgdStep(net, Float64Array.from([1, -2]), Float64Array.from([1, 0]), 2, 0.5);
    expect(loss).toBeCloseTo(0.019353908495837836, 15);
    const expected = [0.5581436085742203, 0.07241884873425145, 1.9813059589255728, -0.36735340180039566];
    flatParams(net).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 15));
    // The transposed copy the forward pass reads moved too.
    expect(net.layers.map((l) => l.WT[0])).toEqual(net.layers.map((l) => l.W[0]));
  });

  it("moves every parameter by −η × the finite-difference gradient of the batch's mean loss", () => {
    const rng = createRng(11);
    const spec = randomNetwork(rng, { widths: [4, 3, 3, 3], activation: ["sigmoid", "tanh", "linear"], init: "gaussian", scale: 0.8, biasScale: 1, loss: "softmax_ce" });
    const B = 5;
    const X = Float64Array.from({ length: B * 4 }, () => rng.uniform(-1, 1));
    const Y = new Float64Array(B * 3);
    for (let i = 0; i < B; i++) Y[i * 3 + (i % 3)] = 1;
    const net = FeedforwardNet.fromSpec(spec);
    const before = flatParams(net);
    const eta = 0.01;
    sgdStep(net, X, Y, B, eta);
    const step = flatParams(net).map((v, k) => (before[k]! - v) / eta);
    const h = 1e-6;
    const ps = params(spec);
    expect(ps.length).toBe(step.length);
    ps.forEach((p, k) => {
      const v = p.get();
      p.set(v + h);
      const up = lossOf(spec, X, Y, B);
      p.set(v - h);
      const down = lossOf(spec, X, Y, B);
      p.set(v);
      expect(Math.abs(step[k]! - (up - down) / (2 * h)), `parameter ${k}`).toBeLessThan(1e-8);
    });
    // After the step the net computes what a net compiled from its new weights computes.
    const stepped = net.run(X, Y, B).loss;
    const rebuilt = FeedforwardNet.fromSpec({
      layers: net.layers.map((l) => ({
        W: Array.from({ length: l.nOut }, (_, j) => Array.from(l.W.subarray(j * l.nIn, (j + 1) * l.nIn))),
        b: Array.from(l.b),
        activation: l.activation,
      })),
      loss: "softmax_ce",
    });
    expect(rebuilt.run(X, Y, B).loss).toBe(stepped);
  });

  it("refuses a learning rate that is not positive", () => {
    const net = labNetwork(createRng(1), { hidden: 1, width: 2, inputs: 1, outputs: 2 });
    expect(() => sgdStep(net, Float64Array.from([1]), Float64Array.from([1, 0]), 1, 0)).toThrow(/^eta: expected a positive number, got 0$/);
  });
});

describe("layerSpeeds", () => {
  const { train } = splitDigits(loadDigits(), 1);

  it("is the norm of the finite-difference gradient of the mean cost over the first n images, per hidden layer", () => {
    const rng = createRng(3);
    const spec = randomNetwork(rng, { widths: [64, 5, 4, 10], activation: ["sigmoid", "sigmoid", "linear"], init: "gaussian", scale: 0.4, biasScale: 1, loss: "softmax_ce" });
    const n = 20;
    const speeds = layerSpeeds(FeedforwardNet.fromSpec(spec), train, n);
    const h = 1e-6;
    const fd = spec.layers.slice(0, -1).map((layer) => {
      const b = layer.b as number[];
      let sq = 0;
      for (let j = 0; j < b.length; j++) {
        const v = b[j]!;
        b[j] = v + h;
        const up = lossOf(spec, train.images, train.targets, n);
        b[j] = v - h;
        const down = lossOf(spec, train.images, train.targets, n);
        b[j] = v;
        sq += ((up - down) / (2 * h)) ** 2;
      }
      return Math.sqrt(sq);
    });
    expect(speeds).toHaveLength(2);
    speeds.forEach((s, l) => expect(Math.abs(s - fd[l]!) / fd[l]!).toBeLessThan(1e-6));
  });

  it("averages the gradients, then takes the norm (not the mean of per-image norms)", () => {
    const net = labNetwork(createRng(2), { hidden: 2, width: 8 });
    const n = 30;
    const sums = [new Float64Array(8), new Float64Array(8)];
    let meanOfNorms = 0;
    for (let i = 0; i < n; i++) {
      const r = net.run(train.images.subarray(i * 64), train.targets.subarray(i * 10), 1);
      for (let l = 0; l < 2; l++) sums[l]!.forEach((_, j) => (sums[l]![j]! += r.layers[l]!.db[j]! / n));
      meanOfNorms += Math.hypot(...r.layers[0]!.db) / n;
    }
    const speeds = layerSpeeds(net, train, n);
    speeds.forEach((s, l) => expect(s).toBeCloseTo(Math.hypot(...sums[l]!), 14));
    expect(speeds[0]).toBeLessThan(meanOfNorms);
  });

  it("uses the first 1,000 training images by default", () => {
    const net = labNetwork(createRng(4), { hidden: 2, width: 8 });
    expect(layerSpeeds(net, train)).toEqual(layerSpeeds(net, train, 1000));
    expect(() => layerSpeeds(net, train, 1501)).toThrow(/^count: expected an integer 1\.\.1500, got 1501$/);
  });
});

describe("trainEpoch and evaluate", () => {
  const { train, test } = splitDigits(loadDigits(), 1);

  it("is reproducible from the seed and learns the digits with one hidden layer", () => {
    const run = () => {
      const rng = createRng(5);
      const net = labNetwork(rng, { hidden: 1, width: 30 });
      const losses = Array.from({ length: 10 }, () => trainEpoch(net, train, rng, { eta: 2, batchSize: 32 }));
      return { losses, test: evaluate(net, test) };
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(a.losses[9]).toBeLessThan(a.losses[0]! / 4);
    expect(a.test.accuracy).toBeGreaterThan(0.9);
  });

  it("refuses a batch larger than the set", () => {
    const net = labNetwork(createRng(1), { hidden: 1, width: 4 });
    expect(() => trainEpoch(net, test, createRng(1), { eta: 1, batchSize: 298 })).toThrow(/^batchSize: expected an integer 1\.\.297, got 298$/);
  });
});
