import { findKeyLine } from "./frontmatter";
import { parseYaml } from "./yaml";
import { shortHash } from "./hash";
import type { CardKind, ContentIssue, ExerciseSpec, InterviewSpec, ParsedCard } from "./types";
import { isKeyPointsHeader, parseKeyPoints } from "./interview";
import { z } from "zod";
import { ownValue } from "../own-key";

/** A body line with its 1-based line number in the file. */
interface Line {
  text: string;
  no: number;
  /** Inside a multi-line $$ display block: card syntax is not looked for. */
  inMath: boolean;
}

type Block =
  | { type: "para"; lines: Line[] }
  | { type: "fence"; info: string; lines: Line[]; open: Line; closed: boolean }
  | { type: "other"; lines: Line[] }
  /** `Key points:` and the lines under it, up to a blank line (lib/content/interview.ts). */
  | { type: "keypoints"; lines: Line[] };

const MASK = "\u0000";
const MARKER_RE = /\s\^([A-Za-z0-9][A-Za-z0-9_-]*)\s*$/;

/** The fenced block that declares a live exercise, and its old name, still read (with a warning). */
const EXERCISE_FENCE = "exercise";
const OLD_EXERCISE_FENCE = "quiz";

/**
 * The kind as a derived card id hashes it. Exercise cards were "quiz" cards
 * when the first ids were derived; the id is what a card's schedule and
 * review history hang on, so it keeps hashing the old word.
 */
const ID_KIND: Readonly<Record<CardKind, string>> = { basic: "basic", multiline: "multiline", cloze: "cloze", exercise: "quiz" };

/**
 * Limits on cloze cards, documented in content/README.md. Each `==span==`
 * makes a card holding its whole paragraph, so the cards of a paragraph grow
 * with spans × length; these keep one note's cards to about a megabyte.
 */
export const MAX_CLOZES_PER_NOTE = 100;
export const MAX_CLOZE_PARAGRAPH_CHARS = 5_000;

/**
 * Hides inline code and inline math behind NUL characters (same length), so
 * that `::`, `==` and `?` inside `$a == b$` or `` `x::y` `` are not card syntax.
 */
