import { describe, expect, it } from "vitest";
import { chainBiasGradient } from "@/lib/exercises/generators/chain-bias-gradient";
import { checkSteps, trueStepValues } from "@/lib/exercises/steps";

/**
 * Step-by-step answers with error carried forward, on the chain gradient:
 * the steps' true values are recomputed here by a plain forward pass, the
 * last one is the answer, and a slip in one step is charged to that step only.
 */

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const ACT = {
  sigmoid: { f: sig, fp: (z: number) => sig(z) * (1 - sig(z)) },
  tanh: { f: Math.tanh, fp: (z: number) => 1 - Math.tanh(z) ** 2 },
  relu: { f: (z: number) => Math.max(0, z), fp: (z: number) => (z > 0 ? 1 : 0) },
} as const;

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
const typed = (v: number) => v.toPrecision(6);

describe("chain-bias-gradient steps", () => {
  const cases = (["sigmoid", "tanh", "relu"] as const).flatMap((activation) => [1, 2, 3].flatMap((difficulty) => [1, 2, 3, 4, 5].map((seed) => ({ seed, activation, difficulty }))));

  it.each(cases)("true steps are the path's factors, a_L − y and the answer (%o)", ({ seed, activation, difficulty }) => {
    const params = { activation, difficulty };
    const { d } = chainBiasGradient.sample(seed, params);
    const inst = chainBiasGradient.generate(seed, params);
    const steps = chainBiasGradient.steps(seed, params)!;
    const act = ACT[activation];
    let a = d.x;
    const want: number[] = [];
    d.w.forEach((w, j) => {
      const z = w * a + (d.b[j] as number);
      want.push(j === 0 ? act.fp(z) : w * act.fp(z));
      a = act.f(z);
    });
    want.push(a - d.y);
    const values = trueStepValues(steps);
    expect(values).toHaveLength(d.w.length + 2);
    want.forEach((v, i) => expect(close(values[i] as number, v), `step ${i}: ${values[i]} vs ${v}`).toBe(true));
    // The last step is the answer, exactly (same multiplication order).
    expect(values[values.length - 1]).toBe(inst.expected);
    // Every step typed to 6 digits is right.
    const r = checkSteps(steps, values.map(typed));
    expect(r.firstWrong).toBeNull();
    expect(r.verdicts.every((v) => v.kind === "correct")).toBe(true);
  });

  it("carries an early slip forward: only that step is wrong, and a final answer built on it is right given the steps", () => {
    const params = { activation: "sigmoid", difficulty: 2 };
    const steps = chainBiasGradient.steps(3, params)!;
    const values = trueStepValues(steps);
    const slipped = [...values];
    slipped[1] = (values[1] as number) * 1.5;
    const carried = slipped.slice(0, -2).reduce((p, v) => p * v, 1) * (slipped[slipped.length - 2] as number);
    slipped[slipped.length - 1] = carried;
    const r = checkSteps(steps, slipped.map(typed));
    expect(r.firstWrong).toBe(1);
    expect(r.verdicts.map((v) => v.kind)).toEqual(values.map((_, i) => (i === 1 ? "wrong" : "correct")));
    // The true answer after the slip is accepted too (the slip was fixed).
    const fixed = [...slipped];
    fixed[fixed.length - 1] = values[values.length - 1] as number;
    expect(checkSteps(steps, fixed.map(typed)).verdicts.at(-1)!.kind).toBe("correct");
    // A final value that matches neither is wrong, and the first wrong step is still the slip.
    const both = [...slipped];
    both[both.length - 1] = carried * 3;
    const r2 = checkSteps(steps, both.map(typed));
    expect(r2.firstWrong).toBe(1);
    expect(r2.verdicts.at(-1)!.kind).toBe("wrong");
  });

  it("stops at a step it cannot read, which is not understood rather than wrong", () => {
    const steps = chainBiasGradient.steps(3, { difficulty: 2 })!;
    const values = trueStepValues(steps).map(typed);
    values[0] = "two";
    const r = checkSteps(steps, values);
    expect(r.verdicts).toHaveLength(1);
    expect(r.verdicts[0]!.kind).toBe("not-understood");
    expect(r.firstWrong).toBeNull();
  });

  it("checks only the steps given so far", () => {
    const steps = chainBiasGradient.steps(3, { difficulty: 2 })!;
    const values = trueStepValues(steps).map(typed);
    expect(checkSteps(steps, values.slice(0, 2)).verdicts).toHaveLength(2);
  });
});
