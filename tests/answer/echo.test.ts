import temml from "temml";
import { describe, expect, it } from "vitest";
import { type AnswerSpec, numberTex, parseAnswer } from "@/lib/answer";
import { mathOptions } from "@/lib/content/math-options";
import { NUMBER_CASES, SPECS } from "./cases";

function tex(input: string, spec: AnswerSpec): string {
  const r = parseAnswer(input, spec);
  if (!r.ok) throw new Error(`not understood: ${JSON.stringify(r.reason)}`);
  return r.parsed.tex;
}

/** The echo is drawn by Temml, with the app's options, in the browser and on the server. */
function renders(t: string): void {
  expect(() => temml.renderToString(t, { ...mathOptions, throwOnError: true })).not.toThrow();
}

describe("echo TeX", () => {
  it.each([
    ["1/64", "\\frac{1}{64} = 1.5625 \\times 10^{-2}"],
    ["0.25", "0.25"],
    ["0.0250", "2.50 \\times 10^{-2}"],
    ["-3", "-3"],
    ["+2", "2"],
    ["1.2e-5", "1.2 \\times 10^{-5}"],
    ["1.20×10^-5", "1.20 \\times 10^{-5}"],
    ["-1.2*10^(-5)", "-1.2 \\times 10^{-5}"],
    ["12.5e-3", "1.25 \\times 10^{-2}"],
    ["123456", "1.23456 \\times 10^{5}"],
    ["12345.6", "12345.6"],
    ["0.1", "0.1"],
    ["0.09", "9 \\times 10^{-2}"],
    ["0", "0"],
    ["-0", "0"],
    ["2.50e3", "2500"],
    ["sqrt(2)/2", "\\frac{\\sqrt{2}}{2} \\approx 0.7071068"],
    ["log(2)", "\\ln\\left(2\\right) \\approx 0.6931472"],
    ["e^-2", "e^{-2} \\approx 0.1353353"],
    ["2pi", "2 \\cdot \\pi \\approx 6.283185"],
    ["-2^2", "-2^{2} = -4"],
    ["(-2)^2", "\\left(-2\\right)^{2} = 4"],
    ["2^3^2", "2^{3^{2}} = 512"],
    ["(1/2)^3", "\\left(\\frac{1}{2}\\right)^{3} = 0.125"],
    ["1 - (2 - 3)", "1 - \\left(2 - 3\\right) = 2"],
    ["10^-5", "10^{-5} = 1 \\times 10^{-5}"],
  ] as const)("%s → %s", (input, want) => {
    const t = tex(input, SPECS.number!);
    expect(t).toBe(want);
    renders(t);
  });

  it.each(NUMBER_CASES)("number %s renders with KaTeX", (input) => {
    renders(tex(input, SPECS.number!));
  });

  it("vectors, choice, boolean, sets", () => {
    expect(tex("0.1, -0.2, 1/64", SPECS.vector3!)).toBe("\\left(0.1,\\ -0.2,\\ 1.5625 \\times 10^{-2}\\right)");
    expect(tex("b", SPECS.choice!)).toBe("\\text{B}");
    expect(tex("yes", SPECS.boolean!)).toBe("\\text{yes}");
    expect(tex("no", SPECS.boolean!)).toBe("\\text{no}");
    expect(tex("3, 1", SPECS.set5!)).toBe("\\{1, 3\\}");
    expect(tex("none", SPECS.set5!)).toBe("\\varnothing");
    for (const [input, spec] of [
      ["0.1, -0.2, 1/64", SPECS.vector3!],
      ["(sqrt(2), 2pi, 1.20e-5)", SPECS.vector3!],
      ["b", SPECS.choice!],
      ["yes", SPECS.boolean!],
      ["no", SPECS.boolean!],
      ["3, 1", SPECS.set5!],
      ["none", SPECS.set5!],
    ] as const) {
      renders(tex(input, spec));
    }
  });

  it.each([
    ["是", true, "zh", "\\text{是}"],
    ["对", true, "zh", "\\text{是}"],
    ["對", true, "zh", "\\text{是}"],
    ["正确", true, "zh", "\\text{是}"],
    ["否", false, "zh", "\\text{否}"],
    ["错", false, "zh", "\\text{否}"],
    ["不是", false, "zh", "\\text{否}"],
    ["错误。", false, "zh", "\\text{否}"],
    ["yes", true, "en", "\\text{yes}"],
    ["True", true, "en", "\\text{yes}"],
    ["y", true, "en", "\\text{yes}"],
    ["No.", false, "en", "\\text{no}"],
    ["false", false, "en", "\\text{no}"],
  ] as const)("yes/no typed as %s is echoed in its own language", (input, value, typed, want) => {
    const r = parseAnswer(input, SPECS.boolean!);
    expect(r).toEqual({ ok: true, parsed: { value, tex: want, typed } });
    renders(want);
  });

  it("option strings with TeX specials are escaped", () => {
    const spec: AnswerSpec = { kind: "choice", options: ["A", "$\\x{}&#^_%~"] };
    const t = tex("$\\x{}&#^_%~", spec);
    expect(t).not.toContain("$\\x");
    renders(t);
  });

  it("learner text never reaches the TeX: a hostile-looking input either fails or echoes its value", () => {
    for (const input of ["\\frac{1}{0}", "1}\\href{x}", "$1$", "\\pi", "1 % comment", "{1}", "{{1}}"]) {
      const r = parseAnswer(input, SPECS.number!);
      if (r.ok) {
        expect(r.parsed.tex).not.toContain("href");
        expect(r.parsed.tex).not.toContain("$");
        renders(r.parsed.tex);
      }
    }
  });

  it("numberTex covers the plain/scientific switch and signs", () => {
    for (const x of [0, 1, -1, 0.1, 0.099999, 99999, 100000, 1e-300, -1e300, 1 / 3, Math.PI * 1e-7]) {
      renders(numberTex(x));
    }
    expect(numberTex(0.015625)).toBe("1.5625 \\times 10^{-2}");
    expect(numberTex(-100000)).toBe("-1 \\times 10^{5}");
    expect(numberTex(1 / 3)).toBe("0.3333333");
  });
});
