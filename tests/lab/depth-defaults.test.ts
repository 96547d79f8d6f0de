import { describe, expect, it } from "vitest";
import { DEPTH_DEFAULTS, experiment } from "../../lib/lab/experiments";

/**
 * The depth tab's defaults show Nielsen's effect: with the per-depth learning
 * rate (eta 0), a net with 2 hidden layers learns the digits within 5 epochs,
 * while one with 4 stays far behind; and at initialisation the first hidden
 * layer of the default 4-layer net learns at least 10× slower than the last.
 */
describe("the depth tab's defaults", () => {
  it("train 2 hidden layers, leave 4 behind, and start with layer 1 ≥ 10× slower than layer 4", () => {
    const depth = experiment("depth");
    const two = depth.run({ ...DEPTH_DEFAULTS, hidden: 2, epochs: 5 }).facts;
    const four = depth.run({ ...DEPTH_DEFAULTS, hidden: 4, epochs: 5 }).facts;
    expect(two.accuracy).toBeGreaterThan(0.7);
    expect(four.accuracy!).toBeLessThan(two.accuracy! - 0.3);
    expect(four.ratio).toBeGreaterThanOrEqual(10);
    expect(four.slowestInit).toBe(1);
  }, 60_000);
});
