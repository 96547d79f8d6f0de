import { describe, expect, it } from "vitest";
import { experiment } from "../../lib/lab/experiments";
import { checkExplodeThenClip, type ExplodedSetup, parseExplodedSetup, RNN_SETTING_KEYS, settingChanges } from "../../lib/lab/experiments/explode-then-clip";
import type { RnnSettings } from "../../lib/lab/experiments/rnn";

/**
 * "Make a 20-step RNN's gradient explode, then stop it with one change", on
 * real runs of the rnn experiment. The numbers behind the setups (seed 1,
 * 16 units, tanh): ‖∂C/∂h₀‖ ≈ 114.8 at scale 4, ≈ 15.7 at scale 3, ≈ 2.5e-5
 * with sigmoid at scale 4, ≈ 13.1 at scale 4 over only 10 steps.
 */
const rnn = experiment("rnn");
const EXPLODING: RnnSettings = { steps: 20, hidden: 16, scale: 4, activation: "tanh", clip: false, threshold: 1, seed: 1 };
const judge = (remembered: ExplodedSetup | null, s: RnnSettings) => checkExplodeThenClip(remembered, s, rnn.run(s).facts);

describe("explodeThenClip, stage 1", () => {
  it("the setup explodes: h0 > 100 at T = 20 with clipping off", () => {
    const v = judge(null, EXPLODING);
    expect(v.measured).toBeCloseTo(114.769, 2);
    expect(v).toMatchObject({ exploded: true, solved: false, changes: [] });
  });

  it("not exploded first: a setup that is already calm (or clipped) solves nothing", () => {
    expect(judge(null, { ...EXPLODING, scale: 1 })).toMatchObject({ exploded: false, stopped: true, solved: false });
    expect(judge(null, { ...EXPLODING, clip: true })).toMatchObject({ exploded: false, stopped: true, solved: false });
  });

  it("clipping on or fewer than 20 steps is not an explosion", () => {
    expect(judge(null, { ...EXPLODING, clip: true }).exploded).toBe(false);
    expect(judge(null, { ...EXPLODING, steps: 10 }).exploded).toBe(false);
  });
});

describe("explodeThenClip, stage 2 (the exploding setup remembered)", () => {
  const remembered: ExplodedSetup = { settings: EXPLODING, h0: 114.77 };

  it("0 changes: still the exploding setup, not solved", () => {
    expect(judge(remembered, { ...EXPLODING })).toMatchObject({ exploded: true, changes: [], solved: false });
  });

  it("1 change, clipping on: solved (clipped norm at the threshold)", () => {
    const s = { ...EXPLODING, clip: true };
    expect(rnn.run(s).facts.clippedNorm).toBeCloseTo(1, 12);
    expect(judge(remembered, s)).toMatchObject({ changes: ["clip"], stopped: true, solved: true });
  });

  it("1 change, a lower scale or another activation: solved (h0 ≤ 100)", () => {
    expect(judge(remembered, { ...EXPLODING, scale: 3 })).toMatchObject({ changes: ["scale"], solved: true });
    expect(judge(remembered, { ...EXPLODING, activation: "sigmoid" })).toMatchObject({ changes: ["activation"], solved: true });
  });

  it("1 change that still explodes is a new stage 1, not a solution", () => {
    expect(judge(remembered, { ...EXPLODING, threshold: 5 })).toMatchObject({ exploded: true, changes: ["threshold"], stopped: false, solved: false });
  });

  it("1 change that cuts T below 20: h0 drops to ≈ 13 but it is not a 20-step RNN any more", () => {
    const v = judge(remembered, { ...EXPLODING, steps: 10 });
    expect(v.measured).toBeLessThan(100);
    expect(v).toMatchObject({ changes: ["steps"], stopped: false, solved: false });
  });

  it("2 changes: not solved, and both are named", () => {
    expect(judge(remembered, { ...EXPLODING, scale: 3, clip: true })).toMatchObject({ changes: ["scale", "clip"], stopped: true, solved: false });
  });
});

describe("the setting list and the remembered setup", () => {
  it("RNN_SETTING_KEYS are the keys the rnn experiment's query serialiser writes", () => {
    const keys = [...rnn.toQuery(rnn.defaults).keys()];
    expect([...RNN_SETTING_KEYS].sort()).toEqual(keys.sort());
  });

  it("counts changes key by key", () => {
    expect(settingChanges(EXPLODING, { ...EXPLODING, seed: 2, hidden: 8 })).toEqual(["hidden", "seed"]);
  });

  it("reads back a stored setup and refuses anything else", () => {
    const stored: unknown = JSON.parse(JSON.stringify({ settings: EXPLODING, h0: 114.77 }));
    expect(parseExplodedSetup(stored)).toEqual({ settings: EXPLODING, h0: 114.77 });
    expect(parseExplodedSetup(null)).toBeNull();
    expect(parseExplodedSetup("x")).toBeNull();
    expect(parseExplodedSetup({ settings: EXPLODING })).toBeNull();
    const { seed: _seed, ...noSeed } = EXPLODING;
    expect(parseExplodedSetup({ settings: noSeed, h0: 1 })).toBeNull();
    expect(parseExplodedSetup({ settings: { ...EXPLODING, clip: "yes" }, h0: 1 })).toBeNull();
    expect(parseExplodedSetup({ settings: { ...EXPLODING, scale: null }, h0: 1 })).toBeNull();
    expect(parseExplodedSetup(JSON.parse('{"__proto__": {"steps": 20}, "h0": 1}'))).toBeNull();
    // Extra keys are dropped, not carried along.
    expect(parseExplodedSetup({ settings: { ...EXPLODING, extra: 1 }, h0: 1 })?.settings).toEqual(EXPLODING);
  });
});
