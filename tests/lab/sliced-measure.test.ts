import { describe, expect, it } from "vitest";
import { createRng, type FeedforwardNet } from "../../lib/engine";
import { evaluate, labNetwork, layerSpeeds, sgdStep, splitDigits, trainEpoch } from "../../lib/lab";
import { LabError } from "../../lib/lab/errors";
import { loadDigits } from "../../lib/lab/load-digits";
import { SlicedMeasure } from "../../lib/lab/speeds";
import { feedforwardModel, Stepper } from "../../lib/lab/stepper";
import { accuracyOf } from "../../lib/lab/train";

const split = splitDigits(loadDigits(), 1);

/** |a − b| ≤ 1e-12·|b| entry by entry. */
function closeRel(a: readonly number[], b: readonly number[]) {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(b[i]!)));
}

/** A few SGD steps so that the weights are not the initial draw. */
function trainSome(net: FeedforwardNet, steps: number, from = 0) {
  const B = 20;
  for (let s = 0; s < steps; s++) {
    const o = ((from + s) * B) % 1000;
    sgdStep(net, split.train.images.subarray(o * 64, (o + B) * 64), split.train.targets.subarray(o * 10, (o + B) * 10), B, 0.3);
  }
}

describe("FeedforwardNet.forward and clone", () => {
  it("forward gives run()'s z and a, and one image's output by hand", () => {
    const net = labNetwork(createRng(3), { hidden: 3, width: 9, activation: "tanh", init: "xavier" });
    const batch = 37;
    const X = split.test.images.subarray(0, batch * 64);
    const f = net.forward(X, batch).map((l) => ({ z: Array.from(l.z), a: Array.from(l.a) }));
    const r = net.run(X, split.test.targets.subarray(0, batch * 10), batch);
    r.layers.forEach((l, k) => {
      expect(f[k]!.z).toEqual(Array.from(l.z));
      expect(f[k]!.a).toEqual(Array.from(l.a));
    });
    // Second method: image 5 through nested loops, a = tanh(W a_prev + b), last layer linear.
    let x = Array.from(X.subarray(5 * 64, 6 * 64));
    net.layers.forEach((layer, l) => {
      const out: number[] = [];
      for (let j = 0; j < layer.nOut; j++) {
        let z = layer.b[j]!;
        for (let i = 0; i < layer.nIn; i++) z += layer.W[j * layer.nIn + i]! * x[i]!;
        out.push(l === net.layers.length - 1 ? z : Math.tanh(z));
      }
      x = out;
    });
    closeRel(f[f.length - 1]!.a.slice(5 * 10, 6 * 10), x);
  });

  it("rejects a bad batch with a clear message", () => {
    const net = labNetwork(createRng(3), { hidden: 1, width: 4 });
    expect(() => net.forward(split.test.images, 0)).toThrow(/batch/);
    expect(() => net.forward(new Float64Array(10), 1)).toThrow(/inputs/);
  });

  it("a clone trains apart from its original", () => {
    const a = labNetwork(createRng(4), { hidden: 2, width: 8 });
    const w0 = Array.from(a.layers[0]!.W);
    const b = a.clone();
    trainSome(b, 3);
    expect(Array.from(a.layers[0]!.W)).toEqual(w0);
    expect(Array.from(b.layers[0]!.W)).not.toEqual(w0);
  });

  it("accuracyOf is evaluate()'s accuracy", () => {
    const net = labNetwork(createRng(5), { hidden: 2, width: 16, activation: "relu", init: "he" });
    trainEpoch(net, split.train, createRng(6), { eta: 0.1, batchSize: 32 });
    expect(accuracyOf(net, split.test)).toBe(evaluate(net, split.test).accuracy);
  });
});

