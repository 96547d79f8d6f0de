import { isMap, isScalar, Scalar } from "yaml";
import { parseFrontmatter, type Frontmatter } from "./frontmatter";
import { keyName, parseYamlDocument, type YamlDocument } from "./yaml";

/**
 * Write-back: puts a note's review metadata from the database into its
 * frontmatter by editing only the value text of four keys. Pure (string in,
 * string out). The yaml package's document says where each value sits (its
 * source range); only those characters are replaced and nothing is
 * re-serialised, so comments, key order, spacing, quoting, tags, CJK, the
 * BOM and CRLF line endings stay exactly as they were.
 * lib/cli/content-writeback.ts does the file I/O.
 */

/** The keys write-back may change, in the order a missing key is added. */
export const WRITEBACK_KEYS = ["last_reviewed", "next_review", "review_count", "mastery_level"] as const;
export type WritebackKey = (typeof WRITEBACK_KEYS)[number];

/** New values; null leaves that key as the file has it. */
export interface ReviewValues {
  last_reviewed: Date | null;
  next_review: Date | null;
  review_count: number | null;
  /** 0..1; written with two decimals. */
  mastery_level: number | null;
}

/** What the database knows about one note (lib/db/note-stats.ts computes it). */
export interface NoteStatsInput {
  /** Cards of the note in the content now (not retired). */
  liveCards: number;
  /** Review log entries of those cards. */
  reviewCount: number;
  /** Latest review log entry of those cards. */
  lastReviewed: Date | null;
  /** Earliest due date among those cards that have been studied (not New). */
  nextReview: Date | null;
  /** Mean retrievability of those cards now (New cards count as 0); null without cards. */
  mastery: number | null;
}

/**
 * The values to write for a note. Until a card of the note has been graded in
 * this database, the file's history (`last_reviewed`, `next_review`,
 * `review_count`, possibly written by another tool and used to seed the
 * schedule) is left alone; `mastery_level` is the database's measure now.
 */
export function reviewValuesFor(stats: NoteStatsInput): ReviewValues {
  const graded = stats.reviewCount > 0;
  return {
    last_reviewed: graded ? stats.lastReviewed : null,
    next_review: graded ? stats.nextReview : null,
    review_count: graded ? stats.reviewCount : null,
    mastery_level: stats.liveCards > 0 && stats.mastery !== null ? stats.mastery : null,
  };
}

export interface FieldChange {
  key: WritebackKey;
  /** 1-based line in the new text. */
  line: number;
  /** The value text before (null when the key was added). */
  before: string | null;
  after: string;
}

export type WritebackResult =
  | { ok: true; text: string; changes: FieldChange[] }
  | { ok: false; line: number; field: string; message: string };

interface RawLine {
  /** The line without its ending. */
  text: string;
  /** "\r\n", "\n", "\r" or "" (last line without a newline). */
  eol: string;
}

function splitKeepEnds(text: string): RawLine[] {
  const out: RawLine[] = [];
  const re = /\r\n|\n|\r/g;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(pos, m.index), eol: m[0] });
    pos = m.index + m[0].length;
  }
  out.push({ text: text.slice(pos), eol: "" });
  return out;
}

const join = (lines: RawLine[]) => lines.map((l) => l.text + l.eol).join("");

type Quote = "'" | '"' | "";

const QUOTES: Partial<Record<string, Quote>> = { [Scalar.PLAIN]: "", [Scalar.QUOTE_SINGLE]: "'", [Scalar.QUOTE_DOUBLE]: '"' };

/** Where one of the four keys' value sits in the frontmatter, and how it is written. */
interface ValueSlot {
  /** 0-based line within the YAML text (the key's line). */
  line: number;
  /** Columns of the value text in that line; start === end when the value is empty. */
  start: number;
  end: number;
  /** The value text exactly as written (quotes included); "" when empty. */
  raw: string;
  quote: Quote;
  /** The value is empty, `null` or `~`. */
  isNull: boolean;
}

/** A key whose value cannot be edited on the key's line. */
interface Refusal {
  line: number;
  problem: string;
}

/**
 * The value of a top-level key written plainly (`key:`, not `"key":`), or
 * why it cannot be edited; null when the file lacks the key.
 */