export function maskInline(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    const delim = ch === "`" ? "`" : ch === "$" ? (text[i + 1] === "$" ? "$$" : "$") : null;
    if (delim) {
      const end = text.indexOf(delim, i + delim.length);
      if (end > i) {
        out += MASK.repeat(end + delim.length - i);
        i = end + delim.length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let para: Line[] = [];
  const flush = () => {
    if (para.length) blocks.push({ type: "para", lines: para });
    para = [];
  };
  let inMath = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(line.text);
    if (fence && !inMath) {
      flush();
      const marker = fence[1]!;
      const body: Line[] = [];
      let j = i + 1;
      let closed = false;
      for (; j < lines.length; j++) {
        const t = lines[j]!.text.trim();
        if (t.startsWith(marker[0]!.repeat(marker.length)) && /^[`~]+$/.test(t)) {
          closed = true;
          break;
        }
        body.push(lines[j]!);
      }
      blocks.push({ type: "fence", info: fence[2] ?? "", lines: body, open: line, closed });
      i = j;
      continue;
    }
    if (line.text.trim() === "") {
      if (!inMath) flush();
      else para.push(line);
      continue;
    }
    if (!inMath && isKeyPointsHeader(line.text)) {
      // Its own block even without a blank line above: the card paragraph ends here.
      flush();
      let j = i + 1;
      while (j < lines.length && lines[j]!.text.trim() !== "") j++;
      blocks.push({ type: "keypoints", lines: lines.slice(i, j) });
      i = j - 1;
      continue;
    }
    if (!inMath && /^\s{0,3}#{1,6}\s/.test(line.text)) {
      flush();
      blocks.push({ type: "other", lines: [line] });
      continue;
    }
    // Count $$ outside inline code: an odd count toggles display-math mode.
    const dollars = (line.text.replace(/`[^`]*`/g, "").match(/\$\$/g) ?? []).length;
    para.push({ ...line, inMath: inMath || dollars % 2 === 1 });
    if (dollars % 2 === 1) inMath = !inMath;
  }
  flush();
  return blocks;
}

function takeMarker(text: string): { text: string; marker: string | null } {
  const m = MARKER_RE.exec(text);
  if (!m) return { text, marker: null };
  return { text: text.slice(0, m.index).trimEnd(), marker: m[1]! };
}

const exerciseSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "use letters, digits, - and _").optional(),
  generator: z.string().min(1),
  difficulty: z.number().int().min(1).max(3).optional().default(2),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().default({}),
  title: z.string().min(1).optional(),
});

export interface CardParseOptions {
  /**
   * Known exercise generators and the allowed values of their parameters.
   * When given, an exercise naming another generator, or a parameter or value the
   * generator does not take, is an error.
   */
  generators?: Readonly<Record<string, Readonly<Record<string, readonly (string | number | boolean)[]>>>>;
}

interface RawCard {
  kind: CardKind;
  front: string;
  back: string;
  line: number;
  marker: string | null;
  /** Text the derived id hashes when no marker is given. */
  identity: string;
  exercise: ExerciseSpec | null;
  interview?: InterviewSpec;
}

/**
 * Finds the cards in a note body. Returns cards, issues, and the line numbers
 * that belong to cards (so the note page can render the prose without them).
 */
export function parseCards(
  bodyLines: string[],
  firstLineNo: number,
  noteId: string,
  file: string,
  options: CardParseOptions = {},
): { cards: ParsedCard[]; issues: ContentIssue[]; cardLines: Set<number> } {
  const lines: Line[] = bodyLines.map((text, i) => ({ text, no: firstLineNo + i, inMath: false }));
  const issues: ContentIssue[] = [];
  const raw: RawCard[] = [];
  const cardLines = new Set<number>();
  const claim = (ls: Line[]) => ls.forEach((l) => cardLines.add(l.no));
  let clozeCount = 0;
  let clozeLimitReported = false;

  // The cards the previous block made, and that block: key points belong to the one card right above them.
  let blockStart = 0;
  let previous: Block | null = null;
  for (const block of splitBlocks(lines)) {
    const above = raw.slice(blockStart);
    const previousBlock = previous;
    blockStart = raw.length;
    previous = block;
    if (block.type === "keypoints") {
      claim(block.lines);
      const { spec, issues: pointIssues } = parseKeyPoints(block.lines, file);
      issues.push(...pointIssues);
      const at = block.lines[0]!.no;
      if (previousBlock?.type === "keypoints") {
        issues.push({ file, line: at, field: "interview.question", message: `a second “Key points:” block for one question (the first is on line ${previousBlock.lines[0]!.no})` });
      } else if (above.length !== 1) {
        issues.push({
          file,
          line: at,
          field: "interview.question",
          message: above.length === 0
            ? "“Key points:” must come right after the card (the interview question) it belongs to"
            : `the paragraph above makes ${above.length} cards; put “Key points:” right after the one card it belongs to`,
        });
      } else if (spec) {
        above[0]!.interview = spec;
      }
      continue;
    }
    if (block.type === "fence") {
      if (block.info !== EXERCISE_FENCE && block.info !== OLD_EXERCISE_FENCE) continue;
      claim([block.open, ...block.lines]);
      if (block.closed) cardLines.add(block.open.no + block.lines.length + 1);
      if (block.info === OLD_EXERCISE_FENCE) {
        issues.push({ file, line: block.open.no, field: "exercise", message: "```quiz is the old name of ```exercise; rename the block (the card keeps its id and history)", severity: "warning" });
      }
      const exercise = parseExercise(block, file, options, issues);
      if (exercise) raw.push(exercise);
      continue;
    }
    if (block.type !== "para") continue;
    const ls = block.lines;
    const qIdx = ls.findIndex((l) => !l.inMath && l.text.trim() === "?");
    if (qIdx >= 0) {
      claim(ls);
      const question = ls.slice(0, qIdx).map((l) => l.text).join("\n").trim();
      const { text: answer, marker } = takeMarker(ls.slice(qIdx + 1).map((l) => l.text).join("\n").trim());
      const at = ls[0]!.no;
      if (!question) issues.push({ file, line: ls[qIdx]!.no, field: "card.question", message: "multi-line card has no question above the ? line" });
      else if (!answer) issues.push({ file, line: ls[qIdx]!.no, field: "card.answer", message: "multi-line card has no answer below the ? line" });
      else raw.push({ kind: "multiline", front: question, back: answer, line: at, marker, identity: question, exercise: null });
      continue;
    }
    let oneLiners = 0;
    for (const l of ls) {
      if (l.inMath) continue;
      const masked = maskInline(l.text);
      const sep = masked.indexOf("::");
      if (sep < 0) continue;
      oneLiners++;
      claim([l]);
      const question = l.text.slice(0, sep).replace(/^\s*(?:[-*+]|\d+\.)\s+/, "").trim();
      const { text: answer, marker } = takeMarker(l.text.slice(sep + 2).trim());
      if (!question) issues.push({ file, line: l.no, field: "card.question", message: "card has nothing before ::" });
      else if (!answer) issues.push({ file, line: l.no, field: "card.answer", message: "card has nothing after ::" });
      else raw.push({ kind: "basic", front: question, back: answer, line: l.no, marker, identity: question, exercise: null });
    }
    if (oneLiners > 0) continue;
    const spans = clozeSpans(ls, MAX_CLOZES_PER_NOTE - clozeCount + 1);
    if (!spans) continue;
    claim(ls);
    const length = ls.reduce((n, l) => n + l.text.length + 1, 0);
    if (clozeCount + spans.spans.length > MAX_CLOZES_PER_NOTE) {
      if (!clozeLimitReported) {
        issues.push({
          file,
          line: ls[0]!.no,
          field: "card.cloze",
          message: `more than ${MAX_CLOZES_PER_NOTE} ==cloze== spans in this note; the ones from here on make no cards (split the note)`,
        });
      }
      clozeLimitReported = true;
      clozeCount = MAX_CLOZES_PER_NOTE;
      continue;
    }
    if (length > MAX_CLOZE_PARAGRAPH_CHARS) {
      issues.push({
        file,
        line: ls[0]!.no,
        field: "card.cloze",
        message: `a paragraph with ==cloze== spans may be at most ${MAX_CLOZE_PARAGRAPH_CHARS} characters (this one has ${length}); it makes no cards`,
      });
      continue;
    }
    clozeCount += spans.spans.length;
    raw.push(...clozeCards(ls, spans));
  }

  const cards: ParsedCard[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    const local = r.marker ?? `h${shortHash(ID_KIND[r.kind] + "\u0001" + r.identity)}`;
    const prev = seen.get(local);
    if (prev !== undefined) {
      issues.push({
        file,
        line: r.line,
        field: "card.id",
        message: r.marker
          ? `duplicate card id "${local}" (first used on line ${prev})`
          : `duplicate card: same question as line ${prev}; give one of them a ^marker`,
      });
      continue;
    }
    seen.set(local, r.line);
    cards.push({
      id: `${noteId}:${local}`,
      marker: r.marker,
      kind: r.kind,
      front: r.front,
      back: r.back,
      line: r.line,
      ord: cards.length,
      exercise: r.exercise,
      ...(r.interview ? { interview: r.interview } : {}),
    });
  }
  return { cards, issues, cardLines };
}

function parseExercise(
  block: Extract<Block, { type: "fence" }>,
  file: string,
  options: CardParseOptions,
  issues: ContentIssue[],
): RawCard | null {
  const at = block.open.no;
  if (!block.closed) {
    issues.push({ file, line: at, field: "exercise", message: `\`\`\`${block.info} block is never closed` });
    return null;
  }
  const yaml = parseYaml(block.lines.map((l) => l.text).join("\n"));
  if (!yaml.ok) {
    issues.push({ file, line: at + 1 + yaml.line, field: "exercise", message: `invalid YAML: ${yaml.message}` });
    return null;
  }
  const parsed = exerciseSchema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const key = String(iss.path[0] ?? "");
      const idx = key ? findKeyLine(block.lines.map((l) => l.text), key) : -1;
      issues.push({ file, line: idx >= 0 ? block.lines[idx]!.no : at, field: `exercise.${iss.path.join(".") || "block"}`, message: iss.message });
    }
    return null;
  }
  const q = parsed.data;
  const texts = block.lines.map((l) => l.text);
  // zod's record silently drops a `__proto__` key that YAML keeps as an own
  // property: say so rather than load the exercise without the author's parameter.
  const rawParams = (yaml.data as { params?: unknown }).params;
  if (rawParams && typeof rawParams === "object") {
    const dropped = Object.keys(rawParams).find((k) => !Object.hasOwn(q.params, k));
    if (dropped !== undefined) {
      issues.push({ file, line: block.lines[findKeyLine(texts, dropped, "nested")]?.no ?? at, field: `exercise.params.${dropped}`, message: `"${dropped}" cannot be a parameter name` });
      return null;
    }
  }
  // Keys are content: found by string comparison, never through a RegExp built from them.
  const lineOf = (key: string, nesting: "top" | "nested" = "top") => block.lines[findKeyLine(texts, key, nesting)]?.no ?? at;
  if (options.generators) {
    // Own keys only: `generator: constructor` must not find Object.prototype.constructor.
    const schema = ownValue(options.generators, q.generator);
    if (!schema) {
      issues.push({
        file,
        line: lineOf("generator"),
        field: "exercise.generator",
        message: `unknown generator "${q.generator}" (known: ${Object.keys(options.generators).sort().join(", ")})`,
      });
      return null;
    }
    for (const [key, value] of Object.entries(q.params)) {
      const allowed = ownValue(schema, key);
      const problem = !allowed
        ? `"${q.generator}" takes no parameter "${key}"${Object.keys(schema).length ? ` (it takes: ${Object.keys(schema).join(", ")})` : ""}`
        : allowed.includes(value)
          ? null
          : `expected one of ${allowed.join(", ")}, got ${String(value)}`;
      if (problem) {
        issues.push({ file, line: lineOf(key, "nested"), field: `exercise.params.${key}`, message: problem });
        return null;
      }
    }
  }
  const spec: ExerciseSpec = { generator: q.generator, difficulty: q.difficulty, params: q.params, title: q.title ?? null };
  return {
    kind: "exercise",
    front: q.title ?? q.generator,
    back: "",
    line: at,
    marker: q.id ?? null,
    identity: JSON.stringify([q.generator, q.params, q.difficulty]),
    exercise: spec,
  };
}

