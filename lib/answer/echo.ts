import type { Node } from "./expressions";

/**
 * TeX for the "you entered …" echo.
 *
 * Everything here is built from numbers, digit strings and fixed TeX
 * fragments; raw learner text never reaches the output. Option strings (which
 * come from generators, not learners) go through `texText`, which escapes
 * every TeX special character.
 */

/** Values with 0.1 ≤ |x| < 1e5 are written as plain decimals; others as m × 10^{k}. */
const PLAIN_MIN_EXP = -1;
const PLAIN_MAX_EXP = 4;

/** Significant digits shown for a computed (not typed) value. */
export const ECHO_DIGITS = 7;

function trimTrailingZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return s.slice(0, end);
}

/**
 * Lays out a decimal given by its significant digits (no leading zeros; ""
 * for zero) and the power of ten `k` of its first digit, so the value is
 * d0.d1d2… × 10^k. Trailing zeros in `digits` are kept (they are significant
 * figures the learner typed).
 */
export function digitsTex(negative: boolean, digits: string, k: number): string {
  if (trimTrailingZeros(digits) === "") return "0";
  let body: string;
  if (k >= PLAIN_MIN_EXP && k <= PLAIN_MAX_EXP) {
    if (k < 0) {
      body = `0.${"0".repeat(-k - 1)}${digits}`;
    } else {
      const intLen = k + 1;
      const intPart = digits.length >= intLen ? digits.slice(0, intLen) : digits + "0".repeat(intLen - digits.length);
      const frac = digits.slice(intLen);
      body = frac ? `${intPart}.${frac}` : intPart;
    }
  } else {
    body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body += ` \\times 10^{${k}}`;
  }
  return negative ? `-${body}` : body;
}

/** A computed value in TeX with up to `sig` significant digits, e.g. 0.015625 → `1.5625 \times 10^{-2}`. */
export function numberTex(x: number, sig = ECHO_DIGITS): string {
  if (!Number.isFinite(x)) return x > 0 ? "\\infty" : x < 0 ? "-\\infty" : "\\text{NaN}";
  if (x === 0) return "0";
  const [mant = "0", exp = "0"] = Math.abs(x).toExponential(sig - 1).split("e");
  return digitsTex(x < 0, trimTrailingZeros(mant.replace(".", "")), Number(exp));
}

/** True when `numberTex(x, sig)` shows x exactly (so the echo may say "=" rather than "≈"). */
export function shownExactly(x: number, sig = ECHO_DIGITS): boolean {
  return Number(x.toPrecision(sig)) === x;
}

const TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\textasciicircum{}",
  _: "\\_",
  "%": "\\%",
  "~": "\\textasciitilde{}",
};

/** `\text{…}` with every TeX special character escaped and control characters dropped. */
export function texText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) continue;
    out += TEXT_ESCAPES[ch] ?? ch;
  }
  return `\\text{${out}}`;
}

/**
 * A yes/no answer in the language it was typed in: `是`/`否` for a Chinese
 * word (是, 对, 不是 …), `yes`/`no` for an English one (yes, y, true …).
 */
export function booleanTex(value: boolean, typed: "en" | "zh"): string {
  const word = typed === "zh" ? (value ? "是" : "否") : value ? "yes" : "no";
  return `\\text{${word}}`;
}

/** A row of values: `\left(0.1,\ -0.2\right)`. */
export function listTex(entries: readonly string[]): string {
  return `\\left(${entries.join(",\\ ")}\\right)`;
}

/** A set of indices: `\{1, 3\}`, or `\varnothing` when empty. */
export function setTex(items: readonly number[]): string {
  return items.length === 0 ? "\\varnothing" : `\\{${items.join(", ")}\\}`;
}

/** TeX of the expression tree, with the parentheses precedence needs. */
export function exprTex(n: Node): { tex: string; prec: number } {
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