function valueSlot({ doc, lineAt, colAt }: YamlDocument, yamlLines: readonly string[], key: string): ValueSlot | Refusal | null {
  const items = isMap(doc.contents) ? doc.contents.items : [];
  const pair = items.find((p) => keyName(p) === key && isScalar(p.key) && p.key.type === Scalar.PLAIN);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return null;
  const line = lineAt(pair.key.range[0]);
  const value = pair.value;
  if (!isScalar(value) || !value.range) return { line, problem: "not a single value; write it as key: value" };
  const [from, to] = value.range;
  const quote = QUOTES[value.type ?? ""];
  if (from === to) {
    // Empty (`key:` or `key: # note`): the value goes after the colon and its spaces.
    const text = yamlLines[line]!;
    const colon = text.indexOf(":", colAt(pair.key.range[1]));
    const start = colon + 1 + /^[ \t]*/.exec(text.slice(colon + 1))![0].length;
    return { line, start, end: start, raw: "", quote: "", isNull: true };
  }
  if (lineAt(from) !== line || lineAt(to) !== line || quote === undefined) {
    return { line, problem: "the value continues on the next line; write it on the key's line" };
  }
  const raw = yamlLines[line]!.slice(colAt(from), colAt(to));
  return { line, start: colAt(from), end: colAt(to), raw, quote, isNull: value.value === null };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are written as UTC calendar dates (YYYY-MM-DD), the way the loader reads them back; a file holding a date-time keeps date-times. */
function formatDate(d: Date, asDateTime: boolean): string {
  const iso = d.toISOString();
  return asDateTime ? `${iso.slice(0, 19)}Z` : iso.slice(0, 10);
}

function sameValue(key: WritebackKey, inner: string, next: string): boolean {
  const t = inner.trim();
  if (key === "review_count") return t !== "" && Number(t) === Number(next);
  if (key === "mastery_level") return t !== "" && Number.isFinite(Number(t)) && Math.round(Number(t) * 100) === Math.round(Number(next) * 100);
  if (DATE_ONLY.test(t) || DATE_ONLY.test(next)) return t === next;
  const a = Date.parse(t);
  return !Number.isNaN(a) && Math.floor(a / 1000) === Math.floor(Date.parse(next) / 1000);
}

function formatValue(key: WritebackKey, values: ReviewValues, existing: string | null): string {
  switch (key) {
    case "review_count":
      return String(Math.round(values.review_count!));
    case "mastery_level":
      return Math.min(1, Math.max(0, values.mastery_level!)).toFixed(2);
    default: {
      const asDateTime = existing !== null && existing.trim() !== "" && !DATE_ONLY.test(existing.trim()) && /\d{2}:\d{2}/.test(existing);
      return formatDate(values[key]!, asDateTime);
    }
  }
}

/** Quote style for a date written where there was none: that of the first date key with a value, else the seed format's '…'. */
function dateStyle(parsed: YamlDocument, yamlLines: readonly string[]): Quote {
  for (const p of isMap(parsed.doc.contents) ? parsed.doc.contents.items : []) {
    const key = keyName(p);
    if (key !== "created" && key !== "last_reviewed" && key !== "next_review") continue;
    const slot = valueSlot(parsed, yamlLines, key);
    if (slot && !("problem" in slot) && slot.raw !== "") return slot.quote;
  }
  return "'";
}

const STABLE_FIELDS = ["id", "title", "lang", "created", "difficulty", "tags", "related_outlines"] as const;

/**
 * Writes `values` into the frontmatter of `text`. Only the value text of the
 * four keys changes; a key the file lacks is added at the end of the block; a
 * note with no frontmatter gets a block holding just these keys. The result is
 * checked by parsing it again: the four values must read back as intended and
 * every other field as before, or nothing is returned but the reason.
 */
export function writeBack(text: string, values: ReviewValues, file = "note.md"): WritebackResult {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const lines = splitKeepEnds(text.slice(bom.length));
  const plain = lines.map((l) => l.text);
  const before = parseFrontmatter(plain, file);
  if (!before.fm) {
    const first = before.issues[0];
    return { ok: false, line: first?.line ?? 1, field: first?.field ?? "frontmatter", message: first?.message ?? "frontmatter does not load" };
  }
  const wanted = WRITEBACK_KEYS.filter((k) => values[k] !== null);
  // A key the file lacks is added only if its value differs from what the loader reads without it.
  const fm = before.fm;
  const differsFromLoaded = (key: WritebackKey) =>
    key === "review_count"
      ? Math.round(values.review_count!) !== fm.review_count
      : key === "mastery_level"
        ? Math.round(values.mastery_level! * 100) !== Math.round(fm.mastery_level * 100)
        : fm[key] === null;
  const changes: FieldChange[] = [];
  let out: RawLine[];

  if (!before.block) {
    const adding = wanted.filter(differsFromLoaded);
    if (!adding.length) return { ok: true, text, changes };
    // No frontmatter: add a block, with the file's own line ending.
    const eol = lines.find((l) => l.eol)?.eol ?? "\n";
    const added: RawLine[] = [{ text: "---", eol }];
    for (const key of adding) {
      const v = formatValue(key, values, null);
      const q = key === "last_reviewed" || key === "next_review" ? "'" : "";
      added.push({ text: `${key}: ${q}${v}${q}`, eol });
      changes.push({ key, line: added.length, before: null, after: `${q}${v}${q}` });
    }
    added.push({ text: "---", eol });
    out = [...added, ...lines];
  } else {
    const start = before.block.firstLine;
    const end = before.block.bodyStart - 1; // index of the closing delimiter
    const parsed = parseYamlDocument(before.block.yaml);
    if (!parsed.ok) return { ok: false, line: start + parsed.line + 1, field: "frontmatter", message: parsed.message };
    const yamlLines = before.block.yaml.split("\n");
    const style = dateStyle(parsed, yamlLines);
    out = lines.map((l) => ({ ...l }));
    const missing: WritebackKey[] = [];
    for (const key of wanted) {
      const slot = valueSlot(parsed, yamlLines, key);
      if (slot === null) {
        if (differsFromLoaded(key)) missing.push(key);
        continue;
      }
      const fileLine = start + slot.line;
      if ("problem" in slot) return { ok: false, line: fileLine + 1, field: key, message: slot.problem };
      const inner = slot.quote ? slot.raw.slice(1, -1) : slot.raw;
      const v = formatValue(key, values, inner);
      if (!slot.isNull && sameValue(key, inner, v)) continue;
      const quote = slot.isNull ? (key === "last_reviewed" || key === "next_review" ? style : "") : slot.quote;
      const after = `${quote}${v}${quote}`;
      const line = out[fileLine]!.text;
      // Keep a space between the colon and the value, and between the value and a comment right after the colon (`key: # note`).
      const head = line.slice(0, slot.start);
      const tail = line.slice(slot.end);
      out[fileLine]!.text = (/[ \t]$/.test(head) ? head : `${head} `) + after + (tail.startsWith("#") ? ` ${tail}` : tail);
      changes.push({ key, line: fileLine + 1, before: slot.raw, after });
    }
    if (missing.length) {
      const eol = out[end - 1]?.eol || out[start - 1]!.eol || "\n";
      const added = missing.map((key) => {
        const v = formatValue(key, values, null);
        const q = key === "last_reviewed" || key === "next_review" ? style : "";
        return { key, after: `${q}${v}${q}`, line: { text: `${key}: ${q}${v}${q}`, eol } };
      });
      out.splice(end, 0, ...added.map((a) => a.line));
      added.forEach((a, k) => changes.push({ key: a.key, line: end + k + 1, before: null, after: a.after }));
    }
  }

  if (!changes.length) return { ok: true, text, changes };
  const next = bom + join(out);
  const check = verify(next, before.fm, values, file);
  if (check) return { ok: false, line: 1, field: "frontmatter", message: check };
  return { ok: true, text: next, changes: changes.sort((a, b) => a.line - b.line) };
}

/** Parses the edited text; returns a message if it does not read back as intended. */
function verify(next: string, old: Frontmatter, values: ReviewValues, file: string): string | null {
  const after = parseFrontmatter(splitKeepEnds(next.replace(/^\uFEFF/, "")).map((l) => l.text), file);
  if (!after.fm) return `the edited frontmatter would not load (${after.issues[0]?.message ?? "unknown problem"}); not written`;
  for (const f of STABLE_FIELDS) {
    if (JSON.stringify(after.fm[f]) !== JSON.stringify(old[f])) return `editing would change "${f}"; not written`;
  }
  const expectDate = (key: "last_reviewed" | "next_review") => {
    const v = values[key];
    const got = after.fm![key];
    if (v === null) return JSON.stringify(got) === JSON.stringify(old[key]);
    return got !== null && (got === formatDate(v, false) || Math.floor(Date.parse(got) / 1000) === Math.floor(v.getTime() / 1000));
  };
  const ok =
    expectDate("last_reviewed") &&
    expectDate("next_review") &&
    after.fm.review_count === (values.review_count ?? old.review_count) &&
    Math.abs(after.fm.mastery_level - (values.mastery_level ?? old.mastery_level)) <= 0.005 + 1e-9;
  return ok ? null : "the edited frontmatter does not read back as the intended values; not written";
}
