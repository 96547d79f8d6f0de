import { MAX_MAGNITUDE, MAX_NESTING, MIN_MAGNITUDE } from "./limits";
import { shown } from "./normalise";
import type { NumberProblem } from "./types";

/**
 * Number expressions: a hand-written lexer, a recursive-descent parser and a
 * bounded evaluator (no eval, no Function, no backtracking regular
 * expressions). The accepted syntax is described in parse.ts.
 */

// ---------------------------------------------------------------------------
// Number expressions: lexer

/** A number literal as typed: its significant digits and the power of ten of the first one. */
export interface Literal {
  /** Digits from the first non-zero one, trailing zeros kept; "" for zero. */
  digits: string;
  /** Power of ten of the first significant digit (0 for zero). */
  k: number;
  /** Canonical ASCII text for Number(): `int.frac` or `int.fracE±exp`. */
  text: string;
  value: number;
  /** Written with e/E notation. */
  hasExp: boolean;
  /** No decimal point and no exponent. */
  isInteger: boolean;
}

type Op = "+" | "-" | "*" | "/" | "^";
export type Open = "(" | "[" | "{";
type Close = ")" | "]" | "}";
type Const = "pi" | "e";
type Fn = "sqrt" | "exp" | "ln";

type Tok =
  | { k: "num"; lit: Literal }
  | { k: "const"; name: Const; shown: string }
  | { k: "fn"; name: Fn; shown: string }
  | { k: "op"; op: Op; shown: string }
  | { k: "open"; ch: Open }
  | { k: "close"; ch: Close }
  | { k: "sqrt" }
  | { k: "end" };

/** Thrown inside the lexer, parser and evaluator; parseNumberExpression turns it into its problem. */
export class Fail extends Error {
  constructor(readonly problem: NumberProblem) {
    super(problem.code);
  }
}

const NAMES: ReadonlyMap<string, { k: "const"; name: Const } | { k: "fn"; name: Fn }> = new Map([
  ["pi", { k: "const", name: "pi" }],
  ["e", { k: "const", name: "e" }],
  ["sqrt", { k: "fn", name: "sqrt" }],
  ["exp", { k: "fn", name: "exp" }],
  ["ln", { k: "fn", name: "ln" }],
  ["log", { k: "fn", name: "ln" }],
] as const);

export const CLOSE_OF: Readonly<Record<Open, Close>> = { "(": ")", "[": "]", "{": "}" };

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
}

function lexNumber(s: string, start: number): { lit: Literal; end: number } {
  let i = start;
  let intPart = "";
  let fracPart = "";
  let hasPoint = false;
  while (isDigit(s[i])) intPart += s[i++];
  if (s[i] === ".") {
    hasPoint = true;
    i++;
    while (isDigit(s[i])) fracPart += s[i++];
  }
  if (intPart === "" && fracPart === "") throw new Fail({ code: "misplaced-point" });
  let expText = "";
  if ((s[i] === "e" || s[i] === "E") && (isDigit(s[i + 1]) || ((s[i + 1] === "+" || s[i + 1] === "-") && isDigit(s[i + 2])))) {
    i++;
    if (s[i] === "+" || s[i] === "-") expText += s[i++];
    while (isDigit(s[i])) expText += s[i++];
  }
  if (s[i] === ".") throw new Fail({ code: "misplaced-point" });
  const all = intPart + fracPart;
  let first = 0;
  while (first < all.length && all[first] === "0") first++;
  const digits = all.slice(first);
  const exp = expText === "" ? 0 : Number(expText);
  const k = digits === "" ? 0 : intPart.length - 1 - first + exp;
  const text = `${intPart || "0"}.${fracPart || "0"}${expText ? `e${expText}` : ""}`;
  return {
    lit: { digits, k, text, value: Number(text), hasExp: expText !== "", isInteger: !hasPoint && expText === "" },
    end: i,
  };
}

