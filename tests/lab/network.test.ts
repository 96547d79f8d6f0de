import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/engine";
import { LabError, labNetwork, layerSpeeds, splitDigits } from "../../lib/lab";
import { loadDigits } from "../../lib/lab/load-digits";

const sd = (xs: ArrayLike<number>) => {
  const a = Array.from(xs);
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
};

describe("labNetwork", () => {
  it("is 64 inputs, `hidden` layers of `width` units with the chosen activation, 10 linear logits under softmax cross-entropy", () => {
    const net = labNetwork(createRng(1), { hidden: 3, width: 16, activation: "tanh" });
    expect(net.widths).toEqual([64, 16, 16, 16, 10]);
    expect(net.layers.map((l) => l.activation)).toEqual(["tanh", "tanh", "tanh", "linear"]);
    expect(net.loss).toBe("softmax_ce");
  });

  it("draws Nielsen's initialisation by default: W ~ N(0, 1/n_in), b ~ N(0, 1)", () => {
    const net = labNetwork(createRng(2), { hidden: 2, width: 200 });
    const [first, second] = net.layers;
    expect(sd(first!.W) * Math.sqrt(64)).toBeCloseTo(1, 1);
    expect(sd(second!.W) * Math.sqrt(200)).toBeCloseTo(1, 1);
    expect(sd([...first!.b, ...second!.b])).toBeCloseTo(1, 1);
  });

  it("draws Xavier and He weights with zero biases", () => {
    const xavier = labNetwork(createRng(3), { hidden: 1, width: 200, init: "xavier" });
    expect(sd(xavier.layers[0]!.W) / Math.sqrt(2 / (64 + 200))).toBeCloseTo(1, 1);
    const he = labNetwork(createRng(3), { hidden: 1, width: 200, activation: "relu", init: "he" });
    expect(sd(he.layers[0]!.W) / Math.sqrt(2 / 64)).toBeCloseTo(1, 1);
    for (const net of [xavier, he]) for (const l of net.layers) expect(Array.from(l.b).every((v) => v === 0)).toBe(true);
  });

  it("draws the depth tab's 'half' initialisation: W ~ N(0, 4/n_in), b = 0", () => {
    const net = labNetwork(createRng(4), { hidden: 2, width: 200, init: "half" });
    const [first, second] = net.layers;
    expect(sd(first!.W) * Math.sqrt(64)).toBeCloseTo(2, 1);
    expect(sd(second!.W) * Math.sqrt(200)).toBeCloseTo(2, 1);
    for (const l of net.layers) expect(Array.from(l.b).every((v) => v === 0)).toBe(true);
  });

  it("is the same net for the same seed, another for another", () => {
    const w = (s: number) => Array.from(labNetwork(createRng(s), { hidden: 2, width: 5 }).layers[1]!.W);
    expect(w(9)).toEqual(w(9));
    expect(w(9)).not.toEqual(w(10));
  });

  it("gives every activation finite per-layer speeds on the digits", () => {
    const { train } = splitDigits(loadDigits(), 1);
    for (const activation of ["sigmoid", "tanh", "relu", "leaky_relu"] as const) {
      const speeds = layerSpeeds(labNetwork(createRng(1), { hidden: 3, width: 30, activation, init: activation.includes("relu") ? "he" : "xavier" }), train);
      expect(speeds, activation).toHaveLength(3);
      for (const s of speeds) expect(Number.isFinite(s) && s > 0, activation).toBe(true);
    }
  });

  it("refuses a depth or width that is not a positive integer", () => {
    expect(() => labNetwork(createRng(1), { hidden: 0, width: 5 })).toThrow(new LabError("hidden", "expected a positive integer, got 0"));
    expect(() => labNetwork(createRng(1), { hidden: 2, width: 2.5 })).toThrow(/^width: expected a positive integer, got 2\.5$/);
  });
});
