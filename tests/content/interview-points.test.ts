import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { checkInterviewRefs } from "@/lib/content/interview";
import { loadContent } from "@/lib/content/load";
import { formatIssue, type ParsedNote } from "@/lib/content/types";

const note = (body: string, file = "en/bank.md") => parseNote(`---\nid: en/bank\nlang: en\n---\n${body}`, file);
/** Body line n is file line n + 4 (three frontmatter lines and the closing ---). */
const L = (n: number) => n + 4;

describe("key points of an interview question", () => {
  it("attach to the card right above, with follow-ups and several cards per point", () => {
    const { note: n, issues } = note(
      [
        "# Bank", // 1
        "", // 2
        "Why does sigmoid shrink gradients?::Its slope is at most 1/4. ^q-sigmoid", // 3
        "", // 4
        "Key points:", // 5
        "- [ ] $\\sigma' \\le 1/4$ at $z = 0$ → en/other:sigma-max", // 6
        "  Follow-up: And why does that make a ten-layer gradient vanish?", // 7
        "- it saturates, $\\sigma'(z) \\to 0$ → en/other:saturation, en/bank:fact", // 8
        "  - Follow-up exercise: en/other:chain-ex", // 9
        "", // 10
        "A fact::an answer ^fact", // 11
      ].join("\n"),
    );
    expect(issues).toEqual([]);
    const q = n!.cards.find((c) => c.id === "en/bank:q-sigmoid")!;
    expect(q.interview).toEqual({
      line: L(5),
      points: [
        { text: "$\\sigma' \\le 1/4$ at $z = 0$", cards: ["en/other:sigma-max"], line: L(6), followUp: { kind: "question", text: "And why does that make a ten-layer gradient vanish?", line: L(7) } },
        { text: "it saturates, $\\sigma'(z) \\to 0$", cards: ["en/other:saturation", "en/bank:fact"], line: L(8), followUp: { kind: "exercise", cardId: "en/other:chain-ex", line: L(9) } },
      ],
    });
    // The block is not prose and makes no card; the other card has no key points.
    expect(n!.prose).not.toContain("Key points");
    expect(n!.cards.map((c) => c.id)).toEqual(["en/bank:q-sigmoid", "en/bank:fact"]);
    expect(n!.cards[1]!.interview).toBeUndefined();
  });

  it("may follow the card with no blank line, and an arrow inside math is text", () => {
    const { note: n, issues } = note(["Q?::A ^q", "Key points:", "- $a \\rightarrow b$ and `x → y` → en/o:c"].join("\n"));
    expect(issues).toEqual([]);
    expect(n!.cards[0]!.interview!.points[0]).toMatchObject({ text: "$a \\rightarrow b$ and `x → y`", cards: ["en/o:c"] });
  });

  it("a point containing == or :: is not card syntax", () => {
    const { note: n, issues } = note(["Q?::A ^q", "", "Key points:", "- $a == b$, and a::b is fine → en/o:c"].join("\n"));
    expect(issues).toEqual([]);
    expect(n!.cards).toHaveLength(1);
  });

  const problems = (body: string[]) => note(body.join("\n")).issues.map(formatIssue);

  it("reports each broken point with file, line and field, and keeps the good ones", () => {
    const { note: n, issues } = note(
      [
        "Q?::A ^q", // 1
        "", // 2
        "Key points:", // 3
        "- no card here", // 4
        "-  → en/o:c", // 5
        "- text →  ", // 6
        "- text → not-an-id", // 7
        "- text → en/o:a, , en/o:b", // 8
        "- good → en/o:c", // 9
        "  Follow-up:", // 10
        "  Follow-up: a deeper question", // 11
        "  Follow-up: a second one", // 12
        "stray line", // 13
        "- text → en/o:a, en/o:a", // 14
      ].join("\n"),
    );
    expect(issues.map(formatIssue)).toEqual([
      `en/bank.md:${L(4)}: interview.card: a key point must name the card(s) it rests on: end it with “→ <note id>:<card id>”`,
      `en/bank.md:${L(5)}: interview.point: empty key point (nothing before →)`,
      `en/bank.md:${L(6)}: interview.card: no card id after →`,
      `en/bank.md:${L(7)}: interview.card: “not-an-id” is not a card id (<note id>:<card id>)`,
      `en/bank.md:${L(8)}: interview.card: empty card id in the list (two commas, or one at the end)`,
      `en/bank.md:${L(10)}: interview.follow-up: empty follow-up question`,
      `en/bank.md:${L(12)}: interview.follow-up: this point already has a follow-up (line ${L(11)})`,
      `en/bank.md:${L(13)}: interview.point: expected a key point (“- text → <note id>:<card id>”, one line each) or an indented “Follow-up:” / “Follow-up exercise:” line under one`,
      `en/bank.md:${L(14)}: interview.card: card “en/o:a” is named twice in this point`,
    ]);
    expect(n!.cards[0]!.interview!.points.map((p) => p.line)).toEqual([L(9)]);
  });

  it("must follow exactly one card, once", () => {
    expect(problems(["# Heading", "", "Key points:", "- x → en/o:c"])).toEqual([
      `en/bank.md:${L(3)}: interview.question: “Key points:” must come right after the card (the interview question) it belongs to`,
    ]);
    expect(problems(["A::B", "C::D", "", "Key points:", "- x → en/o:c"])).toEqual([
      `en/bank.md:${L(4)}: interview.question: the paragraph above makes 2 cards; put “Key points:” right after the one card it belongs to`,
    ]);
    expect(problems(["A::B ^q", "", "Key points:", "- x → en/o:c", "", "Key points:", "- y → en/o:d"])).toEqual([
      `en/bank.md:${L(6)}: interview.question: a second “Key points:” block for one question (the first is on line ${L(3)})`,
    ]);
    expect(problems(["A::B ^q", "", "Key points:"])).toEqual([`en/bank.md:${L(3)}: interview: “Key points:” is followed by no points`]);
    expect(problems(["A::B ^q", "", "Key points:", "  Follow-up: why?"])).toEqual([
      `en/bank.md:${L(4)}: interview.follow-up: a follow-up must come under a key point`,
      `en/bank.md:${L(3)}: interview: “Key points:” is followed by no points`,
    ]);
  });

  it("a duplicate question id is reported and its key points go with it", () => {
    const { note: n, issues } = note(["A::B ^q", "", "Key points:", "- x → en/o:c", "", "C::D ^q", "", "Key points:", "- y → en/o:d"].join("\n"));
    expect(issues.map(formatIssue)).toEqual([`en/bank.md:${L(6)}: card.id: duplicate card id "q" (first used on line ${L(1)})`]);
    expect(n!.cards).toHaveLength(1);
    expect(n!.cards[0]!.interview!.points[0]!.text).toBe("x");
  });
});

