import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The claim checker behind tests/content/numbers*.test.ts: a note's numbers are
 * read from its Markdown (en and zh) and compared with values computed
 * independently (see numbers.test.ts for the full description of a claim).
 */
export type Lang = "en" | "zh";
export const LANGS: readonly Lang[] = ["en", "zh"];
export type PerLang<T> = T | { en: T; zh: T };
export type Value = number | readonly number[] | Readonly<Record<string, number>>;

export const EXACT = "exact" as const;
export type Tol = number | typeof EXACT | undefined;
export const CELLS = "cells" as const;

export interface Claim {
  note: string;
  claim: string;
  anchor: PerLang<string>;
  find: PerLang<RegExp | typeof CELLS>;
  /** Turns a captured string into a number where the default parser cannot (words, 三分之一). */
  parse?: PerLang<(s: string) => number>;
  /**
   * The values the captured numbers must have. A compute that takes an
   * argument receives the numbers as written (by capture name), for formulas
   * whose constants are checked against each other: each one is derived from
   * the others, so editing any of them fails.
   */
  compute: (() => Value) | ((written: Readonly<Record<string, number>>) => Value);
  tol?: Tol | readonly Tol[] | Readonly<Record<string, Tol>>;
}

// ---------------------------------------------------------------------------
// Reading numbers out of the Markdown
// ---------------------------------------------------------------------------

const CONTENT = path.join(import.meta.dirname, "../../content");
const sources = new Map<string, string>();
export function source(lang: Lang, note: string): string {
  const key = `${lang}/${note}`;
  let s = sources.get(key);
  if (s === undefined) {
    s = readFileSync(path.join(CONTENT, lang, `${note}.md`), "utf8").replace(/\r\n/g, "\n");
    sources.set(key, s);
  }
  return s;
}

const NUM = String.raw`[-−]?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{[-−]?\d+\})?|10\^\{[-−]?\d+\}`;
const FRAC = String.raw`\d+\/\d+|\\tfrac\{?\d\}?\{?\d\}?`;
/** `{N}` / `{N:name}` capture a decimal or a×10^{e}; `{F}` / `{F:name}` a fraction. */
export function rx(src: string, flags = "s"): RegExp {
  const out = src
    .replace(/\{N(?::(\w+))?\}/g, (_, name?: string) => (name ? `(?<${name}>${NUM})` : `(${NUM})`))
    .replace(/\{F(?::(\w+))?\}/g, (_, name?: string) => (name ? `(?<${name}>${FRAC})` : `(${FRAC})`));
  return new RegExp(out, flags);
}

export interface Parsed {
  value: number;
  /** Half a unit in the last digit written; 0 for exact forms (fractions). */
  halfUlp: number;
}

export function parseNumber(raw: string): Parsed {
  const s = raw.replace(/−/g, "-").replace(/\s+/g, "");
  let m = /^\\tfrac\{?(\d)\}?\{?(\d)\}?$/.exec(s);
  if (m) return { value: Number(m[1]) / Number(m[2]), halfUlp: 0 };
  m = /^(\d+)\/(\d+)$/.exec(s);
  if (m) return { value: Number(m[1]) / Number(m[2]), halfUlp: 0 };
  m = /^10\^\{(-?\d+)\}$/.exec(s);
  if (m) return { value: 10 ** Number(m[1]), halfUlp: 0.5 * 10 ** Number(m[1]) };
  m = /^(-?\d+)(?:\.(\d+))?(?:\\times10\^\{(-?\d+)\})?$/.exec(s);
  if (m) {
    const decimals = m[2]?.length ?? 0;
    const exp = m[3] ? Number(m[3]) : 0;
    return { value: Number(`${m[1]}.${m[2] ?? "0"}`) * 10 ** exp, halfUlp: 0.5 * 10 ** (exp - decimals) };
  }
  throw new Error(`cannot parse a number from ${JSON.stringify(raw)}`);
}

const WORDS: Record<string, number> = { half: 0.5, halves: 0.5, three: 3, four: 4, 一半: 0.5, 减半: 0.5, 三分之一: 1 / 3, 八分之一: 1 / 8 };
export const word = (s: string): number => {
  const v = WORDS[s.trim()];
  if (v === undefined) throw new Error(`unknown number word ${JSON.stringify(s)}`);
  return v;
};

