import { describe, expect, it } from "vitest";
import {
  acceptanceHalfWidth,
  type AnswerSpec,
  checkAnswer,
  distinguishable,
  type MistakeValue,
  valuesMatch,
} from "@/lib/answer";

const NUM: AnswerSpec = { kind: "number" };

describe("valuesMatch: numbers, relative 0.5 % by default", () => {
  it.each([
    [1.005, 1, true],
    [0.995, 1, true],
    [1.0051, 1, false],
    [0.9949, 1, false],
    [201, 200, true],
    [199, 200, true],
    [201.01, 200, false],
    [198.99, 200, false],
    [-1.005, -1, true],
    [-0.9949, -1, false],
    [1, -1, false],
    [1.0049e-7, 1e-7, true],
    [1.0051e-7, 1e-7, false],
    [3.0149e-7, 3e-7, true],
  ] as const)("%s vs expected %s → %s", (given, expected, ok) => {
    expect(valuesMatch(given, expected, NUM)).toBe(ok);
  });

  it("honours a custom relative tolerance", () => {
    const spec: AnswerSpec = { kind: "number", tolerance: { rel: 0.01 } };
    expect(valuesMatch(1.0099, 1, spec)).toBe(true);
    expect(valuesMatch(1.0101, 1, spec)).toBe(false);
  });

  it("uses the absolute floor only when the expected value is exactly 0", () => {
    expect(valuesMatch(0, 0, NUM)).toBe(true);
    expect(valuesMatch(1e-9, 0, NUM)).toBe(true);
    expect(valuesMatch(-1e-9, 0, NUM)).toBe(true);
    expect(valuesMatch(1.1e-9, 0, NUM)).toBe(false);
    expect(valuesMatch(1e-6, 0, { kind: "number", tolerance: { abs: 1e-6 } })).toBe(true);
    expect(valuesMatch(2e-6, 0, { kind: "number", tolerance: { abs: 1e-6 } })).toBe(false);
  });

  it("a vanishing gradient of 3e-7 answered with 0 is wrong", () => {
    expect(valuesMatch(0, 3e-7, NUM)).toBe(false);
    expect(valuesMatch(0, 1e-12, NUM)).toBe(false);
    expect(checkAnswer("0", NUM, 3e-7)).toMatchObject({ kind: "wrong" });
    expect(checkAnswer("3e-7", NUM, 3e-7)).toMatchObject({ kind: "correct" });
    expect(checkAnswer("3.01e-7", NUM, 3e-7)).toMatchObject({ kind: "correct" });
  });

  it("never matches non-finite or non-number values", () => {
    expect(valuesMatch(Number.NaN, 1, NUM)).toBe(false);
    expect(valuesMatch(1, Number.NaN, NUM)).toBe(false);
    expect(valuesMatch(Infinity, Infinity, NUM)).toBe(false);
    expect(valuesMatch([1], 1, NUM)).toBe(false);
    expect(valuesMatch("1", 1, NUM)).toBe(false);
  });
});

describe("valuesMatch: sigFigs", () => {
  const spec: AnswerSpec = { kind: "number", sigFigs: 2 };

  it("widens the tolerance to half a unit in the n-th significant digit", () => {
    // expected 0.0253, 2 s.f.: half unit = 0.0005 → accept [0.0248, 0.0258]
    expect(acceptanceHalfWidth(0.0253, spec)).toBeCloseTo(0.0005, 15);
    expect(valuesMatch(0.025, 0.0253, spec)).toBe(true);
    expect(valuesMatch(0.0258, 0.0253, spec)).toBe(true);
    expect(valuesMatch(0.026, 0.0253, spec)).toBe(false);
    expect(valuesMatch(0.0247, 0.0253, spec)).toBe(false);
  });

  it("keeps the relative tolerance when it is wider", () => {
    const many: AnswerSpec = { kind: "number", sigFigs: 6 };
    expect(acceptanceHalfWidth(2, many)).toBeCloseTo(0.01, 15);
    expect(valuesMatch(2.0099, 2, many)).toBe(true);
  });

  it("too few significant figures is not understood (costs nothing), enough is judged", () => {
    const s3: AnswerSpec = { kind: "number", sigFigs: 3 };
    expect(checkAnswer("0.025", s3, 0.0253)).toEqual({
      kind: "not-understood",
      reason: { code: "sig-figs", input: "0.025", needed: 3, got: 2 },
    });
    expect(checkAnswer("0.0253", s3, 0.02534)).toMatchObject({ kind: "correct" });
    expect(checkAnswer("0.0250", s3, 0.0253)).toMatchObject({ kind: "wrong" });
    expect(checkAnswer("2.53e-2", s3, 0.02534)).toMatchObject({ kind: "correct" });
    expect(checkAnswer("2.53×10^-2", s3, 0.02534)).toMatchObject({ kind: "correct" });
    // arithmetic is exact, so it always carries enough figures
    expect(checkAnswer("1/64", s3, 0.015625)).toMatchObject({ kind: "correct" });
  });

  it("accepts an answer rounded half-way at the n-th digit", () => {
    const s3: AnswerSpec = { kind: "number", sigFigs: 3 };
    // 1.235 rounds to 1.24 (or 1.23): both within half a unit of the true value
    expect(checkAnswer("1.24", s3, 1.235)).toMatchObject({ kind: "correct" });
    expect(checkAnswer("1.23", s3, 1.235)).toMatchObject({ kind: "correct" });
  });
});

