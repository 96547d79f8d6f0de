import { describe, expect, it } from "vitest";
import { checkAnswer, parseAnswer } from "@/lib/engine/answer";
import { SPECS } from "./cases";

/**
 * Hostile input: each must come back quickly as not-understood. Time is only
 * bounded by the per-test timeout (generous, so a slow CI box does not flake);
 * nothing is benchmarked.
 */
const HOSTILE: readonly (readonly [name: string, input: string])[] = [
  ["100k characters", "1".repeat(100_000)],
  ["100k digits with operators", "1+".repeat(50_000)],
  ["10k nested parentheses", `${"(".repeat(10_000)}1${")".repeat(10_000)}`],
  ["unclosed parentheses", "(((((("],
  ["21 nested parentheses", `${"(".repeat(21)}1${")".repeat(21)}`],
  ["190 nested parentheses (within length)", `${"(".repeat(95)}1${")".repeat(95)}`],
  ["many unary minus", `${"-".repeat(150)}1`],
  ["huge exponent literal", "1e999999"],
  ["huge power of ten", "10^999999"],
  ["power tower", "9^9^9^9"],
  ["tall power tower", "2^2^2^2^2"],
  ["long power tower", Array(60).fill("9").join("^")],
  ["nested exp", "exp(exp(exp(exp(10))))"],
  ["NaN-ish", "0/0"],
  ["only operators", "+-*/^".repeat(30)],
  ["many √", `${"√".repeat(150)}2`],
  ["long name", "a".repeat(200)],
  ["control characters", "\u0000\u0001\u0007"],
  ["lone surrogate", "\ud800"],
  ["long mantissa over the cap", `${"9".repeat(150)}e200`],
  ["many superscripts", "2" + "⁹".repeat(150)],
];

describe("hostile input returns quickly as not understood", () => {
  it.each(HOSTILE)("number: %s", (_name, input) => {
    const r = parseAnswer(input, SPECS.number!);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  }, 2_000);

  it.each(HOSTILE)("checkAnswer never calls it wrong: %s", (_name, input) => {
    expect(checkAnswer(input, SPECS.number!, 1).kind).toBe("not-understood");
  }, 2_000);

  it("the same input for the other kinds", () => {
    for (const [, input] of HOSTILE) {
      for (const spec of [SPECS.vector3!, SPECS.choice!, SPECS.boolean!, SPECS.set5!]) {
        const r = parseAnswer(input, spec);
        expect(r.ok).toBe(false);
      }
    }
  }, 5_000);

  it("nesting up to 20 levels is fine, 21 is not", () => {
    expect(parseAnswer(`${"(".repeat(20)}1${")".repeat(20)}`, SPECS.number!).ok).toBe(true);
    const r = parseAnswer(`${"(".repeat(21)}1${")".repeat(21)}`, SPECS.number!);
    expect(r.ok ? "" : r.message).toContain("too deeply nested");
  });

  it("vectors with deep or huge entries", () => {
    expect(parseAnswer(`1, 2, ${"(".repeat(30)}3${")".repeat(30)}`, SPECS.vector3!).ok).toBe(false);
    expect(parseAnswer("1, 2, 9^9^9^9", SPECS.vector3!).ok).toBe(false);
    expect(parseAnswer(",".repeat(199), SPECS.vector3!).ok).toBe(false);
  });

  it("too large and too small say so", () => {
    for (const s of ["1e999999", "10^999999", "9^9^9^9", "2^2^2^2^2", "1e301", "-1e301"]) {
      const r = parseAnswer(s, SPECS.number!);
      expect(r.ok ? "" : r.message).toContain("too large");
    }
  });
});

describe("long but legitimate input", () => {
  it("200 digits is 1e200, which is within the cap", () => {
    const r = parseAnswer("9".repeat(200), SPECS.number!);
    expect(r.ok && r.parsed.value).toBeCloseTo(1e200, -190);
  });
});