describe("SlicedMeasure", () => {
  it("measures the weights frozen at start() while the live net trains on: layerSpeeds, evaluate and the hidden sample of a net with those weights", () => {
    const live = labNetwork(createRng(8), { hidden: 4, width: 12, activation: "sigmoid", init: "nielsen" });
    const m = new SlicedMeasure(live, split, { histSample: 200 });
    // Made before the weights move: start() must copy them as they are then.
    trainSome(live, 10);
    m.start();
    const atStart = live.clone();
    let slices = 0;
    while (!m.work()) {
      trainSome(live, 1, 10 + slices);
      slices++;
    }
    expect(slices + 1).toBe(m.slices);
    expect(Array.from(live.layers[0]!.W)).not.toEqual(Array.from(atStart.layers[0]!.W));
    const got = m.result();
    const want = layerSpeeds(atStart, split.train);
    closeRel(got.speeds, want);
    expect(got.speeds).toEqual(want);
    expect(got.accuracy).toBe(evaluate(atStart, split.test).accuracy);
    const r = atStart.run(split.train.images, split.train.targets, 200, { inputGrad: false });
    got.hidden!.forEach((h, l) => {
      expect(Array.from(h.a)).toEqual(Array.from(r.layers[l]!.a));
      expect(Array.from(h.delta)).toEqual(Array.from(r.layers[l]!.delta));
    });
    expect(got.hidden).toHaveLength(4);
  });

  it("gives the same numbers for any slice that is a multiple of 4, and refuses others", () => {
    const net = labNetwork(createRng(9), { hidden: 2, width: 8, activation: "leaky_relu", init: "he" });
    const run = (chunk: number) => {
      const m = new SlicedMeasure(net, split, { chunk });
      m.start();
      return m.result();
    };
    const a = run(4);
    expect(run(1000)).toEqual(a);
    expect(run(52)).toEqual(a);
    expect(() => run(30)).toThrow(LabError);
    expect(() => run(0)).toThrow(/multiple of 4/);
  });
});

describe("a Stepper measuring in slices", () => {
  it("records after each epoch the speeds and accuracy of trainEpoch's net at that epoch end", () => {
    const a = labNetwork(createRng(11), { hidden: 3, width: 10, activation: "relu", init: "he" });
    const rngA = createRng(12);
    const want = { speeds: [layerSpeeds(a, split.train)], accuracy: [evaluate(a, split.test).accuracy] };
    for (let e = 0; e < 3; e++) {
      trainEpoch(a, split.train, rngA, { eta: 0.1, batchSize: 32 });
      want.speeds.push(layerSpeeds(a, split.train));
      want.accuracy.push(evaluate(a, split.test).accuracy);
    }
    const b = labNetwork(createRng(11), { hidden: 3, width: 10, activation: "relu", init: "he" });
    const st = new Stepper(feedforwardModel(b, { data: split }), split, createRng(12), { eta: 0.1, batch: 32, inputs: 64, outputs: 10 });
    // Step by step: each epoch end lands in measuredSoFar a few steps into the next epoch.
    let lagged = 0;
    for (let k = 0; k < 3 * st.stepsPerEpoch; k++) {
      st.step(1);
      if (st.measuring) lagged++;
      expect(st.measuredSoFar().accuracy.length).toBeGreaterThanOrEqual(st.epoch);
    }
    expect(lagged).toBeGreaterThan(0);
    expect(st.measuredSoFar().accuracy).toHaveLength(3);
    expect(st.accuracy).toEqual(want.accuracy);
    st.speeds.forEach((s, e) => closeRel(s, want.speeds[e]!));
  });

  it("an epoch shorter than the measurement finishes the last one before the next starts (big batches)", () => {
    const a = labNetwork(createRng(13), { hidden: 2, width: 8 });
    const rngA = createRng(14);
    const want = [layerSpeeds(a, split.train)];
    for (let e = 0; e < 4; e++) {
      trainEpoch(a, split.train, rngA, { eta: 0.5, batchSize: 500 });
      want.push(layerSpeeds(a, split.train));
    }
    const b = labNetwork(createRng(13), { hidden: 2, width: 8 });
    const st = new Stepper(feedforwardModel(b, { data: split }), split, createRng(14), { eta: 0.5, batch: 500, inputs: 64, outputs: 10 });
    for (let k = 0; k < 4 * st.stepsPerEpoch; k++) st.step(1);
    st.speeds.forEach((s, e) => closeRel(s, want[e]!));
    expect(st.speeds).toHaveLength(5);
  });
});
