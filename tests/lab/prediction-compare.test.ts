import { describe, expect, it } from "vitest";
import { comparePrediction } from "@/lib/exercises/generators/lab-predict/compare";
import { labPredict } from "@/lib/exercises/generators/lab-predict";
import { type Drawn, type Question, QUESTIONS, type Solution } from "@/lib/exercises/generators/lab-predict/model";
import { formatMeasured, gapText } from "@/components/lab/prediction-text";
import { en, zh } from "@/lib/i18n/messages/lab";

/**
 * The guess beside the measurement: made-up measurements (no lab run), the
 * option ranges and the distances pinned here by value.
 */
const LOG5 = ["a", "b", "c", "d", "e"];
function setup(question: Question, measured: number[], right: number, options: string[], settings: Drawn["settings"] = {}): [Drawn, Solution] {
  const d: Drawn = { question, exp: "depth", settings, focus: "" };
  const s: Solution = { answer: { kind: "choice", options: options.map((_, i) => String.fromCharCode(65 + i)) }, expected: "", expectedTex: "", options, right, measured };
  return [d, s];
}

describe("comparePrediction", () => {
  it("ratio-init: a ratio of 37 (range 10–100) is a factor 3.7 above 2–10 and 2.7 below > 100", () => {
    const [d, s] = setup("ratio-init", [0.01, 0.05, 0.37], 2, ["<2", "2-10", "10-100", ">100"], { hidden: 3 });
    const right = comparePrediction(d, s, 2);
    expect(right.measuredValue).toBeCloseTo(37, 9);
    expect(right.measuredTex).toContain("= 37");
    expect(right.guess).toEqual({ index: 2, letter: "C", optionTex: "10-100" });
    expect(right.gap).toBeNull();
    expect(comparePrediction(d, s, 1).gap).toEqual({ kind: "factor", side: "above", value: expect.closeTo(3.7, 9), unit: "ratio" });
    expect(comparePrediction(d, s, 0).gap).toMatchObject({ kind: "factor", side: "above", value: expect.closeTo(18.5, 9) });
    expect(comparePrediction(d, s, 3).gap).toMatchObject({ kind: "factor", side: "below", value: expect.closeTo(100 / 37, 9) });
  });

  it("log₁₀ questions: a difference in decades from the guessed range", () => {
    // log10(1 / 0.01) = 2, inside "1 to 3" (index 3).
    const [d, s] = setup("init-spread", [1, 0.01], 3, LOG5);
    expect(comparePrediction(d, s, 3).measuredValue).toBeCloseTo(2, 12);
    expect(comparePrediction(d, s, 0).gap).toEqual({ kind: "difference", side: "above", value: expect.closeTo(5, 12), unit: "log10" });
    expect(comparePrediction(d, s, 2).gap).toMatchObject({ side: "above", value: expect.closeTo(1, 12) });
    expect(comparePrediction(d, s, 4).gap).toMatchObject({ side: "below", value: expect.closeTo(1, 12) });
    // σ_max = 10⁻⁴: log10 = −4, in "< −3"; guessed "−1 to 1", it is 3 decades below.
    const [dj, sj] = setup("jacobian-top", [1e-4], 0, LOG5);
    expect(comparePrediction(dj, sj, 2)).toMatchObject({ measuredValue: expect.closeTo(-4, 12), gap: { kind: "difference", side: "below", value: expect.closeTo(3, 12) } });
  });

  it("rnn-scale: the first scale past 100, a difference in scale; no number against 'never'", () => {
    // The lab's sweep is 0.1, 0.15, …, 4; the norm passes 100 from scale 1.8 (index 34).
    const sweep = Array.from({ length: 79 }, (_, i) => Math.round((0.1 + 0.05 * i) * 100) / 100);
    const m = sweep.map((sc) => (sc >= 1.8 ? 500 : 3));
    const [d, s] = setup("rnn-scale", m, 2, LOG5);
    const c = comparePrediction(d, s, 0);
    expect(c.measuredValue).toBe(1.8);
    expect(c.gap).toEqual({ kind: "difference", side: "above", value: expect.closeTo(0.8, 12), unit: "scale" });
    expect(comparePrediction(d, s, 3).gap).toMatchObject({ side: "below", value: expect.closeTo(0.7, 12) });
    expect(comparePrediction(d, s, 4).gap).toBeNull();
    const [dn, sn] = setup("rnn-scale", sweep.map(() => 7), 4, LOG5);
    expect(comparePrediction(dn, sn, 1)).toMatchObject({ measuredValue: null, gap: null });
    expect(comparePrediction(dn, sn, 1).measuredTex).toContain("7");
  });

  it("window-width: width 0.3 against 'no window', '> 0.4'; no distance from zero width to (0, 0.2]", () => {
    const [d, s] = setup("window-width", [0.3], 2, ["0", "0-0.2", "0.2-0.4", ">0.4"]);
    expect(comparePrediction(d, s, 0).gap).toEqual({ kind: "difference", side: "above", value: expect.closeTo(0.3, 12), unit: "width" });
    expect(comparePrediction(d, s, 1).gap).toMatchObject({ side: "above", value: expect.closeTo(0.1, 12) });
    expect(comparePrediction(d, s, 3).gap).toMatchObject({ side: "below", value: expect.closeTo(0.1, 12) });
    const [d0, s0] = setup("window-width", [0], 0, ["0", "0-0.2", "0.2-0.4", ">0.4"]);
    expect(comparePrediction(d0, s0, 1).gap).toBeNull();
  });

  it("named options: the guessed layer against the slowest, the guessed activation against the largest", () => {
    const [d, s] = setup("slowest-trained", [0.001, 0.004, 0.01], 0, ["l = 1", "l = 2", "l = 3"]);
    expect(comparePrediction(d, s, 2)).toMatchObject({ measuredValue: 0.001, gap: { kind: "slower", value: expect.closeTo(10, 9) } });
    const [da, sa] = setup("activations-compare", [10, 2, 1, 1.1], 0, ["s", "t", "r", "l"], { hidden: 3 });
    expect(comparePrediction(da, sa, 2)).toMatchObject({ measuredValue: 10, gap: { kind: "larger", value: expect.closeTo(10, 9) } });
  });

  it("no accepted guess, or an index out of range: no guess and no distance", () => {
    const [d, s] = setup("ratio-init", [0.01, 0.37], 2, ["<2", "2-10", "10-100", ">100"], { hidden: 1 });
    for (const g of [null, -1, 4, 1.5]) expect(comparePrediction(d, s, g)).toMatchObject({ guess: null, gap: null, right: { letter: "C" } });
  });
});

