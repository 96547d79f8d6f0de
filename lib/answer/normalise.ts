import { MAX_INPUT_LENGTH } from "./limits";
import type { NotUnderstood } from "./types";

/**
 * Unicode normalisation of a learner's raw text before anything reads it, and
 * how that text is shown back in a reason for "not understood".
 */

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

export type Normalized = { ok: true; text: string } | { ok: false; reason: NotUnderstood };

/**
 * Length check first (so 100k-character input costs nothing), then
 * superscripts → `^(…)`, NFKC (full-width forms), the character map above,
 * whitespace collapsed and trimmed.
 */
export function normalizeInput(input: string): Normalized {
  if (input.length > MAX_INPUT_LENGTH) {
    return { ok: false, reason: { code: "too-long", max: MAX_INPUT_LENGTH } };
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
      return { ok: false, reason: { code: "vulgar-fraction" } };
    }
    if (isSubscript(code)) {
      return { ok: false, reason: { code: "subscript", char: shown(ch) } };
    }
    if (changedByCompatibility(ch)) {
      return { ok: false, reason: { code: "unsupported-char", char: shown(ch) } };
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

/**
 * The learner's text as a reason carries it, for the sentence to quote:
 * control characters replaced, long text shortened (with "…").
 */
export function shown(text: string, max = 40): string {
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
  return out;
}
