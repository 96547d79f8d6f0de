import { describe, expect, it } from "vitest";
import { type AnswerSpec, type NotUnderstood, type NumberProblem, parseAnswer, parseNumberExpression } from "@/lib/answer";
import { messages } from "@/lib/i18n/messages";

/**
 * Every reason lib/answer can give for "not understood" is said in every
 * interface language. The examples are keyed by code, so a new code without
 * an example fails tsc here; each example is a real input that the reader
 * turns into that code (nothing is built by hand), and each is said in
 * English and in Chinese.
 */

const NUM: AnswerSpec = { kind: "number" };
const SPEC = {
  number: NUM,
  sigFigs: { kind: "number", sigFigs: 3 },
  vector: { kind: "vector", length: 3 },
  choice: { kind: "choice", options: ["A", "B", "C"] },
  boolean: { kind: "boolean" },
  set: { kind: "set", max: 5 },
} satisfies Record<string, AnswerSpec>;

type Example = readonly [input: string, spec: AnswerSpec];

const REASONS: { [C in NotUnderstood["code"]]: Example } = {
  "too-long": ["1".repeat(201), NUM],
  "vulgar-fraction": ["½", NUM],
  subscript: ["10₋₅", NUM],
  "unsupported-char": ["2ᵉ", NUM],
  "expected-number": ["", NUM],
  "not-a-number": ["1..2", NUM],
  "sig-figs": ["0.025", SPEC.sigFigs],
  "expected-vector": ["()", SPEC.vector],
  "not-a-list": ["(1, 2, 3", SPEC.vector],
  "vector-length": ["1, 2", SPEC.vector],
  "empty-entry": ["1,,3", SPEC.vector],
  "bad-entry": ["1, 1/0, 3", SPEC.vector],
  "expected-choice": ["D", SPEC.choice],
  "expected-boolean": ["maybe", SPEC.boolean],
  "expected-set": ["", SPEC.set],
  "set-item": ["1.5", SPEC.set],
  "set-range": ["6", SPEC.set],
};

/**
 * Number expressions, read by parseNumberExpression (what "not-a-number" and
 * "bad-entry" carry); null for a defensive check no short input reaches (a
 * NaN that the earlier checks let through, a stack overflow).
 */
const PROBLEMS: { [C in NumberProblem["code"]]: string | null } = {
  "misplaced-point": "1..2",
  "unknown-name": "abc",
  "decimal-comma": "0,5",
  unexpected: "*2",
  "spaced-exponent": "2 e-3",
  "too-deep": `${"(".repeat(21)}1${")".repeat(21)}`,
  nothing: "",
  "ambiguous-product": "1/2pi",
  "missing-operator": "2 3",
  "missing-close": "(2",
  mismatched: "(2]",
  "needs-parentheses": "sqrt2",
  incomplete: "2+",
  "not-real": null,
  "too-large": "1e301",
  "too-small": "1e-400",
  "division-by-zero": "1/0",
  "fractional-power": "(-8)^(1/3)",
  "negative-root": "sqrt(-1)",
  "log-domain": "ln(0)",
  "too-complex": null,
};

const en = messages("en").answer.notUnderstood;
const zh = messages("zh").answer.notUnderstood;
const HAN = /\p{Script=Han}/u;

function saidInBoth(r: NotUnderstood): void {
  const e = en(r);
  const z = zh(r);
  expect(e.trim().length, JSON.stringify(r)).toBeGreaterThan(0);
  expect(z.trim().length, JSON.stringify(r)).toBeGreaterThan(0);
  expect(z, JSON.stringify(r)).not.toBe(e);
  expect(z, `zh for ${JSON.stringify(r)}`).toMatch(HAN);
  expect(e, `en for ${JSON.stringify(r)}`).not.toMatch(HAN);
  for (const s of [e, z]) {
    // A parameter read from the wrong field shows as "undefined" or "NaN" ("… is undefined" is the logarithm's own word).
    expect(s.replace("number is undefined", "")).not.toMatch(/undefined|NaN|\[object/);
    expect(s).not.toMatch(/[.。]$/); // the caller ends the sentence
  }
}

describe("every reason for “not understood” has a sentence in English and in Chinese", () => {
  it.each(Object.entries(REASONS))("%s", (code, [input, spec]) => {
    const r = parseAnswer(input, spec);
    if (r.ok) throw new Error(`${JSON.stringify(input)} was understood`);
    expect(r.reason.code).toBe(code);
    saidInBoth(r.reason);
  });

  it.each(Object.entries(PROBLEMS).filter((e): e is [string, string] => e[1] !== null))("number problem %s", (code, text) => {
    const p = parseNumberExpression(text);
    if (p.ok) throw new Error(`${JSON.stringify(text)} was read as ${p.number.value}`);
    expect(p.problem.code).toBe(code);
    saidInBoth({ code: "not-a-number", input: text, problem: p.problem });
    saidInBoth({ code: "bad-entry", entry: 2, input: text, problem: p.problem });
  });

  it.each(Object.entries(PROBLEMS).filter(([, text]) => text === null))("number problem %s (no input reaches it)", (code) => {
    saidInBoth({ code: "not-a-number", input: "x", problem: { code } as NumberProblem });
  });

  it("the problems a list can have are said inside the list's sentence", () => {
    for (const input of ["(1, 2, 3", "1, 2, 3)", "(1, 2, 3]", `${"(".repeat(21)}1, 2, 3${")".repeat(21)}`]) {
      const r = parseAnswer(input, SPEC.vector);
      expect(r.ok ? null : r.reason.code).toBe("not-a-list");
      if (!r.ok) saidInBoth(r.reason);
    }
  });

  it("the sentences quote what was typed and carry the numbers", () => {
    const r = parseAnswer("0.025", SPEC.sigFigs);
    if (r.ok) throw new Error("understood");
    expect(en(r.reason)).toBe("give at least 3 significant figures (“0.025” has 2)");
    expect(zh(r.reason)).toContain("“0.025”");
    expect(zh(r.reason)).toContain("3");
    expect(zh(r.reason)).toContain("2");
    const v = parseAnswer("1, 2", SPEC.vector);
    if (v.ok) throw new Error("understood");
    expect(zh(v.reason)).toMatch(/3.*2/);
  });
});
