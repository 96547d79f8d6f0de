import { digitsTex, listTex, numberTex, setTex, shownExactly, texText } from "./tex";
import type { AnswerSpec, ParseResult } from "./types";

/**
 * The safe answer parser: a hand-written lexer and recursive-descent parser
 * (no eval, no Function, no backtracking regular expressions), bounded in
 * input length, nesting depth and magnitude, so hostile input is rejected in
 * linear time as "not understood".
 *
 * Accepted syntax (after Unicode normalisation, see `normalizeInput`):
 *
 * Numbers
 *   - decimals: `0.25`, `.5`, `5.`, `-3`, `+2`
 *   - scientific notation: `1.2e-5`, `1.2E5`, `1.2×10^-5`, `1.2x10^-5`,
 *     `1.2*10^(-5)`, `1.2 · 10^{-5}`, `1.2·10⁻⁵`
 *   - arithmetic: `+ - * / ^`, parentheses `( )`, brackets `[ ]` and braces
 *     `{ }` as grouping, unary minus/plus, `^` right-associative
 *     (`2^3^2` = 2^9; `-2^2` = -4; `e^-2` = e^(-2)),
 *     constants `pi`, `π`, `e`; functions `sqrt(…)`, `√…`, `exp(…)`, `ln(…)`,
 *     `log(…)` — `log` is the NATURAL logarithm, like `ln`. Named functions
 *     need parentheses (`sqrt(2)`, not `sqrt2`); `√` takes the next number,
 *     constant or group: `√2/2` = (√2)/2.
 *   - implicit multiplication only before a name, `√` or an opening
 *     bracket: `2pi`, `2π`, `2(3)`, `(1+2)(3)`, `2√2`, `2e` (= 2·e). Never
 *     between two numbers (`2 3` is rejected), and never after a `/` in the
 *     same product (`1/2pi` is rejected as ambiguous; write `1/(2pi)` or
 *     `(1/2)pi`).
 *   - `x`/`X` standing alone between operands means ×: `1.2x10^-5`, `2 x 3`.
 *   - no thousands separators and no decimal comma: `1,000` and `0,5` are
 *     rejected (a comma separates vector entries).
 *   - bounds: at most 200 characters, at most 20 levels of nesting
 *     (brackets, signs, powers, functions), every intermediate and final
 *     value finite with |x| ≤ 1e300, and no underflow of a non-zero value
 *     below 1e-300 ("too small"), so `10^999999`, `9^9^9^9`, `1e999999` are
 *     "too large".
 *
 * Vectors: entries separated by commas or semicolons, optionally inside
 *   `( )`, `[ ]` or `{ }` (brackets that enclose a separator are list
 *   brackets and are dropped, so `(0.1, 0.2), (0.3)` is three entries); each
 *   entry is a number expression as above; one trailing separator is ignored.
 *
 * Choice: one of the option letters, case-insensitive, optionally in
 *   parentheses/brackets and with a trailing `.` or `)`: `b`, `B.`, `(B)`, `B)`.
 *
 * Boolean: yes/no, y/n, true/false, 是/否, 对/错 (對/錯), 正确/错误, 不是; case-insensitive.
 *
 * Set: 1-based integers in 1..max separated by commas, semicolons or spaces,
 *   optionally in `{ }`, `[ ]` or `( )`; order free, duplicates collapsed.
 *   Empty set: `none`, `empty`, `-`, `∅`, `{}`, `无`, `空` (or empty brackets).
 *
 * Unicode: full-width characters (digits, `，`, `（）`, `；`, `．`) via NFKC;
 *   `−` and other dashes are minus, `×` `·` `⋅` `∙` are times, `÷` is
 *   division, `、` is a comma, `。` is a decimal point, superscripts
 *   (`10⁻⁵`, `2³`) are powers; vulgar fractions (`½`) are rejected with a hint.
 *   Subscripts (`10₋₅`) and other compatibility characters that NFKC would turn
 *   into a different letter or digit (`2ᵉ`, `①`) are rejected, never read as
 *   the plain character (which would make `1.2×10₋₅` into 1.2·10 − 5 = 7).
 *
 * Ambiguity: a number, then `e`/`E` set apart by a space, then a signed number
 *   (`2 e-3`, `2e -3`, `1.5 E-5`) is rejected: `2e-3` without spaces is
 *   2×10⁻³, and reading the spaced form as 2·e − 3 would give a different
 *   number than the learner meant.
 *
 * Significant figures (number spec with `sigFigs`): counted in the literal the
 *   learner typed — all digits from the first non-zero one, trailing zeros
 *   included (`0.0250` has 3; `2500` counts as 4; `1.20e-5` has 3; the
 *   mantissa of `1.2×10^-5` has 2). A typed zero, and any arithmetic
 *   (`1/64`, `sqrt(2)/2`, `10^-5`), is an exact value and always counts as
 *   enough.
 */