interface ClozeSpans {
  body: string;
  marker: string | null;
  spans: { start: number; end: number }[];
}

/**
 * Finds `==span==`s in one left-to-right pass (linear in the paragraph): a
 * span is `==`, at least one character, and the next `==` on the same line;
 * `===` may open a span whose text starts with `=`. Stops after `max` spans.
 * Math inside a span (==$x$==) is masked to NULs, which a span may hold.
 */
function clozeSpans(ls: Line[], max: number): ClozeSpans | null {
  const { text: body, marker } = takeMarker(ls.map((l) => l.text).join("\n"));
  const masked = maskInline(body);
  const spans: { start: number; end: number }[] = [];
  let i = masked.indexOf("==");
  while (i >= 0 && spans.length < max) {
    let j = i + 2;
    let end = -1;
    while (j < masked.length && masked[j] !== "\n") {
      if (masked[j] === "=" && masked[j + 1] === "=") {
        if (j > i + 2) end = j + 2;
        break;
      }
      j++;
    }
    if (end >= 0) {
      spans.push({ start: i, end });
      i = masked.indexOf("==", end);
    } else {
      // No span opens here; `===x==` may open one a character later. Past a
      // newline or a failed `====`, scanning on from i + 1 never re-reads more
      // than this one line, so the whole pass stays linear.
      i = masked.indexOf("==", i + 1);
    }
  }
  return spans.length ? { body, marker, spans } : null;
}

function clozeCards(ls: Line[], { body, marker, spans }: ClozeSpans): RawCard[] {
  const inner = (s: { start: number; end: number }) => body.slice(s.start + 2, s.end - 2);
  return spans.map((span, k) => {
    let front = "";
    let back = "";
    let pos = 0;
    spans.forEach((s, j) => {
      front += body.slice(pos, s.start) + (j === k ? "**[…]**" : inner(s));
      back += body.slice(pos, s.start) + (j === k ? `**${inner(s)}**` : inner(s));
      pos = s.end;
    });
    front += body.slice(pos);
    back += body.slice(pos);
    return {
      kind: "cloze" as const,
      front,
      back,
      line: ls[0]!.no,
      marker: marker ? `${marker}-${k + 1}` : null,
      identity: front,
      exercise: null,
    };
  });
}
