import { booleanTex, listTex, setTex, texText } from "./echo";
import { CLOSE_OF, isDigit, type Open } from "./expressions";
import { MAX_NESTING } from "./limits";
import { shown } from "./normalise";
import { notANumber, parseNumberExpression } from "./numbers";
import type { ListProblem, NotUnderstood, ParseResult } from "./types";

/**
 * One reader per answer kind (number, vector, choice, boolean, set), each
 * given normalised text.
 */

export function parseNumberKind(text: string, sigFigs: number | undefined): ParseResult {
  if (text === "") return { ok: false, reason: { code: "expected-number" } };
  const r = parseNumberExpression(text);
  if (!r.ok) return { ok: false, reason: notANumber(text, r.problem) };
  const n = r.number;
  if (sigFigs !== undefined && sigFigs > 0 && n.sigFigs < sigFigs) {
    return { ok: false, reason: { code: "sig-figs", input: shown(text), needed: sigFigs, got: n.sigFigs } };
  }
  return { ok: true, parsed: { value: n.value, tex: n.tex } };
}

/**
 * Splits vector text into entries at commas/semicolons, dropping list
 * brackets (a bracket pair that directly encloses a separator).
 */
function splitEntries(text: string): { ok: true; entries: string[] } | { ok: false; problem: ListProblem } {
  const drop = new Set<number>();
  const stack: { ch: Open; at: number; hasSep: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(" || c === "[" || c === "{") {
      if (stack.length >= MAX_NESTING) return { ok: false, problem: { code: "too-deep", max: MAX_NESTING } };
      stack.push({ ch: c, at: i, hasSep: false });
    } else if (c === ")" || c === "]" || c === "}") {
      const top = stack.pop();
      if (!top) return { ok: false, problem: { code: "unexpected", token: c } };
      if (CLOSE_OF[top.ch] !== c) return { ok: false, problem: { code: "mismatched", open: top.ch, close: c } };
      if (top.hasSep) {
        drop.add(top.at);
        drop.add(i);
      }
    } else if (c === "," || c === ";") {
      const top = stack[stack.length - 1];
      if (top) top.hasSep = true;
    }
  }
  if (stack.length > 0) return { ok: false, problem: { code: "missing-close", close: CLOSE_OF[stack[stack.length - 1]!.ch] } };
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

export function parseVectorKind(text: string, length: number): ParseResult {
  const bare = text.replaceAll(" ", "");
  if (bare === "" || bare === "()" || bare === "[]" || bare === "{}") {
    return { ok: false, reason: { code: "expected-vector", length } };
  }
  const split = splitEntries(text);
  if (!split.ok) return { ok: false, reason: { code: "not-a-list", input: shown(text), problem: split.problem } };
  const { entries } = split;
  if (entries.length === 1 && entries[0] === "") return { ok: false, reason: { code: "expected-vector", length } };
  if (entries.length !== length) return { ok: false, reason: { code: "vector-length", expected: length, got: entries.length } };
  const values: number[] = [];
  const texs: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e === "") return { ok: false, reason: { code: "empty-entry", entry: i + 1 } };
    const r = parseNumberExpression(e);
    if (!r.ok) return { ok: false, reason: { code: "bad-entry", entry: i + 1, input: shown(e), problem: r.problem } };
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

export function parseChoiceKind(text: string, options: readonly string[]): ParseResult {
  let t = stripWrapping(text);
  if (t.endsWith(".") || t.endsWith(")")) t = t.slice(0, -1).trim();
  t = stripWrapping(t);
  const want = t.toUpperCase();
  const hit = want === "" ? undefined : options.find((o) => o.trim().toUpperCase() === want);
  if (hit === undefined) return { ok: false, reason: { code: "expected-choice", options: [...options] } };
  return { ok: true, parsed: { value: hit, tex: texText(hit) } };
}

type BooleanWord = { value: boolean; typed: "en" | "zh" };

/** Each accepted yes/no word and the language it is in (the echo answers in the same one). */
const BOOLEAN_WORDS: ReadonlyMap<string, BooleanWord> = new Map<string, BooleanWord>([
  ...["yes", "y", "true"].map((w): [string, BooleanWord] => [w, { value: true, typed: "en" }]),
  ...["no", "n", "false"].map((w): [string, BooleanWord] => [w, { value: false, typed: "en" }]),
  ...["是", "对", "對", "正确", "正確", "是的"].map((w): [string, BooleanWord] => [w, { value: true, typed: "zh" }]),
  ...["否", "错", "錯", "错误", "錯誤", "不是", "不对", "不對"].map((w): [string, BooleanWord] => [w, { value: false, typed: "zh" }]),
]);

export function parseBooleanKind(text: string): ParseResult {
  let t = text.toLowerCase();
  while (t.endsWith(".") || t.endsWith("!")) t = t.slice(0, -1).trim();
  const hit = BOOLEAN_WORDS.get(t);
  if (!hit) return { ok: false, reason: { code: "expected-boolean" } };
  return { ok: true, parsed: { value: hit.value, tex: booleanTex(hit.value, hit.typed), typed: hit.typed } };
}

const EMPTY_SET = new Set(["none", "empty", "nothing", "-", "∅", "{}", "[]", "()", "无", "無", "空", "没有", "沒有"]);

export function parseSetKind(text: string, max: number): ParseResult {
  if (text === "") return { ok: false, reason: { code: "expected-set", max } };
  if (EMPTY_SET.has(text.toLowerCase())) return { ok: true, parsed: { value: [], tex: "\\varnothing" } };
  let t = text;
  const open = t[0];
  const close = t[t.length - 1];
  if ((open === "{" && close === "}") || (open === "[" && close === "]") || (open === "(" && close === ")")) t = t.slice(1, -1).trim();
  if (t === "" || EMPTY_SET.has(t.toLowerCase())) return { ok: true, parsed: { value: [], tex: "\\varnothing" } };
  const seen = new Set<number>();
  let tok = "";
  const flush = (): NotUnderstood | null => {
    if (tok === "") return null;
    const w = tok;
    tok = "";
    for (const c of w) if (!isDigit(c)) return { code: "set-item", input: shown(w, 20), max };
    const n = w.length > 6 ? Infinity : Number(w);
    if (n < 1 || n > max) return { code: "set-range", input: shown(w, 20), max };
    seen.add(n);
    return null;
  };
  for (const c of t) {
    if (c === "," || c === ";" || c === " ") {
      const err = flush();
      if (err) return { ok: false, reason: err };
    } else {
      tok += c;
    }
  }
  const err = flush();
  if (err) return { ok: false, reason: err };
  const items = [...seen].sort((a, b) => a - b);
  return { ok: true, parsed: { value: items, tex: setTex(items) } };
}