export function pick<T>(v: PerLang<T>, lang: Lang): T {
  return typeof v === "object" && v !== null && "en" in v && "zh" in v ? (v as { en: T; zh: T })[lang] : (v as T);
}

/** The block of `src` that `anchor` designates (see the header comment). */
export function block(src: string, anchor: string): string {
  const lines = src.split("\n");
  const only = (idx: number[], what: string): number => {
    if (idx.length !== 1) throw new Error(`${what}: expected exactly one match, found ${idx.length}`);
    return idx[0] as number;
  };
  const all = (pred: (l: string) => boolean) => lines.flatMap((l, i) => (pred(l) ? [i] : []));
  if (anchor.startsWith("^")) {
    const end = only(all((l) => l.trimEnd().endsWith(` ${anchor}`)), `card ${anchor}`);
    let start = end;
    while (start > 0 && (lines[start - 1] as string).trim() !== "") start--;
    return lines.slice(start, end + 1).join("\n");
  }
  if (/^#+ /.test(anchor)) {
    const level = anchor.indexOf(" ");
    const start = only(all((l) => l.trimEnd() === anchor), `heading ${anchor}`);
    let end = start + 1;
    while (end < lines.length && !new RegExp(`^#{1,${level}} `).test(lines[end] as string)) end++;
    return lines.slice(start, end).join("\n");
  }
  if (anchor.startsWith("|")) return lines[only(all((l) => l.startsWith(anchor)), `table row ${anchor}`)] as string;
  const paragraphs = src.split(/\n[ \t]*\n/).filter((p) => p.includes(anchor));
  if (paragraphs.length !== 1) throw new Error(`paragraph with ${JSON.stringify(anchor)}: expected exactly one, found ${paragraphs.length}`);
  return paragraphs[0] as string;
}

export interface Written {
  key: string;
  raw: string;
}

export function extract(text: string, find: RegExp | typeof CELLS): Written[] {
  if (find === CELLS) {
    const cells = text.split("|").slice(2, -1).filter((cell) => cell.trim() !== "");
    return cells.map((cell, i) => {
      const nums = cell.match(new RegExp(NUM, "g"));
      if (!nums) throw new Error(`table cell ${i + 1} ${JSON.stringify(cell)} holds no number`);
      return { key: String(i), raw: nums[nums.length - 1] as string };
    });
  }
  if (find.global) {
    const ms = [...text.matchAll(find)];
    if (ms.length === 0) throw new Error(`${find} does not match:\n${text}`);
    return ms.map((m, i) => ({ key: String(i), raw: m[1] as string }));
  }
  const m = find.exec(text);
  if (!m) throw new Error(`${find} does not match:\n${text}`);
  if (m.groups) return Object.entries(m.groups).map(([key, raw]) => ({ key, raw: raw as string }));
  return m.slice(1).map((raw, i) => ({ key: String(i), raw: raw as string }));
}

function expectedAt(v: Value, key: string): number {
  const r = typeof v === "number" ? (key === "0" ? v : undefined) : (v as Record<string, number>)[key];
  if (typeof r !== "number") throw new Error(`compute() gave no value for capture ${key}`);
  return r;
}

function tolAt(t: Claim["tol"], key: string): Tol {
  if (t === undefined || typeof t === "number" || t === EXACT) return t;
  return (t as Record<string, Tol>)[key];
}

const memo = new Map<Claim, Value>();
function computed(c: Claim, written: Readonly<Record<string, number>>): Value {
  if (c.compute.length > 0) return (c.compute as (w: Readonly<Record<string, number>>) => Value)(written);
  let v = memo.get(c);
  if (v === undefined) {
    v = (c.compute as () => Value)();
    memo.set(c, v);
  }
  return v;
}


export interface Verdict {
  ok: boolean;
  message: string;
}

