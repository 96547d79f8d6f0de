import { describe, expect, it } from "vitest";
import { experiment } from "../../lib/lab/experiments";

/**
 * The depth tab's defaults show Nielsen's effect without hiding the deep nets
 * at chance: with the tab's default settings (only `hidden` changed) every
 * depth 1–6 learns the digits within the default run, while at
 * initialisation the first hidden layer is the slowest, ≥ 10× slower than
 * the last of 4. Bounds are what we measured at seed 1 with slack (measured
 * accuracies after 30 epochs: 0.943 0.953 0.949 0.936 0.926 0.875; ratio of
 * speeds at 4 layers 13.8); chance is 0.1.
 */
const depth = experiment("depth");
const MEASURED_FLOOR = [0.85, 0.85, 0.85, 0.85, 0.8, 0.6];

describe("the depth tab's defaults", () => {
  it("run 30 epochs of minibatches of 10 at seed 1", () => {
    expect(depth.defaults).toMatchObject({ epochs: 30, batch: 10, seed: 1, eta: 0 });
  });

  it.each([1, 2, 3, 4, 5, 6])("train %i hidden layer(s) well above chance", (hidden) => {
    const facts = depth.run({ ...depth.defaults, hidden }).facts;
    expect(facts.diverged).toBe(0);
    expect(facts.epochs).toBe(30);
    expect(facts.accuracy).toBeGreaterThan(MEASURED_FLOOR[hidden - 1]!);
  }, 60_000);

  it("start 4 layers with speeds rising from the first to the last, the first ≥ 10× slower", () => {
    const facts = depth.run({ ...depth.defaults, hidden: 4, epochs: 0 }).facts;
    const speeds = [facts.speed1!, facts.speed2!, facts.speed3!, facts.speed4!];
    for (let l = 1; l < 4; l++) expect(speeds[l]).toBeGreaterThan(speeds[l - 1]!);
    expect(speeds[3]! / speeds[0]!).toBeGreaterThanOrEqual(10);
    expect(facts.slowestInit).toBe(1);
  });

  it("deeper nets take longer to leave chance: 1 layer is past 0.5 after one epoch, 6 layers is not", () => {
    const one = depth.run({ ...depth.defaults, hidden: 1, epochs: 1 }).facts;
    const six = depth.run({ ...depth.defaults, hidden: 6, epochs: 1 }).facts;
    expect(one.accuracy).toBeGreaterThan(0.5);
    expect(six.accuracy).toBeLessThan(0.3);
  });

  it("with Nielsen's initialisation a 6-layer net stays near chance for the whole run (why it is not the default)", () => {
    const facts = depth.run({ ...depth.defaults, hidden: 6, init: "nielsen" }).facts;
    expect(facts.accuracy).toBeLessThan(0.2);
    expect(facts.ratio).toBeGreaterThan(100);
  }, 60_000);

  it("the page's trainer with compare trains every depth side by side: the same accuracies as run, after 2 epochs", () => {
    const settings = { ...depth.defaults, epochs: 2, compare: true };
    const ran = depth.run(settings).facts;
    const trainer = depth.trainer!(settings);
    trainer.step(trainer.stepsPerEpoch * 2);
    const live = trainer.snapshot().facts;
    for (let h = 1; h <= 6; h++) expect(live[`accuracyDepth${h}`]).toBe(ran[`accuracyDepth${h}`]);
    expect(new Set([1, 2, 3, 4, 5, 6].map((h) => live[`accuracyDepth${h}`])).size).toBeGreaterThan(1);
  }, 60_000);
});