export const MAX_INPUT_LENGTH = 200;
export const MAX_NESTING = 20;
export const MAX_MAGNITUDE = 1e300;
export const MIN_MAGNITUDE = 1e-300;

// ---------------------------------------------------------------------------
// Normalisation

// Maps, not object literals: a look-up with the learner's text must never
// reach Object.prototype (`constructor`, `__proto__`, `toString`).
const SUPERSCRIPTS: ReadonlyMap<string, string> = new Map([
  ["⁰", "0"],
  ["¹", "1"],
  ["²", "2"],
  ["³", "3"],
  ["⁴", "4"],
  ["⁵", "5"],
  ["⁶", "6"],
  ["⁷", "7"],
  ["⁸", "8"],
  ["⁹", "9"],
  ["⁺", "+"],
  ["⁻", "-"],
  ["⁽", "("],
  ["⁾", ")"],
]);

/** Characters mapped after NFKC. */
const CHAR_MAP: ReadonlyMap<string, string> = new Map([
  ["\u2212", "-"], // minus sign
  ["\u2010", "-"],
  ["\u2011", "-"],
  ["\u2012", "-"],
  ["\u2013", "-"],
  ["\u2014", "-"],
  ["\u2015", "-"],
  ["\uFE63", "-"],
  ["×", "*"],
  ["✕", "*"],
  ["⨯", "*"],
  ["∗", "*"],
  ["·", "*"],
  ["⋅", "*"],
  ["∙", "*"],
  ["•", "*"],
  ["÷", "/"],
  ["∕", "/"],
  ["⁄", "/"],
  ["、", ","],
  ["。", "."],
  ["｡", "."],
]);

function isVulgarFraction(code: number): boolean {
  return (code >= 0xbc && code <= 0xbe) || (code >= 0x2150 && code <= 0x215f) || code === 0x2189;
}

/** Subscript digits, signs, brackets and letters (U+2080–U+209C): NFKC would make `10₋₅` into `10-5`. */
function isSubscript(code: number): boolean {
  return code >= 0x2080 && code <= 0x209c;
}

/**
 * A compatibility character that NFKC would turn into a different plain
 * character, other than the full-width and half-width forms a Chinese IME
 * types, spaces and the characters mapped above: `ᵉ` would become `e` and `2ᵉ`
 * read as 2·e, `①` would become `1`. Such a character is refused rather than
 * read as something the learner did not write.
 */
function changedByCompatibility(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code < 0x80 || (code >= 0xff01 && code <= 0xff64) || code === 0x3000) return false;
  if (CHAR_MAP.has(ch) || isSpace(ch)) return false;
  return ch.normalize("NFKC") !== ch;
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v" || /\s/.test(ch);
}

export type Normalized = { ok: true; text: string } | { ok: false; message: string };

/**
 * Length check first (so 100k-character input costs nothing), then
 * superscripts → `^(…)`, NFKC (full-width forms), the character map above,
 * whitespace collapsed and trimmed.
 */
