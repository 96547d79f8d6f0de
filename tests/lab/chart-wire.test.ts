import { describe, expect, it } from "vitest";
import { ChartReceiver, ChartSender, packChart, unpackChart, type WireChart } from "@/components/lab/chart-data";
import { experiment } from "@/lib/lab/experiments";
import { activationsTrainer } from "@/lib/lab/experiments/activations";
import type { Chart } from "@/lib/lab/experiments/types";

// The lab's worker sends charts packed into one Float64Array each, and charts
// unchanged since its last snapshot by id only; the page must end up with
// exactly the charts the trainer made, whichever snapshots it drew.

const shared: Chart = {
  id: "gradHistory-tanh",
  x: { quantity: "epoch" },
  y: { quantity: "gradNorm", log: true },
  kind: "line",
  series: [
    { name: "l=1", x: [0.5, 1, 1.5], y: [1e-3, 2e-3, 3e-3] },
    { name: "l=2", x: [0.5, 1, 1.5], y: [4, 5, 6] },
  ],
};
const ragged: Chart = {
  id: "windowWidth",
  x: { quantity: "weight" },
  y: { quantity: "width" },
  kind: "points",
  series: [
    { name: "a", x: [1, 2], y: [-1, 0.25] },
    { name: "b", x: [3], y: [7] },
  ],
  shade: [{ from: 1, to: 2 }],
  marks: [{ x: 2, y: 0.25, name: "max" }],
};

/** A deep copy through JSON: what the chart says, independent of how it is packed. */
const plain = (c: unknown) => JSON.parse(JSON.stringify(c)) as unknown;

describe("packed lab charts", () => {
  it("come back as they went, one x stored once when the series share it", () => {
    const p = packChart(shared);
    expect(p.sharedX).toBe(true);
    expect(Array.from(p.data)).toEqual([0.5, 1, 1.5, 1e-3, 2e-3, 3e-3, 4, 5, 6]);
    expect(plain(unpackChart(p))).toEqual(plain(shared));
    const q = packChart(ragged);
    expect(q.sharedX).toBe(false);
    expect(Array.from(q.data)).toEqual([1, 2, -1, 0.25, 3, 7]);
    expect(plain(unpackChart(q))).toEqual(plain(ragged));
  });

  it("survive structured clone (the worker's postMessage)", () => {
    expect(plain(unpackChart(structuredClone(packChart(ragged))))).toEqual(plain(ragged));
  });

  it("are sent by id only when unchanged, and the page keeps the very same object for them", () => {
    const sender = new ChartSender();
    const page = new ChartReceiver();
    const first = sender.wire([shared, ragged]);
    expect(first.every((w) => !("same" in w))).toBe(true);
    page.take(first);
    const [a1, b1] = page.charts();
    const moved: Chart = { ...shared, series: [shared.series[0]!, { ...shared.series[1]!, y: [4, 5, 6.5] }] };
    const second = sender.wire([moved, { ...ragged }]);
    expect(second.map((w) => "same" in w)).toEqual([false, true]);
    page.take(second);
    const [a2, b2] = page.charts();
    expect(b2).toBe(b1);
    expect(a2).not.toBe(a1);
    expect(a2!.series[1]!.y).toEqual([4, 5, 6.5]);
  });

  it("a snapshot the page never drew still counts: a later 'same' means the chart of that snapshot", () => {
    const sender = new ChartSender();
    const page = new ChartReceiver();
    page.take(sender.wire([shared]));
    page.charts();
    const moved: Chart = { ...shared, series: [{ ...shared.series[0]!, y: [9, 9, 9] }, shared.series[1]!] };
    page.take(sender.wire([moved])); // arrives, but the next one comes before the frame
    const later: WireChart[] = sender.wire([moved]);
    expect("same" in later[0]!).toBe(true);
    page.take(later);
    expect(page.charts()[0]!.series[0]!.y).toEqual([9, 9, 9]);
  });

  it("after a reset (new settings) everything is sent whole again", () => {
    const sender = new ChartSender();
    sender.wire([shared, ragged]);
    sender.reset();
    expect(sender.wire([shared, ragged]).some((w) => "same" in w)).toBe(false);
  });

  it("a page that was never sent a chart says so instead of drawing nothing", () => {
    const page = new ChartReceiver();
    page.take([{ id: "norms", same: true }]);
    expect(() => page.charts()).toThrow("chart norms was never sent");
  });

  it("a real training snapshot of the four nets goes through unchanged, and its histograms are not resent within an epoch", () => {
    const acts = experiment("activations");
    const t = acts.trainer!({ ...acts.defaults, hidden: 2, width: 8, batch: 32, seed: 3 });
    const sender = new ChartSender();
    const page = new ChartReceiver();
    t.step(3);
    const snap1 = t.snapshot();
    page.take(structuredClone(sender.wire(snap1.charts)));
    expect(plain(page.charts())).toEqual(plain(snap1.charts));
    t.step(1);
    const snap2 = t.snapshot();
    const wire = sender.wire(snap2.charts);
    const resent = wire.filter((w) => !("same" in w)).map((w) => w.id);
    // Within epoch 0 only the four training histories move.
    expect(resent.sort()).toEqual(["gradHistory-leaky_relu", "gradHistory-relu", "gradHistory-sigmoid", "gradHistory-tanh"]);
    page.take(structuredClone(wire));
    expect(plain(page.charts())).toEqual(plain(snap2.charts));
  });
});

describe("the four nets' epoch end in slices (what the worker draws between)", () => {
  it("measures the epoch end while training goes on, peeks at the epoch before meanwhile, and ends on run()'s numbers", () => {
    const acts = experiment("activations");
    const s = { ...acts.defaults, hidden: 2, width: 8, batch: 32, epochs: 1, seed: 5 };
    const t = activationsTrainer(s);
    const accLengths = () => t.peek().charts.find((c) => c.id === "accuracy")!.series.map((x) => x.x.length);
    const historyLength = () => t.peek().charts.find((c) => c.id === "gradHistory-sigmoid")!.series[0]!.x.length;
    expect(accLengths()).toEqual([1, 1, 1, 1]);
    t.step(t.stepsPerEpoch);
    expect(t.epoch).toBe(1);
    // Nothing measured yet for epoch 1: the accuracy curves still end at epoch 0.
    expect(accLengths()).toEqual([1, 1, 1, 1]);
    expect(t.settle()).toBe(false);
    // Every further step moves the live curves; the measurement lands within the epoch.
    let steps = 0;
    while (accLengths().some((n) => n < 2)) {
      const before = historyLength();
      t.step(1);
      steps++;
      expect(historyLength()).toBe(before + 1);
      expect(steps).toBeLessThan(t.stepsPerEpoch);
    }
    expect(steps).toBeGreaterThan(1);
    expect(accLengths()).toEqual([2, 2, 2, 2]);
    // The measured numbers are the epoch-end weights', not the weights trained since.
    expect(t.peek().facts).toEqual(acts.run(s).facts);
    expect(t.snapshot().facts).toEqual(acts.run(s).facts);
  });
});