export function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " ") {
      i++;
    } else if (isDigit(c) || c === ".") {
      const { lit, end } = lexNumber(s, i);
      toks.push({ k: "num", lit });
      i = end;
    } else if (isLetter(c)) {
      let j = i;
      while (isLetter(s[j])) j++;
      const word = s.slice(i, j);
      i = j;
      if (word === "x" || word === "X") {
        toks.push({ k: "op", op: "*", shown: word });
        continue;
      }
      const known = NAMES.get(word.toLowerCase());
      if (!known) throw new Fail({ code: "unknown-name", name: shown(word, 20) });
      toks.push({ ...known, shown: word });
    } else if (c === "π") {
      toks.push({ k: "const", name: "pi", shown: "π" });
      i++;
    } else if (c === "√") {
      toks.push({ k: "sqrt" });
      i++;
    } else if (c === "+" || c === "-" || c === "*" || c === "/" || c === "^") {
      toks.push({ k: "op", op: c, shown: c });
      i++;
    } else if (c === "(" || c === "[" || c === "{") {
      toks.push({ k: "open", ch: c });
      i++;
    } else if (c === ")" || c === "]" || c === "}") {
      toks.push({ k: "close", ch: c });
      i++;
    } else if (c === "," || c === ";") {
      throw new Fail({ code: "decimal-comma" });
    } else {
      throw new Fail({ code: "unexpected", token: shown(String.fromCodePoint(s.codePointAt(i)!)) });
    }
  }
  toks.push({ k: "end" });
  rejectSpacedExponent(toks);
  return toks;
}

/**
 * `2 e-3`, `2e -3`, `1.5 E-5`: a number, the constant e, a sign and a number.
 * Without spaces the lexer reads `2e-3` as 2×10⁻³; with them it would be
 * 2·e − 3 ≈ 2.44, almost surely not what was meant, so neither is guessed.
 * (`2e`, `2*e - 3` and `2 e^-3` stay as written.)
 */
function rejectSpacedExponent(toks: readonly Tok[]): void {
  for (let i = 1; i + 2 < toks.length; i++) {
    const prev = toks[i - 1]!;
    const t = toks[i]!;
    const sign = toks[i + 1]!;
    const after = toks[i + 2]!;
    if (
      t.k === "const" &&
      t.name === "e" &&
      (prev.k === "num" || prev.k === "close") &&
      sign.k === "op" &&
      (sign.op === "+" || sign.op === "-") &&
      after.k === "num"
    ) {
      throw new Fail({ code: "spaced-exponent", letter: t.shown });
    }
  }
}

// ---------------------------------------------------------------------------
// Number expressions: parser

export type Node =
  | { t: "num"; lit: Literal }
  | { t: "const"; name: Const }
  | { t: "neg" | "pos"; a: Node }
  | { t: "add" | "sub" | "mul" | "div" | "pow"; a: Node; b: Node }
  | { t: "fn"; name: Fn; a: Node };

/** The problem of a token that cannot stand where it is. */
function unexpected(t: Tok): NumberProblem {
  switch (t.k) {
    case "num":
      return { code: "missing-operator" };
    case "const":
    case "fn":
    case "op":
      return { code: "unexpected", token: shown(t.shown) };
    case "open":
    case "close":
      return { code: "unexpected", token: t.ch };
    case "sqrt":
      return { code: "unexpected", token: "√" };
    case "end":
      return { code: "incomplete" };
  }
}

