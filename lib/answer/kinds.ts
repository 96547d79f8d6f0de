import { listTex, setTex, texText } from "./echo";
import { CLOSE_OF, isDigit, type Open } from "./expressions";
import { MAX_NESTING } from "./limits";
import { quote } from "./normalise";
import { notANumber, parseNumberExpression } from "./numbers";
import type { ParseResult } from "./types";

/**
 * One reader per answer kind (number, vector, choice, boolean, set), each
 * given normalised text.
 */

export function parseNumberKind(text: string, sigFigs: number | undefined): ParseResult {
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

export function parseVectorKind(text: string, length: number): ParseResult {
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

export function parseChoiceKind(text: string, options: readonly string[]): ParseResult {
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

export function parseBooleanKind(text: string): ParseResult {
  let t = text.toLowerCase();
  while (t.endsWith(".") || t.endsWith("!")) t = t.slice(0, -1).trim();
  if (YES.has(t)) return { ok: true, parsed: { value: true, tex: "\\text{yes}" } };
  if (NO.has(t)) return { ok: true, parsed: { value: false, tex: "\\text{no}" } };
  return { ok: false, message: "answer yes or no" };
}

const EMPTY_SET = new Set(["none", "empty", "nothing", "-", "∅", "{}", "[]", "()", "无", "無", "空", "没有", "沒有"]);

export function parseSetKind(text: string, max: number): ParseResult {
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