export function normalizeInput(input: string): Normalized {
  if (input.length > MAX_INPUT_LENGTH) {
    return { ok: false, message: `the answer is longer than ${MAX_INPUT_LENGTH} characters` };
  }
  let s = "";
  let sup = "";
  for (const ch of input) {
    const m = SUPERSCRIPTS.get(ch);
    if (m !== undefined) {
      sup += m;
      continue;
    }
    if (sup) {
      s += `^(${sup})`;
      sup = "";
    }
    const code = ch.codePointAt(0)!;
    if (isVulgarFraction(code)) {
      return { ok: false, message: "write fractions with a slash, e.g. 1/2" };
    }
    if (isSubscript(code)) {
      return { ok: false, message: `subscripts such as ${quote(ch)} are not read: write powers with ^ (10^-5) or superscripts (10⁻⁵)` };
    }
    if (changedByCompatibility(ch)) {
      return { ok: false, message: `${quote(ch)} is not read: type plain digits, letters and symbols` };
    }
    s += ch;
  }
  if (sup) s += `^(${sup})`;
  s = s.normalize("NFKC");
  let out = "";
  let pendingSpace = false;
  for (const ch of s) {
    const mapped = CHAR_MAP.get(ch) ?? ch;
    if (isSpace(mapped)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += " ";
    pendingSpace = false;
    out += mapped;
  }
  return { ok: true, text: out };
}

/** The learner's text as quoted in messages: control characters replaced, long text shortened. */
export function quote(text: string, max = 40): string {
  let out = "";
  let n = 0;
  for (const ch of text) {
    if (n === max) {
      out += "…";
      break;
    }
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f ? "?" : ch;
    n++;
  }
  return `“${out}”`;
}

// ---------------------------------------------------------------------------
// Number expressions: lexer

/** A number literal as typed: its significant digits and the power of ten of the first one. */
interface Literal {
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
type Open = "(" | "[" | "{";
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

class Fail extends Error {
  constructor(readonly detail: string) {
    super(detail);
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

const CLOSE_OF: Readonly<Record<Open, Close>> = { "(": ")", "[": "]", "{": "}" };

function isDigit(c: string | undefined): boolean {
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
  if (intPart === "" && fracPart === "") throw new Fail("misplaced decimal point");
  let expText = "";
  if ((s[i] === "e" || s[i] === "E") && (isDigit(s[i + 1]) || ((s[i + 1] === "+" || s[i + 1] === "-") && isDigit(s[i + 2])))) {
    i++;
    if (s[i] === "+" || s[i] === "-") expText += s[i++];
    while (isDigit(s[i])) expText += s[i++];
  }
  if (s[i] === ".") throw new Fail("misplaced decimal point");
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

function lex(s: string): Tok[] {
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
      if (!known) throw new Fail(`unknown name ${quote(word, 20)}`);
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
      throw new Fail("use a point for decimals (0.5) and no thousands separators (1000); a comma separates list entries");
    } else {
      throw new Fail(`unexpected ${quote(String.fromCodePoint(s.codePointAt(i)!))}`);
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
      throw new Fail(`${quote(t.shown)} before a signed number is ambiguous: write 2e-3 (no spaces) for 2×10⁻³, or 2*e - 3 for 2·e − 3`);
    }
  }
}

// ---------------------------------------------------------------------------
// Number expressions: parser

type Node =
  | { t: "num"; lit: Literal }
  | { t: "const"; name: Const }
  | { t: "neg" | "pos"; a: Node }
  | { t: "add" | "sub" | "mul" | "div" | "pow"; a: Node; b: Node }
  | { t: "fn"; name: Fn; a: Node };

function shownTok(t: Tok): string {
  switch (t.k) {
    case "num":
      return "a number";
    case "const":
    case "fn":
    case "op":
      return quote(t.shown);
    case "open":
    case "close":
      return quote(t.ch);
    case "sqrt":
      return quote("√");
    case "end":
      return "the end";
  }
}

class Parser {
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
    if (++this.depth > MAX_NESTING) throw new Fail(`too deeply nested (more than ${MAX_NESTING} levels)`);
  }
  private leave(): void {
    this.depth--;
  }

  parseAll(): Node {
    if (this.peek().k === "end") throw new Fail("nothing to read");
    const n = this.parseExpr();
    const t = this.peek();
    if (t.k !== "end") throw new Fail(`unexpected ${shownTok(t)}`);
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
        if (sawDivision) throw new Fail("a product after “/” is ambiguous: write 1/(2pi) or (1/2)pi");
        a = { t: "mul", a, b: this.parsePower() };
      } else if (t.k === "num") {
        throw new Fail("missing an operator (such as * or /) before a number");
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
    if (t.k !== "close") throw new Fail(t.k === "end" ? `missing ${quote(CLOSE_OF[open])}` : `unexpected ${shownTok(t)}`);
    if (t.ch !== CLOSE_OF[open]) throw new Fail(`${quote(open)} is closed by ${quote(t.ch)}`);
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
        if (o.k !== "open") throw new Fail(`write ${t.shown.toLowerCase()}(…) with parentheses`);
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
        throw new Fail("something is missing at the end");
      default:
        throw new Fail(`unexpected ${shownTok(t)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Number expressions: evaluation (every step bounded)

function checked(x: number): number {
  if (Number.isNaN(x)) throw new Fail("the value is not a real number");
  if (!Number.isFinite(x) || Math.abs(x) > MAX_MAGNITUDE) throw new Fail("the value is too large");
  if (x !== 0 && Math.abs(x) < MIN_MAGNITUDE) throw new Fail("the value is too small");
  return x;
}

/** A product or quotient of non-zero values that came out as 0 underflowed. */
function noUnderflow(x: number, nonZeroExpected: boolean): number {
  if (x === 0 && nonZeroExpected) throw new Fail("the value is too small");
  return checked(x);
}

function literalValue(lit: Literal): number {
  return noUnderflow(lit.value, lit.digits !== "");
}

function evaluate(n: Node): number {
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
      if (b === 0) throw new Fail("division by zero");
      return noUnderflow(a / b, a !== 0);
    }
    case "pow": {
      const a = evaluate(n.a);
      const b = evaluate(n.b);
      if (a < 0 && !Number.isInteger(b)) throw new Fail("a negative number to a fractional power is not a real number");
      if (a === 0 && b < 0) throw new Fail("division by zero");
      // 10^k as the correctly rounded literal 1ek (Math.pow(10, -5) is 9.999999999999999e-6).
      if (a === 10 && Number.isInteger(b) && Math.abs(b) <= 400) return noUnderflow(Number(`1e${b}`), true);
      return noUnderflow(Math.pow(a, b), a !== 0);
    }
    case "fn": {
      const a = evaluate(n.a);
      if (n.name === "sqrt") {
        if (a < 0) throw new Fail("the square root of a negative number is not a real number");
        return checked(Math.sqrt(a));
      }
      if (n.name === "ln") {
        if (a <= 0) throw new Fail("the logarithm of zero or a negative number is undefined");
        return checked(Math.log(a));
      }
      return noUnderflow(Math.exp(a), true);
    }
  }
}

// ---------------------------------------------------------------------------
// Number expressions: literal forms and TeX of the expression

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
  if (k > 400) throw new Fail("the value is too large");
  if (k < -400) throw new Fail("the value is too small");
  const v = noUnderflow(Number(`${mant.lit.text}e${e}`), true);
  return { negative, digits: mant.lit.digits, k, value: negative ? -v : v };
}

/** TeX of the expression tree, with the parentheses precedence needs. */
function exprTex(n: Node): { tex: string; prec: number } {
  const wrap = (x: { tex: string; prec: number }, min: number) => (x.prec < min ? `\\left(${x.tex}\\right)` : x.tex);
  switch (n.t) {
    case "num": {
      const tex = digitsTex(false, n.lit.digits, n.lit.k);
      return { tex, prec: tex.includes("\\times") ? 2 : 5 };
    }
    case "const":
      return { tex: n.name === "pi" ? "\\pi" : "e", prec: 5 };
    case "pos":
      return exprTex(n.a);
    case "neg":
      return { tex: `-${wrap(exprTex(n.a), 2)}`, prec: 1 };
    case "add":
    case "sub": {
      const a = exprTex(n.a);
      const b = exprTex(n.b);
      return { tex: `${a.tex} ${n.t === "add" ? "+" : "-"} ${wrap(b, 2)}`, prec: 1 };
    }
    case "mul":
      return { tex: `${wrap(exprTex(n.a), 2)} \\cdot ${wrap(exprTex(n.b), 2)}`, prec: 2 };
    case "div":
      return { tex: `\\frac{${exprTex(n.a).tex}}{${exprTex(n.b).tex}}`, prec: 4.5 };
    case "pow":
      return { tex: `${wrap(exprTex(n.a), 5)}^{${exprTex(n.b).tex}}`, prec: 4 };
    case "fn": {
      const a = exprTex(n.a).tex;
      if (n.name === "sqrt") return { tex: `\\sqrt{${a}}`, prec: 5 };
      return { tex: `\\${n.name}\\left(${a}\\right)`, prec: 5 };
    }
  }
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

export type NumberParse = { ok: true; number: ParsedNumber } | { ok: false; detail: string };

/**
 * Reads one number expression from normalised text. Never throws; the
 * failure carries a short detail ("the value is too large").
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
    if (e instanceof Fail) return { ok: false, detail: e.detail };
    if (e instanceof RangeError) return { ok: false, detail: "too complex" };
    throw e;
  }
}

function notANumber(text: string, detail?: string): string {
  return `could not read ${quote(text)} as a number${detail ? `: ${detail}` : ""}`;
}

// ---------------------------------------------------------------------------
// Kinds

function parseNumberKind(text: string, sigFigs: number | undefined): ParseResult {
  if (text === "") return { ok: false, message: "type a number" };
  const r = parseNumberExpression(text);
  if (!r.ok) return { ok: false, message: notANumber(text, r.detail) };
  const n = r.number;
  if (sigFigs !== undefined && sigFigs > 0 && n.sigFigs < sigFigs) {
    return { ok: false, message: `give at least ${sigFigs} significant figures (${quote(text)} has ${n.sigFigs})` };
  }
  return { ok: true, parsed: { value: n.value, tex: n.tex } };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Splits vector text into entries at commas/semicolons, dropping list
 * brackets (a bracket pair that directly encloses a separator).
 */
function splitEntries(text: string): { ok: true; entries: string[] } | { ok: false; message: string } {
  const drop = new Set<number>();
  const stack: { ch: Open; at: number; hasSep: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(" || c === "[" || c === "{") {
      if (stack.length >= MAX_NESTING) return { ok: false, message: `too deeply nested (more than ${MAX_NESTING} levels)` };
      stack.push({ ch: c, at: i, hasSep: false });
    } else if (c === ")" || c === "]" || c === "}") {
      const top = stack.pop();
      if (!top) return { ok: false, message: `unexpected ${quote(c)}` };
      if (CLOSE_OF[top.ch] !== c) return { ok: false, message: `${quote(top.ch)} is closed by ${quote(c)}` };
      if (top.hasSep) {
        drop.add(top.at);
        drop.add(i);
      }
    } else if (c === "," || c === ";") {
      const top = stack[stack.length - 1];
      if (top) top.hasSep = true;
    }
  }
  if (stack.length > 0) return { ok: false, message: `missing ${quote(CLOSE_OF[stack[stack.length - 1]!.ch])}` };
  const entries: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (drop.has(i)) cur += " ";
    else if (c === "," || c === ";") {
      entries.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  entries.push(cur.trim());
  if (entries.length > 1 && entries[entries.length - 1] === "") entries.pop();
  return { ok: true, entries };
}

function parseVectorKind(text: string, length: number): ParseResult {
  const expected = `expected ${plural(length, "number")} separated by commas`;
  const bare = text.replaceAll(" ", "");
  if (bare === "" || bare === "()" || bare === "[]" || bare === "{}") {
    return { ok: false, message: `type ${plural(length, "number")} separated by commas` };
  }
  const split = splitEntries(text);
  if (!split.ok) return { ok: false, message: `could not read ${quote(text)} as a list: ${split.message}` };
  const { entries } = split;
  if (entries.length === 1 && entries[0] === "") return { ok: false, message: `type ${plural(length, "number")} separated by commas` };
  if (entries.length !== length) return { ok: false, message: `${expected}, got ${entries.length}` };
  const values: number[] = [];
  const texs: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e === "") return { ok: false, message: `entry ${i + 1} is empty` };
    const r = parseNumberExpression(e);
    if (!r.ok) return { ok: false, message: `entry ${i + 1}: ${notANumber(e, r.detail)}` };
    values.push(r.number.value);
    texs.push(r.number.valueTex);
  }
  return { ok: true, parsed: { value: values, tex: listTex(texs) } };
}

function stripWrapping(s: string): string {
  let t = s;
  for (let guard = 0; guard < 4 && t.length >= 2; guard++) {
    const open = t[0];
    const close = t[t.length - 1];
    if ((open === "(" && close === ")") || (open === "[" && close === "]")) t = t.slice(1, -1).trim();
    else break;
  }
  return t;
}

function parseChoiceKind(text: string, options: readonly string[]): ParseResult {
  const message = `choose one of ${options.join(", ")}`;
  let t = stripWrapping(text);
  if (t.endsWith(".") || t.endsWith(")")) t = t.slice(0, -1).trim();
  t = stripWrapping(t);
  const want = t.toUpperCase();
  const hit = want === "" ? undefined : options.find((o) => o.trim().toUpperCase() === want);
  if (hit === undefined) return { ok: false, message };
  return { ok: true, parsed: { value: hit, tex: texText(hit) } };
}

const YES = new Set(["yes", "y", "true", "是", "对", "對", "正确", "正確", "是的"]);
const NO = new Set(["no", "n", "false", "否", "错", "錯", "错误", "錯誤", "不是", "不对", "不對"]);

function parseBooleanKind(text: string): ParseResult {
  let t = text.toLowerCase();
  while (t.endsWith(".") || t.endsWith("!")) t = t.slice(0, -1).trim();
  if (YES.has(t)) return { ok: true, parsed: { value: true, tex: "\\text{yes}" } };
  if (NO.has(t)) return { ok: true, parsed: { value: false, tex: "\\text{no}" } };
  return { ok: false, message: "answer yes or no" };
}

const EMPTY_SET = new Set(["none", "empty", "nothing", "-", "∅", "{}", "[]", "()", "无", "無", "空", "没有", "沒有"]);

function parseSetKind(text: string, max: number): ParseResult {
  const howTo = `list numbers from 1 to ${max} separated by commas, or “none” for the empty set`;
  if (text === "") return { ok: false, message: howTo };
  if (EMPTY_SET.has(text.toLowerCase())) return { ok: true, parsed: { value: [], tex: "\\varnothing" } };
  let t = text;
  const open = t[0];
  const close = t[t.length - 1];
  if ((open === "{" && close === "}") || (open === "[" && close === "]") || (open === "(" && close === ")")) t = t.slice(1, -1).trim();
  if (t === "" || EMPTY_SET.has(t.toLowerCase())) return { ok: true, parsed: { value: [], tex: "\\varnothing" } };
  const seen = new Set<number>();
  let tok = "";
  const flush = (): string | null => {
    if (tok === "") return null;
    const w = tok;
    tok = "";
    for (const c of w) if (!isDigit(c)) return `could not read ${quote(w, 20)} as an item number: ${howTo}`;
    const n = w.length > 6 ? Infinity : Number(w);
    if (n < 1 || n > max) return `${quote(w, 20)} is out of range: choose numbers from 1 to ${max}`;
    seen.add(n);
    return null;
  };
  for (const c of t) {
    if (c === "," || c === ";" || c === " ") {
      const err = flush();
      if (err) return { ok: false, message: err };
    } else {
      tok += c;
    }
  }
  const err = flush();
  if (err) return { ok: false, message: err };
  const items = [...seen].sort((a, b) => a - b);
  return { ok: true, parsed: { value: items, tex: setTex(items) } };
}

/**
 * Reads a learner's raw answer for a spec. Never throws; "not understood"
 * results carry a specific English message.
 */
export function parseAnswer(input: string, spec: AnswerSpec): ParseResult {
  const norm = normalizeInput(typeof input === "string" ? input : "");
  if (!norm.ok) return { ok: false, message: norm.message };
  const text = norm.text;
  switch (spec.kind) {
    case "number":
      return parseNumberKind(text, spec.sigFigs);
    case "vector":
      return parseVectorKind(text, spec.length);
    case "choice":
      return parseChoiceKind(text, spec.options);
    case "boolean":
      return parseBooleanKind(text);
    case "set":
      return parseSetKind(text, spec.max);
  }
}
