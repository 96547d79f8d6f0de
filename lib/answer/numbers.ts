import { digitsTex, exprTex, numberTex, shownExactly } from "./echo";
import { evaluate, Fail, lex, literalValue, type Node, noUnderflow, Parser } from "./expressions";
import { shown } from "./normalise";
import type { NotUnderstood, NumberProblem } from "./types";

/**
 * One number as the learner typed it: a plain literal (whose significant
 * figures count) or arithmetic (an exact value), with its TeX echo.
 */

interface TypedLiteral {
  negative: boolean;
  digits: string;
  k: number;
  value: number;
}

function signedIntegerLiteral(n: Node): number | null {
  let sign = 1;
  let m = n;
  if (m.t === "neg" || m.t === "pos") {
    sign = m.t === "neg" ? -1 : 1;
    m = m.a;
  }
  if (m.t !== "num" || !m.lit.isInteger) return null;
  return sign * m.lit.value;
}

/**
 * The input as a single typed number, when it is one: `0.0250`, `-1.2e-5`,
 * `+3`, `(0.5)`, or mantissa × 10^integer (`1.2×10^-5`, `-1.2*10^(-5)`).
 * Anything else is arithmetic.
 */
function asTypedLiteral(n: Node): TypedLiteral | null {
  let negative = false;
  let m = n;
  if (m.t === "neg" || m.t === "pos") {
    negative = m.t === "neg";
    m = m.a;
  }
  if (m.t === "num") {
    const v = literalValue(m.lit);
    return { negative, digits: m.lit.digits, k: m.lit.k, value: negative ? -v : v };
  }
  if (m.t !== "mul" || m.b.t !== "pow") return null;
  let mant = m.a;
  if (mant.t === "neg" || mant.t === "pos") {
    if (m !== n) return null; // a sign both outside and on the mantissa: arithmetic
    negative = mant.t === "neg";
    mant = mant.a;
  }
  const base = m.b.a;
  if (mant.t !== "num" || mant.lit.hasExp || base.t !== "num" || !base.lit.isInteger || base.lit.value !== 10) return null;
  const e = signedIntegerLiteral(m.b.b);
  if (e === null || !Number.isFinite(e)) return null;
  if (mant.lit.digits === "") return { negative, digits: "", k: 0, value: 0 };
  // Range first: `${e}` of an exponent like 1e21 is "1e+21", and "1.0e1e+21" is NaN.
  const k = mant.lit.k + e;
  if (k > 400) throw new Fail({ code: "too-large" });
  if (k < -400) throw new Fail({ code: "too-small" });
  const v = noUnderflow(Number(`${mant.lit.text}e${e}`), true);
  return { negative, digits: mant.lit.digits, k, value: negative ? -v : v };
}

export interface ParsedNumber {
  value: number;
  /** TeX echo: the typed number, or `expression = value` / `expression \approx value` for arithmetic. */
  tex: string;
  /** TeX of the value alone (what a vector entry shows). */
  valueTex: string;
  /** Significant figures typed; Infinity for arithmetic or a typed zero (exact values). */
  sigFigs: number;
  /** True when the input was a single typed number (possibly in scientific notation). */
  literal: boolean;
}

export type NumberParse = { ok: true; number: ParsedNumber } | { ok: false; problem: NumberProblem };

/**
 * Reads one number expression from normalised text. Never throws; the
 * failure carries its problem (`{ code: "too-large" }`).
 */
export function parseNumberExpression(text: string): NumberParse {
  try {
    const tree = new Parser(lex(text)).parseAll();
    const lit = asTypedLiteral(tree);
    if (lit) {
      const tex = digitsTex(lit.negative && lit.value !== 0, lit.digits, lit.k);
      return {
        ok: true,
        number: { value: lit.value === 0 ? 0 : lit.value, tex, valueTex: tex, sigFigs: lit.digits === "" ? Infinity : lit.digits.length, literal: true },
      };
    }
    const value = evaluate(tree);
    const valueTex = numberTex(value);
    const tex = `${exprTex(tree).tex} ${shownExactly(value) ? "=" : "\\approx"} ${valueTex}`;
    return { ok: true, number: { value: value === 0 ? 0 : value, tex, valueTex, sigFigs: Infinity, literal: false } };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    if (e instanceof RangeError) return { ok: false, problem: { code: "too-complex" } };
    throw e;
  }
}

/** The reason for text that is not one number. */
export function notANumber(text: string, problem: NumberProblem): NotUnderstood {
  return { code: "not-a-number", input: shown(text), problem };
}