export class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly toks: readonly Tok[]) {}

  private peek(): Tok {
    return this.toks[this.pos]!;
  }
  private next(): Tok {
    return this.toks[this.pos++]!;
  }
  private enter(): void {
    if (++this.depth > MAX_NESTING) throw new Fail({ code: "too-deep", max: MAX_NESTING });
  }
  private leave(): void {
    this.depth--;
  }

  parseAll(): Node {
    if (this.peek().k === "end") throw new Fail({ code: "nothing" });
    const n = this.parseExpr();
    const t = this.peek();
    if (t.k !== "end") throw new Fail(unexpected(t));
    return n;
  }

  private parseExpr(): Node {
    let a = this.parseTerm();
    for (;;) {
      const t = this.peek();
      if (t.k === "op" && (t.op === "+" || t.op === "-")) {
        this.next();
        a = { t: t.op === "+" ? "add" : "sub", a, b: this.parseTerm() };
      } else {
        return a;
      }
    }
  }

  private parseTerm(): Node {
    let a = this.parseUnary();
    let sawDivision = false;
    for (;;) {
      const t = this.peek();
      if (t.k === "op" && (t.op === "*" || t.op === "/")) {
        this.next();
        if (t.op === "/") sawDivision = true;
        a = { t: t.op === "*" ? "mul" : "div", a, b: this.parseUnary() };
      } else if (t.k === "const" || t.k === "fn" || t.k === "open" || t.k === "sqrt") {
        // Implicit multiplication: 2pi, 2(3), 2√2.
        if (sawDivision) throw new Fail({ code: "ambiguous-product" });
        a = { t: "mul", a, b: this.parsePower() };
      } else if (t.k === "num") {
        throw new Fail({ code: "missing-operator" });
      } else {
        return a;
      }
    }
  }

  private parseUnary(): Node {
    const t = this.peek();
    if (t.k === "op" && (t.op === "-" || t.op === "+")) {
      this.next();
      this.enter();
      const a = this.parseUnary();
      this.leave();
      return { t: t.op === "-" ? "neg" : "pos", a };
    }
    return this.parsePower();
  }

  private parsePower(): Node {
    const base = this.parseAtom();
    const t = this.peek();
    if (t.k === "op" && t.op === "^") {
      this.next();
      this.enter();
      // Right-associative, and the exponent may carry a sign: e^-2, 2^3^2.
      const b = this.parseUnary();
      this.leave();
      return { t: "pow", a: base, b };
    }
    return base;
  }

  private parseGroup(open: Open): Node {
    this.enter();
    const inner = this.parseExpr();
    const t = this.next();
    if (t.k !== "close") throw new Fail(t.k === "end" ? { code: "missing-close", close: CLOSE_OF[open] } : unexpected(t));
    if (t.ch !== CLOSE_OF[open]) throw new Fail({ code: "mismatched", open, close: t.ch });
    this.leave();
    return inner;
  }

  private parseAtom(): Node {
    const t = this.next();
    switch (t.k) {
      case "num":
        return { t: "num", lit: t.lit };
      case "const":
        return { t: "const", name: t.name };
      case "fn": {
        const o = this.next();
        if (o.k !== "open") throw new Fail({ code: "needs-parentheses", name: t.shown.toLowerCase() });
        const a = this.parseGroup(o.ch);
        return { t: "fn", name: t.name, a };
      }
      case "sqrt": {
        this.enter();
        const a = this.parseAtom();
        this.leave();
        return { t: "fn", name: "sqrt", a };
      }
      case "open":
        return this.parseGroup(t.ch);
      case "end":
        throw new Fail({ code: "incomplete" });
      default:
        throw new Fail(unexpected(t));
    }
  }
}

// ---------------------------------------------------------------------------
// Number expressions: evaluation (every step bounded)

function checked(x: number): number {
  if (Number.isNaN(x)) throw new Fail({ code: "not-real" });
  if (!Number.isFinite(x) || Math.abs(x) > MAX_MAGNITUDE) throw new Fail({ code: "too-large" });
  if (x !== 0 && Math.abs(x) < MIN_MAGNITUDE) throw new Fail({ code: "too-small" });
  return x;
}

/** A product or quotient of non-zero values that came out as 0 underflowed. */
export function noUnderflow(x: number, nonZeroExpected: boolean): number {
  if (x === 0 && nonZeroExpected) throw new Fail({ code: "too-small" });
  return checked(x);
}

export function literalValue(lit: Literal): number {
  return noUnderflow(lit.value, lit.digits !== "");
}

export function evaluate(n: Node): number {
  switch (n.t) {
    case "num":
      return literalValue(n.lit);
    case "const":
      return n.name === "pi" ? Math.PI : Math.E;
    case "neg":
      return -evaluate(n.a);
    case "pos":
      return evaluate(n.a);
    case "add":
      return checked(evaluate(n.a) + evaluate(n.b));
    case "sub":
      return checked(evaluate(n.a) - evaluate(n.b));
    case "mul": {
      const a = evaluate(n.a);
      const b = evaluate(n.b);
      return noUnderflow(a * b, a !== 0 && b !== 0);
    }
    case "div": {
      const a = evaluate(n.a);
      const b = evaluate(n.b);
      if (b === 0) throw new Fail({ code: "division-by-zero" });
      return noUnderflow(a / b, a !== 0);
    }
    case "pow": {
      const a = evaluate(n.a);
      const b = evaluate(n.b);
      if (a < 0 && !Number.isInteger(b)) throw new Fail({ code: "fractional-power" });
      if (a === 0 && b < 0) throw new Fail({ code: "division-by-zero" });
      // 10^k as the correctly rounded literal 1ek (Math.pow(10, -5) is 9.999999999999999e-6).
      if (a === 10 && Number.isInteger(b) && Math.abs(b) <= 400) return noUnderflow(Number(`1e${b}`), true);
      return noUnderflow(Math.pow(a, b), a !== 0);
    }
    case "fn": {
      const a = evaluate(n.a);
      if (n.name === "sqrt") {
        if (a < 0) throw new Fail({ code: "negative-root" });
        return checked(Math.sqrt(a));
      }
      if (n.name === "ln") {
        if (a <= 0) throw new Fail({ code: "log-domain" });
        return checked(Math.log(a));
      }
      return noUnderflow(Math.exp(a), true);
    }
  }
}