describe("valuesMatch: vectors, choice, boolean, set", () => {
  const V: AnswerSpec = { kind: "vector", length: 3 };
  it("vectors entry by entry with the same rule", () => {
    expect(valuesMatch([1.004, -2.009, 0], [1, -2, 0], V)).toBe(true);
    expect(valuesMatch([1.006, -2, 0], [1, -2, 0], V)).toBe(false);
    expect(valuesMatch([1, -2, 1e-8], [1, -2, 0], V)).toBe(false);
    expect(valuesMatch([1, -2, 0], [1, -2, 3e-7], V)).toBe(false);
    expect(valuesMatch([1, -2], [1, -2, 0], V)).toBe(false);
    expect(valuesMatch(1, [1], { kind: "vector", length: 1 })).toBe(false);
  });

  it("choice is exact, case-insensitive", () => {
    const C: AnswerSpec = { kind: "choice", options: ["A", "B"] };
    expect(valuesMatch("B", "B", C)).toBe(true);
    expect(valuesMatch("b", "B", C)).toBe(true);
    expect(valuesMatch("A", "B", C)).toBe(false);
  });

  it("boolean is exact", () => {
    const B: AnswerSpec = { kind: "boolean" };
    expect(valuesMatch(true, true, B)).toBe(true);
    expect(valuesMatch(false, true, B)).toBe(false);
    expect(valuesMatch(1, true, B)).toBe(false);
  });

  it("set compares as sets", () => {
    const S: AnswerSpec = { kind: "set", max: 5 };
    expect(valuesMatch([1, 3], [1, 3], S)).toBe(true);
    expect(valuesMatch([3, 1], [1, 3], S)).toBe(true);
    expect(valuesMatch([], [], S)).toBe(true);
    expect(valuesMatch([1], [1, 3], S)).toBe(false);
    expect(valuesMatch([1, 3, 4], [1, 3], S)).toBe(false);
  });
});

describe("checkAnswer", () => {
  const mistakes: MistakeValue[] = [
    { id: "forgot-square", value: 0.25 },
    { id: "sign", value: -0.0625 },
    { id: "also-sign", value: -0.0625 },
  ];

  it("correct, with the parsed value and echo", () => {
    const v = checkAnswer("1/16", NUM, 0.0625, mistakes);
    expect(v).toEqual({ kind: "correct", parsed: { value: 0.0625, tex: "\\frac{1}{16} = 6.25 \\times 10^{-2}" } });
  });

  it("wrong with the first matching mistake", () => {
    expect(checkAnswer("0.25", NUM, 0.0625, mistakes)).toMatchObject({ kind: "wrong", mistakeId: "forgot-square" });
    expect(checkAnswer("0.2505", NUM, 0.0625, mistakes)).toMatchObject({ kind: "wrong", mistakeId: "forgot-square" });
    expect(checkAnswer("-1/16", NUM, 0.0625, mistakes)).toMatchObject({ kind: "wrong", mistakeId: "sign" });
  });

  it("wrong without a mistake id when none matches", () => {
    const v = checkAnswer("0.5", NUM, 0.0625, mistakes);
    expect(v).toEqual({ kind: "wrong", parsed: { value: 0.5, tex: "0.5" } });
    expect(checkAnswer("0.5", NUM, 0.0625)).toEqual({ kind: "wrong", parsed: { value: 0.5, tex: "0.5" } });
  });

  it("not understood is never wrong", () => {
    expect(checkAnswer("0.0625.", NUM, 0.0625, mistakes)).toMatchObject({ kind: "not-understood" });
    expect(checkAnswer("", NUM, 0.0625, mistakes)).toEqual({ kind: "not-understood", reason: { code: "expected-number" } });
  });

  it("vector, choice, boolean and set mistakes", () => {
    const V: AnswerSpec = { kind: "vector", length: 2 };
    expect(checkAnswer("(0.6, 0.8)", V, [0.6, 0.8], [{ id: "x", value: [3, 4] }])).toMatchObject({ kind: "correct" });
    expect(checkAnswer("3, 4", V, [0.6, 0.8], [{ id: "unclipped", value: [3, 4] }])).toMatchObject({ kind: "wrong", mistakeId: "unclipped" });
    const C: AnswerSpec = { kind: "choice", options: ["A", "B", "C"] };
    expect(checkAnswer("c.", C, "B", [{ id: "exploding", value: "C" }])).toMatchObject({ kind: "wrong", mistakeId: "exploding" });
    expect(checkAnswer("b", C, "B")).toMatchObject({ kind: "correct", parsed: { value: "B", tex: "\\text{B}" } });
    expect(checkAnswer("否", { kind: "boolean" }, true, [{ id: "no", value: false }])).toMatchObject({ kind: "wrong", mistakeId: "no" });
    const S: AnswerSpec = { kind: "set", max: 4 };
    expect(checkAnswer("3, 1", S, [1, 3])).toMatchObject({ kind: "correct" });
    expect(checkAnswer("none", S, [1, 3], [{ id: "empty", value: [] }])).toMatchObject({ kind: "wrong", mistakeId: "empty" });
  });
});

