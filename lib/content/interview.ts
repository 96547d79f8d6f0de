import { maskInline } from "./cards";
import type { ContentIssue, FollowUp, InterviewSpec, KeyPoint, ParsedNote } from "./types";

/**
 * Key points of interview questions (content/README.md, "Interview
 * questions"): a paragraph that starts with the line `Key points:`, right
 * after the card it belongs to, with one list item per point.
 *
 *     Key points:
 *     - $\sigma' \le 1/4$, so each layer shrinks the gradient → en/03-sigmoid-derivative:sigmoid-bound-proof
 *       Follow-up: And why does that make a ten-layer gradient vanish?
 *     - … → en/02-one-neuron-chain:per-layer-quarter, en/02-one-neuron-chain:sixteen-condition
 *       Follow-up exercise: en/02-one-neuron-chain:chain-b1-sigmoid
 *
 * Keywords are compared as plain strings; nothing from content becomes a RegExp.
 */
export const KEY_POINTS_HEADER = "Key points:";
const FOLLOW_UP = "Follow-up:";
const FOLLOW_UP_EXERCISE = "Follow-up exercise:";
/** Between a point's text and the cards it rests on. */
export const POINT_ARROW = "→";

export function isKeyPointsHeader(text: string): boolean {
  return text.trim() === KEY_POINTS_HEADER;
}

/** `<note id>:<card id>`: a colon with something on both sides, no spaces around it. */
function looksLikeCardId(id: string): boolean {
  const colon = id.lastIndexOf(":");
  return colon > 0 && colon < id.length - 1 && id.trim() === id;
}

interface BlockLine {
  text: string;
  no: number;
}

/** A list item's text: `- x`, `* x`, `+ x`, with an optional Obsidian task box `[ ]` / `[x]`. */
function listItem(text: string): string | null {
  const m = /^ ?[-*+]\s+(?:\[[ xX]\]\s+)?/.exec(text);
  return m ? text.slice(m[0].length) : null;
}

/**
 * Reads a key-points block (its first line is the header). Problems name the
 * file, line and field; a broken point is left out, a block with no valid
 * point gives no spec.
 */
export function parseKeyPoints(lines: readonly BlockLine[], file: string): { spec: InterviewSpec | null; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const header = lines[0]!;
  const points: KeyPoint[] = [];
  /** The point the next follow-up belongs to; null after a broken point (its follow-up is dropped with it). */
  let current: KeyPoint | null = null;
  let sawPoint = false;
  const issue = (no: number, field: string, message: string) => issues.push({ file, line: no, field, message });

  for (const line of lines.slice(1)) {
    const indented = /^\s{2,}/.test(line.text);
    const item = indented ? null : listItem(line.text);
    if (item !== null) {
      sawPoint = true;
      current = readPoint(item, line.no, issue);
      if (current) points.push(current);
      continue;
    }
    const body = (listItem(line.text.trim()) ?? line.text.trim()).trim();
    const isExercise = body.startsWith(FOLLOW_UP_EXERCISE);
    if (indented && (isExercise || body.startsWith(FOLLOW_UP))) {
      if (!sawPoint) {
        issue(line.no, "interview.follow-up", "a follow-up must come under a key point");
        continue;
      }
      if (!current) continue;
      if (current.followUp) {
        issue(line.no, "interview.follow-up", `this point already has a follow-up (line ${current.followUp.line})`);
        continue;
      }
      const value = body.slice((isExercise ? FOLLOW_UP_EXERCISE : FOLLOW_UP).length).trim();
      let followUp: FollowUp | null = null;
      if (!value) issue(line.no, "interview.follow-up", isExercise ? "no exercise card id after “Follow-up exercise:”" : "empty follow-up question");
      else if (!isExercise) followUp = { kind: "question", text: value, line: line.no };
      else if (!looksLikeCardId(value)) issue(line.no, "interview.follow-up", `“${value}” is not a card id (<note id>:<card id>)`);
      else followUp = { kind: "exercise", cardId: value, line: line.no };
      if (followUp) current.followUp = followUp;
      continue;
    }
    issue(
      line.no,
      "interview.point",
      "expected a key point (“- text → <note id>:<card id>”, one line each) or an indented “Follow-up:” / “Follow-up exercise:” line under one",
    );
  }
  if (points.length === 0) {
    if (!sawPoint) issue(header.no, "interview", "“Key points:” is followed by no points");
    return { spec: null, issues };
  }
  return { spec: { line: header.no, points }, issues };
}

function readPoint(item: string, no: number, issue: (no: number, field: string, message: string) => void): KeyPoint | null {
  // The last arrow outside math and code: `$a \to b$` or a literal → inside `$…$` is text.
  const arrow = maskInline(item).lastIndexOf(POINT_ARROW);
  if (arrow < 0) {
    issue(no, "interview.card", `a key point must name the card(s) it rests on: end it with “${POINT_ARROW} <note id>:<card id>”`);
    return null;
  }
  const text = item.slice(0, arrow).trim();
  if (!text) {
    issue(no, "interview.point", `empty key point (nothing before ${POINT_ARROW})`);
    return null;
  }
  const ids = item
    .slice(arrow + POINT_ARROW.length)
    .split(",")
    .map((s) => s.trim());
  if (ids.every((id) => id === "")) {
    issue(no, "interview.card", `no card id after ${POINT_ARROW}`);
    return null;
  }
  const bad = ids.find((id) => !looksLikeCardId(id));
  if (bad !== undefined) {
    issue(no, "interview.card", bad === "" ? "empty card id in the list (two commas, or one at the end)" : `“${bad}” is not a card id (<note id>:<card id>)`);
    return null;
  }
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) {
    issue(no, "interview.card", `card “${dup}” is named twice in this point`);
    return null;
  }
  return { text, cards: ids, line: no, followUp: null };
}

/**
 * Checks what the key points of every note refer to, across notes: each card
 * exists, is in a note of the question's language, and a follow-up exercise is
 * an exercise card. Pure: the notes in, problems out.
 */
export function checkInterviewRefs(notes: readonly ParsedNote[]): ContentIssue[] {
  const cards = new Map<string, { lang: string; exercise: boolean }>();
  for (const note of notes) for (const card of note.cards) cards.set(card.id, { lang: note.lang, exercise: card.kind === "exercise" });
  const issues: ContentIssue[] = [];
  for (const note of notes) {
    for (const card of note.cards) {
      if (!card.interview) continue;
      for (const point of card.interview.points) {
        for (const id of point.cards) {
          const target = cards.get(id);
          if (!target) issues.push({ file: note.path, line: point.line, field: "interview.card", message: `unknown card “${id}”` });
          else if (target.lang !== note.lang)
            issues.push({ file: note.path, line: point.line, field: "interview.card", message: `card “${id}” is in a ${target.lang} note; key points of a ${note.lang} note rest on ${note.lang} cards` });
        }
        const f = point.followUp;
        if (f?.kind !== "exercise") continue;
        const target = cards.get(f.cardId);
        const problem = !target
          ? `unknown card “${f.cardId}”`
          : !target.exercise
            ? `“${f.cardId}” is not a live exercise card`
            : target.lang !== note.lang
              ? `exercise “${f.cardId}” is in a ${target.lang} note, not ${note.lang}`
              : null;
        if (problem) issues.push({ file: note.path, line: f.line, field: "interview.follow-up", message: problem });
      }
    }
  }
  return issues;
}
