import { describe, expect, it } from "vitest";
import type { KeyPoint } from "@/lib/content/types";
import { interviewBank, interviewBankFor, topicOf, type InterviewQuestion } from "@/lib/interview/bank";
import { cardWeakness, pickQuestions, questionWeight, type CardStanding } from "@/lib/interview/pick";
import { parseNote } from "@/lib/content/parse";

const point = (...cards: string[]): KeyPoint => ({ text: "p", cards, line: 1, followUp: null });
/** A question on `topic` whose one point rests on card `<topic>:<card>`. */
const q = (id: string, topic: string, card = "c"): InterviewQuestion => ({
  id,
  noteId: "bank",
  lang: "en",
  topic: { id: topic, title: topic },
  question: id,
  answer: "",
  points: [point(`${topic}:${card}`)],
});
const strong: CardStanding = { retrievability: 0.95, due: false, lapses: 0, isNew: false };
const weak: CardStanding = { retrievability: 0.3, due: true, lapses: 2, isNew: false };

describe("how weak a card counts", () => {
  it("adds forgetting, being due and lapses, by value", () => {
    expect(cardWeakness(strong)).toBeCloseTo(0.05, 12);
    expect(cardWeakness(weak)).toBeCloseTo(0.7 + 1 + 0.4, 12);
    expect(cardWeakness({ retrievability: 0.5, due: false, lapses: 9, isNew: false })).toBeCloseTo(0.5 + 1.0, 12);
    expect(cardWeakness({ retrievability: 0, due: true, lapses: 0, isNew: true })).toBe(0.5);
  });

  it("a question weighs 0.1 plus the mean over its distinct cards; an unknown card counts as new", () => {
    const question: InterviewQuestion = { ...q("x", "t"), points: [point("a:1", "a:2"), point("a:1")] };
    const standing = new Map([["a:1", weak]]);
    expect(questionWeight(question, standing)).toBeCloseTo(0.1 + (2.1 + 0.5) / 2, 12);
  });
});

describe("picking questions", () => {
  const bank = [q("a1", "A", "1"), q("a2", "A", "2"), q("a3", "A", "3"), q("b1", "B"), q("c1", "C"), q("c2", "C", "2"), q("d1", "D")];

  it("is deterministic for a seed, and differs across seeds", () => {
    const ids = (seed: number) => pickQuestions(bank, new Map(), { count: 4, seed }).map((x) => x.id);
    expect(ids(7)).toEqual(ids(7));
    const distinct = new Set(Array.from({ length: 20 }, (_, s) => ids(s).join(",")));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it("never asks a topic twice while another topic with questions left is unused", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const picked = pickQuestions(bank, new Map([["A:1", weak], ["A:2", weak]]), { count: 7, seed });
      expect(new Set(picked.map((x) => x.id)).size).toBe(7);
      // The first four cover the four topics; then C and A (the ones with questions left), then A.
      expect(new Set(picked.slice(0, 4).map((x) => x.topic.id))).toEqual(new Set(["A", "B", "C", "D"]));
      expect(new Set(picked.slice(4, 6).map((x) => x.topic.id))).toEqual(new Set(["A", "C"]));
      expect(picked[6]!.topic.id).toBe("A");
    }
  });

  it("picks a weak, due topic more often, in proportion to its weight", () => {
    // One question per topic; A's card is weak and due, the others well known.
    const one = [q("a", "A"), q("b", "B"), q("c", "C"), q("d", "D")];
    const standing = new Map([["A:c", weak], ["B:c", strong], ["C:c", strong], ["D:c", strong]]);
    const runs = 4000;
    let a = 0;
    for (let seed = 1; seed <= runs; seed++) if (pickQuestions(one, standing, { count: 1, seed })[0]!.id === "a") a++;
    // Weights 0.1 + 2.1 = 2.2 against 0.1 + 0.05 = 0.15 each: P(A) = 2.2 / 2.65 ≈ 0.830; the binomial sd is 0.006.
    expect(a / runs).toBeGreaterThan(0.80);
    expect(a / runs).toBeLessThan(0.86);
    // With no schedule at all every topic is equally likely.
    let b = 0;
    for (let seed = 1; seed <= runs; seed++) if (pickQuestions(one, new Map(), { count: 1, seed })[0]!.id === "b") b++;
    expect(b / runs).toBeGreaterThan(0.22);
    expect(b / runs).toBeLessThan(0.28);
  });

  it("asks at most the whole bank, and nothing for count 0 or an empty bank", () => {
    expect(pickQuestions(bank, new Map(), { count: 50, seed: 1 })).toHaveLength(bank.length);
    expect(pickQuestions(bank, new Map(), { count: 0, seed: 1 })).toEqual([]);
    expect(pickQuestions([], new Map(), { count: 5, seed: 1 })).toEqual([]);
  });
});

