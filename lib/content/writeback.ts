import { parseFrontmatter, type Frontmatter } from "./frontmatter";

/**
 * Write-back: puts a note's review metadata from the database into its
 * frontmatter by editing only the value text of four keys. Pure (string in,
 * string out): no YAML library re-serialises anything, so comments, key
 * order, spacing, quoting, CJK, the BOM and CRLF line endings stay exactly as
 * they were. lib/cli/content-writeback.ts does the file I/O.
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

/** A top-level `key: value  # comment` line split so that only the value can be replaced. */
interface KeyLine {
  /** `key:` and the spaces after it. */
  head: string;
  /** The value text exactly as written (quotes included); "" when empty. */
  value: string;
  /** Trailing spaces and comment. */
  tail: string;
  quote: "'" | '"' | "";
  /** The value without quotes. */
  inner: string;
}

function splitKeyLine(text: string, key: string): KeyLine | "bad" | null {
  const m = new RegExp(`^(${key}[ \\t]*:)([ \\t]*)(.*)$`).exec(text);
  if (!m) return null;
  const head = m[1]! + m[2]!;
  const rest = m[3]!;
  let value: string;
  let quote: KeyLine["quote"] = "";
  if (rest.startsWith("'") || rest.startsWith('"')) {
    quote = rest[0] as "'" | '"';
    let i = 1;
    for (; i < rest.length; i++) {
      if (quote === '"' && rest[i] === "\\") i++;
      else if (rest[i] === quote) {
        if (quote === "'" && rest[i + 1] === "'") i++;
        else break;
      }
    }
    if (i >= rest.length) return "bad";
    value = rest.slice(0, i + 1);
  } else {
    // A plain scalar ends at " #" (a comment) or the end of the line.
    const c = /[ \t]#/.exec(rest);
    value = (c ? rest.slice(0, c.index) : rest).trimEnd();
    if (rest.startsWith("#")) value = "";
  }
  const tail = rest.slice(value.length);
  const inner = quote ? value.slice(1, -1) : value;
  return { head, value, tail, quote, inner };
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

/** Quote style for a date key the file does not have yet: that of another date key, else the seed format's '…'. */
function dateStyle(lines: RawLine[], from: number, to: number): "'" | '"' | "" {
  for (let i = from; i < to; i++) {
    for (const k of ["created", "last_reviewed", "next_review"]) {
      const kl = splitKeyLine(lines[i]!.text, k);
      if (kl && kl !== "bad" && kl.value !== "") return kl.quote;
    }
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
    out = lines.map((l) => ({ ...l }));
    const missing: WritebackKey[] = [];
    for (const key of wanted) {
      let found = false;
      for (let i = start; i < end; i++) {
        const kl = splitKeyLine(out[i]!.text, key);
        if (!kl) continue;
        found = true;
        if (kl === "bad") return { ok: false, line: i + 1, field: key, message: "unterminated quoted value" };
        if (kl.value === "" && i + 1 < end && /^[ \t]+\S/.test(out[i + 1]!.text)) {
          return { ok: false, line: i + 1, field: key, message: "the value continues on the next line; write it on the key's line" };
        }
        const v = formatValue(key, values, kl.inner);
        if (kl.value !== "" && kl.inner.trim() !== "null" && kl.inner.trim() !== "~" && sameValue(key, kl.inner, v)) break;
        const quote = kl.value === "" || kl.value === "null" || kl.value === "~" ? (key === "last_reviewed" || key === "next_review" ? dateStyle(out, start, end) : "") : kl.quote;
        const after = `${quote}${v}${quote}`;
        // Keep a space between the colon and the value.
        const head = /[ \t]$/.test(kl.head) ? kl.head : `${kl.head} `;
        // A comment right after the colon (`key: # note`) needs a space after the new value.
        out[i]!.text = head + after + (kl.tail.startsWith("#") ? ` ${kl.tail}` : kl.tail);
        changes.push({ key, line: i + 1, before: kl.value, after });
        break;
      }
      if (!found && differsFromLoaded(key)) missing.push(key);
    }
    if (missing.length) {
      const eol = out[end - 1]?.eol || out[start - 1]!.eol || "\n";
      const style = dateStyle(out, start, end);
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
