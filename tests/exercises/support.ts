import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";
import type { AnswerValue } from "@/lib/answer";

/**
 * The few helpers the exercise tests share (one copy, here): collecting
 * problems, reading maths and numbers out of Markdown, comparing values.
 */

/** Plain comparisons collected and asserted once per test: thousands of expect() calls would dominate the run time. */
export function problems() {
  const list: string[] = [];
  return {
    check(ok: boolean, msg: () => string): void {
      if (!ok && list.length < 15) list.push(msg());
    },
    none(): void {
      expect(list).toEqual([]);
    },
  };
}

/** $$…$$ and $…$ segments of a Markdown string, and the text outside them. */
export function split(md: string): { math: { tex: string; display: boolean }[]; prose: string } {
  const math: { tex: string; display: boolean }[] = [];
  const prose = md
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, t: string) => {
      math.push({ tex: t, display: true });
      return " ";
    })
    .replace(/\$([^$]+)\$/g, (_, t: string) => {
      math.push({ tex: t, display: false });
      return " ";
    });
  return { math, prose };
}

/** Every number written in a text's maths (m \times 10^{e} read as one number), as written. */
export const NUMBER = /-?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?/g;
export function mathNumbers(md: string): Set<string> {
  return new Set(split(md).math.flatMap((m) => [...m.tex.matchAll(NUMBER)].map((x) => x[0])));
}

/** True when `tex` occurs in `text` as a whole number (not part of a longer one). */
export function showsNumber(text: string, shown: string): boolean {
  for (let i = text.indexOf(shown); i >= 0; i = text.indexOf(shown, i + 1)) {
    const before = text[i - 1] ?? " ";
    const after = text[i + shown.length] ?? " ";
    if (!/[0-9.]/.test(before) && !/[0-9]/.test(after)) return true;
  }
  return false;
}

/** Same value up to round-off (numbers, vectors) or exactly (letters, yes/no, sets). */
export function sameValue(a: AnswerValue, b: AnswerValue): boolean {
  const num = (x: number, y: number) => x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1e-300);
  if (typeof a === "number" && typeof b === "number") return num(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => num(x, b[i] as number));
  return isDeepStrictEqual(a, b);
}

/** The last number written in a text, reading `m \times 10^{e}` as one number. */
export function lastNumber(text: string): number {
  const all = [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)];
  const m = all[all.length - 1];
  if (!m) return NaN;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0);
}

/**
 * Central differences of f at 0 with two Richardson steps (error O(h⁶)):
 * plain h = 1e-6 differences lose ~eps·f/(h·|f′|) relative on tiny gradients,
 * so a larger base step is extrapolated instead.
 */
export function richardson(f: (h: number) => number, h = 1e-2): number {
  const D = (s: number) => (f(s) - f(-s)) / (2 * s);
  const d1 = D(h);
  const d2 = D(h / 2);
  const d3 = D(h / 4);
  const r1 = (4 * d2 - d1) / 3;
  const r2 = (4 * d3 - d2) / 3;
  return (16 * r2 - r1) / 15;
}