describe("the bank", () => {
  const facts = parseNote("---\nid: en/facts\ntitle: Facts\nlang: en\n---\nA::B ^a\n\nC::D ^b\n", "en/facts.md").note!;
  const other = parseNote("---\nid: en/other\ntitle: Other\nlang: en\n---\nE::F ^e\n", "en/other.md").note!;
  const bankNote = parseNote(
    ["---", "id: en/bank", "lang: en", "---", "Q1?::A1 ^q1", "Key points:", "- x → en/other:e", "- y → en/facts:a, en/facts:b", "", "Q2?::A2 ^q2", "Key points:", "- gone → en/facts:nope", "", "Q3?::A3 ^q3"].join("\n"),
    "en/bank.md",
  ).note!;
  const zh = parseNote("---\nid: zh/bank\nlang: zh\n---\n问::答 ^q\n\nKey points:\n- 点 → zh/bank:q\n", "zh/bank.md").note!;

  it("holds the questions of one language, topic from the note most cards come from, dropping unknown cards", () => {
    const bank = interviewBank([facts, other, bankNote, zh], "en");
    expect(bank.map((x) => [x.id, x.topic, x.question, x.points.length])).toEqual([["en/bank:q1", { id: "en/facts", title: "Facts" }, "Q1?", 2]]);
    expect(interviewBank([facts, other, bankNote, zh], "zh").map((x) => x.id)).toEqual(["zh/bank:q"]);
    // Notes without key points make an empty bank (the page then says no questions are written in that language).
    expect(interviewBank([facts, other], "en")).toEqual([]);
    expect(interviewBank([facts, other, bankNote], "zh")).toEqual([]);
  });

  it("asks a question written in both languages once, in the interface language when studied", () => {
    const twin = (lang: "en" | "zh") =>
      parseNote(`---\nid: ${lang}/bank\nlang: ${lang}\n---\nQ::A ^q\n\nKey points:\n- p → ${lang}/bank:f\n\nF::G ^f\n\nR::S ^r\n\nKey points:\n- p → ${lang}/bank:f\n`, `${lang}/bank.md`).note!;
    const only = parseNote("---\nid: zh/only\nlang: zh\n---\n问::答 ^z\n\nKey points:\n- 点 → zh/only:z\n", "zh/only.md").note!;
    const notes = [twin("en"), twin("zh"), only];
    expect(interviewBankFor(notes, ["en", "zh"], "zh").map((x) => x.id)).toEqual(["zh/bank:q", "zh/bank:r", "zh/only:z"]);
    expect(interviewBankFor(notes, ["en", "zh"], "en").map((x) => x.id)).toEqual(["en/bank:q", "en/bank:r", "zh/only:z"]);
    expect(interviewBankFor(notes, ["en"], "zh").map((x) => x.id)).toEqual(["en/bank:q", "en/bank:r"]);
  });

  it("breaks a topic tie for the note named first", () => {
    expect(topicOf([point("n/one:a"), point("n/two:b")])).toBe("n/one");
    expect(topicOf([point("n/one:a"), point("n/two:b", "n/two:c")])).toBe("n/two");
  });
});