describe("distinguishable", () => {
  it("numbers: acceptance intervals widened 2× must not overlap", () => {
    // w(1) = 0.005, w(1.03) = 0.00515 → need |a − b| > 2 · 0.01015 = 0.0203
    expect(distinguishable(1, 1.03, NUM)).toBe(true);
    expect(distinguishable(1, 1.02, NUM)).toBe(false);
    expect(distinguishable(1, 1.01, NUM)).toBe(false);
    expect(distinguishable(1, 1, NUM)).toBe(false);
    expect(distinguishable(1, -1, NUM)).toBe(true);
    // margin 1 is plain non-overlap
    expect(distinguishable(1, 1.0101, NUM, 1)).toBe(true);
    expect(distinguishable(1, 1.0099, NUM, 1)).toBe(false);
  });

  it("is symmetric", () => {
    for (const [a, b] of [[1, 1.02], [1, 1.03], [0, 1e-9], [0, 1e-8], [-3, 3]] as const) {
      expect(distinguishable(a, b, NUM)).toBe(distinguishable(b, a, NUM));
    }
  });

  it("when distinguishable, no input is accepted as both (a learner rounding to 4 digits gets one verdict)", () => {
    const pairs: [number, number][] = [[1, 1.03], [0.0625, 0.25], [3e-7, 0], [1e-3, 1.05e-3]];
    for (const [a, b] of pairs) {
      expect(distinguishable(a, b, NUM)).toBe(true);
      for (const x of [a, b]) {
        const rounded = x === 0 ? "0" : x.toPrecision(4);
        const va = checkAnswer(rounded, NUM, a, [{ id: "b", value: b }]);
        expect(va.kind === "correct" ? x === a : va.kind === "wrong" && (x === b) === (va.mistakeId === "b")).toBe(true);
      }
    }
  });

  it("zero uses the absolute floor", () => {
    expect(distinguishable(0, 3e-7, NUM)).toBe(true);
    expect(distinguishable(0, 1e-9, NUM)).toBe(false);
    expect(distinguishable(0, 1e-12, NUM)).toBe(false);
  });

  it("sigFigs widen the intervals", () => {
    const s2: AnswerSpec = { kind: "number", sigFigs: 2 };
    expect(distinguishable(0.0253, 0.0263, NUM)).toBe(true);
    expect(distinguishable(0.0253, 0.0263, s2)).toBe(false);
  });

  it("vectors: some entry distinguishable, or lengths differ", () => {
    const V: AnswerSpec = { kind: "vector", length: 2 };
    expect(distinguishable([1, 2], [1, 2.1], V)).toBe(true);
    expect(distinguishable([1, 2], [1.001, 2.001], V)).toBe(false);
    expect(distinguishable([1, 2], [1, 2, 3], V)).toBe(true);
  });

  it("exact kinds", () => {
    expect(distinguishable("A", "B", { kind: "choice", options: ["A", "B"] })).toBe(true);
    expect(distinguishable("a", "A", { kind: "choice", options: ["A", "B"] })).toBe(false);
    expect(distinguishable(true, false, { kind: "boolean" })).toBe(true);
    expect(distinguishable(true, true, { kind: "boolean" })).toBe(false);
    expect(distinguishable([3, 1], [1, 3], { kind: "set", max: 3 })).toBe(false);
    expect(distinguishable([1], [1, 3], { kind: "set", max: 3 })).toBe(true);
    expect(distinguishable([], [], { kind: "set", max: 3 })).toBe(false);
  });

  it("every non-distinguishable pair has an input accepted as both (spot check)", () => {
    const a = 1;
    const b = 1.009; // intervals [0.995, 1.005] and [1.003955, 1.014045] overlap
    expect(distinguishable(a, b, NUM, 1)).toBe(false);
    expect(valuesMatch(1.004, a, NUM) && valuesMatch(1.004, b, NUM)).toBe(true);
  });
});