describe("references between notes", () => {
  const parse = (text: string, file: string): ParsedNote => parseNote(text, file).note!;
  const facts = parse("---\nid: en/facts\nlang: en\n---\nA::B ^a\n\n```exercise\nid: ex\ngenerator: gradient-clipping\n```\n", "en/facts.md");
  const zhFacts = parse("---\nid: zh/facts\nlang: zh\n---\n甲::乙 ^a\n", "zh/facts.md");
  const bank = parse(
    [
      "---",
      "id: en/bank",
      "lang: en",
      "---",
      "Q::A ^q", // 5
      "Key points:", // 6
      "- known → en/facts:a", // 7
      "- unknown → en/facts:nope", // 8
      "- other language → zh/facts:a", // 9
      "  Follow-up exercise: en/facts:a", // 10
      "- fine → en/facts:a", // 11
      "  Follow-up exercise: en/facts:ex", // 12
      "- missing exercise → en/facts:a", // 13
      "  Follow-up exercise: en/facts:gone", // 14
    ].join("\n"),
    "en/bank.md",
  );

  it("names unknown cards, cards of the other language and follow-ups that are not exercises", () => {
    expect(checkInterviewRefs([facts, zhFacts, bank]).map(formatIssue)).toEqual([
      "en/bank.md:8: interview.card: unknown card “en/facts:nope”",
      "en/bank.md:9: interview.card: card “zh/facts:a” is in a zh note; key points of a en note rest on en cards",
      "en/bank.md:10: interview.follow-up: “en/facts:a” is not a live exercise card",
      "en/bank.md:14: interview.follow-up: unknown card “en/facts:gone”",
    ]);
  });

  it("are checked by the loader, so content:check reports them", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "interview-refs-"));
    mkdirSync(path.join(dir, "en"));
    writeFileSync(path.join(dir, "en/bank.md"), "---\nid: en/bank\nlang: en\n---\nQ::A ^q\n\nKey points:\n- x → en/facts:missing\n");
    writeFileSync(path.join(dir, "en/facts.md"), "---\nid: en/facts\nlang: en\n---\nA::B ^a\n");
    expect(loadContent(dir).issues.map(formatIssue)).toEqual(["en/bank.md:8: interview.card: unknown card “en/facts:missing”"]);
  });
});