describe("the comparison in words", () => {
  it("formats measured numbers to 3 significant digits, powers of ten outside [10⁻³, 10⁵)", () => {
    expect(formatMeasured(0.43129)).toBe("0.431");
    expect(formatMeasured(37)).toBe("37");
    expect(formatMeasured(-2.345)).toBe("−2.35");
    expect(formatMeasured(1.234e-6)).toBe("1.23 × 10⁻⁶");
    expect(formatMeasured(5.6e12)).toBe("5.6 × 10¹²");
    expect(formatMeasured(0)).toBe("0");
  });

  it("says how far apart in both languages, with the unit", () => {
    const gap = { kind: "difference", side: "below", value: 0.1234, unit: "log10" } as const;
    expect(gapText(gap, en.lab.predict)).toBe("0.123 decades (log₁₀) below the bottom of your range");
    expect(gapText(gap, zh.lab.predict)).toBe("比你区间的下限低 0.123（以 log₁₀ 计，即数量级）");
    expect(gapText({ kind: "factor", side: "above", value: 3.7, unit: "ratio" }, en.lab.predict)).toBe("a factor of 3.7 above the top of your range");
    expect(gapText({ kind: "slower", value: 10 }, zh.lab.predict)).toContain("10 倍");
  });
});

describe("comparePrediction on real lab draws", () => {
  // Options are ordered ranges (or named, for two questions): a guess before the right one lies below the measurement, one after it above.
  it.each(QUESTIONS.map((q) => [q]))("%s: a finite measurement, no gap for the right guess, gaps on the right side for the others", (question) => {
    const { d, s } = labPredict.sample(1, { difficulty: 1, question });
    for (let g = 0; g < s.options.length; g++) {
      const c = comparePrediction(d, s, g);
      expect(c.right.index).toBe(s.right);
      if (c.measuredValue !== null) expect(Number.isFinite(c.measuredValue)).toBe(true);
      if (g === s.right) {
        expect(c.gap).toBeNull();
        continue;
      }
      if (!c.gap) continue;
      if (c.gap.kind === "factor" || c.gap.kind === "difference") expect(c.gap.side).toBe(g < s.right ? "above" : "below");
      else expect(c.gap.value).toBeGreaterThan(1);
      expect(c.gap.value).toBeGreaterThan(0);
    }
  }, 60_000);
});