/** Whether `writtenValue` (as the note states it) matches the computed value within the claim's tolerance. */
export function judge(c: Claim, lang: Lang, w: Written, writtenValue: number, p: Parsed, expected: number): Verdict {
  const t = tolAt(c.tol, w.key);
  const tol =
    t === EXACT
      ? 1e-9 * Math.max(1, Math.abs(expected))
      : (t ?? (Number.isNaN(p.halfUlp) ? Number.NaN : p.halfUlp > 0 ? p.halfUlp : 1e-12 * Math.max(1, Math.abs(expected))));
  if (Number.isNaN(tol)) throw new Error(`${c.claim}: "${w.raw}" needs an explicit tolerance`);
  // A hair of slack so that a value written exactly on a rounding boundary passes.
  const ok = Math.abs(writtenValue - expected) <= tol * (1 + 1e-9);
  return { ok, message: `${lang}/${c.note}: ${c.claim}: "${w.raw}" read as ${writtenValue}, computed ${expected}, tolerance ${tol}` };
}

export interface Reading {
  w: Written;
  p: Parsed;
  expected: number;
}

/** The numbers a claim finds in one language, each paired with the computed value it must match. */
export function readClaim(c: Claim, lang: Lang): Reading[] {
  const text = block(source(lang, c.note), pick(c.anchor, lang));
  const written = extract(text, pick(c.find, lang));
  const parse = c.parse ? pick(c.parse, lang) : undefined;
  const read = (raw: string): Parsed => (parse ? { value: parse(raw), halfUlp: Number.NaN } : parseNumber(raw));
  const value = computed(c, Object.fromEntries(written.map((w) => [w.key, read(w.raw).value])));
  const count = typeof value === "number" ? 1 : Array.isArray(value) ? value.length : Object.keys(value).length;
  expect(written.length, `${lang}/${c.note}: ${c.claim}: numbers found in the note vs values computed`).toBe(count);
  return written.map((w) => ({ w, p: read(w.raw), expected: expectedAt(value, w.key) }));
}

/** The value after editing the last digit written by 2 (fractions: the numerator by 2). */
export function edited(r: Reading): number | null {
  if (Number.isNaN(r.p.halfUlp)) return null; // words such as "half": nothing digit-like to edit
  if (r.p.halfUlp > 0) return r.p.value + 4 * r.p.halfUlp;
  const m = /^(?:\\tfrac\{?(\d)\}?\{?(\d)\}?|(\d+)\/(\d+))$/.exec(r.w.raw.replace(/\s+/g, ""));
  if (!m) throw new Error(`cannot edit ${r.w.raw}`);
  const num = Number(m[1] ?? m[3]);
  const den = Number(m[2] ?? m[4]);
  return (num + 2) / den;
}


/**
 * Registers the tests for a list of claims: each claim in each language, the
 * same count of numbers in both languages, and that editing the last digit of
 * any checked number fails its claim.
 */
export function describeClaims(title: string, claims: readonly Claim[], expected: { notes: number; minEdits: number }): void {
  describe(title, () => {
    for (const lang of LANGS) {
      describe(lang, () => {
        for (const c of claims) {
          it(`${c.note}: ${c.claim}`, () => {
            for (const r of readClaim(c, lang)) {
              const v = judge(c, lang, r.w, r.p.value, r.p, r.expected);
              expect(v.ok, v.message).toBe(true);
            }
          });
        }
      });
    }

    it("checks every note, with the same claims in both languages", () => {
      expect(new Set(claims.map((c) => c.note)).size).toBe(expected.notes);
      const counts = LANGS.map((lang) => claims.reduce((n, c) => n + readClaim(c, lang).length, 0));
      expect(counts[0]).toBe(counts[1]);
    });

    it("fails a claim when the last digit of any checked number is edited", () => {
      let edits = 0;
      for (const lang of LANGS) {
        for (const c of claims) {
          for (const r of readClaim(c, lang)) {
            const changed = edited(r);
            if (changed === null) continue;
            edits++;
            const v = judge(c, lang, r.w, changed, r.p, r.expected);
            expect(v.ok, `an edit would go unnoticed: ${v.message}`).toBe(false);
          }
        }
      }
      expect(edits).toBeGreaterThanOrEqual(expected.minEdits);
    });
  });
}
