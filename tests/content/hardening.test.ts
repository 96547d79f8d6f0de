import { describe, expect, it } from "vitest";
import { MAX_CLOZE_PARAGRAPH_CHARS, MAX_CLOZES_PER_NOTE } from "@/lib/content/cards";
import { contentParseOptions } from "@/lib/content/options";
import { parseNote } from "@/lib/content/parse";

const options = contentParseOptions();
const exercise = (yaml: string) => `# Q\n\n\`\`\`exercise\n${yaml}\n\`\`\`\n`;

describe("exercise params keys are content, never a regular expression", () => {
  it('a key with a regex metacharacter ("(") is reported with file, line and field instead of throwing', () => {
    const { issues } = parseNote(exercise('generator: sigmoid-derivative\nparams:\n  "(": 1'), "en/paren.md", options);
    expect(issues).toEqual([expect.objectContaining({ file: "en/paren.md", line: 6, field: "exercise.params.(" })]);
  });

  it("a catastrophic-backtracking key is reported at once", () => {
    const t = performance.now();
    const { issues } = parseNote(exercise(`generator: sigmoid-derivative\nparams:\n  "(a|a)*$": ${"a".repeat(40)}b`), "en/redos.md", options);
    expect(performance.now() - t).toBeLessThan(200);
    expect(issues).toEqual([expect.objectContaining({ line: 6, field: "exercise.params.(a|a)*$" })]);
  });

  it("a schema error on a key full of metacharacters still names its line", () => {
    const { issues } = parseNote(exercise("generator: sigmoid-derivative\ndifficulty: 9"), "en/d.md", options);
    expect(issues).toEqual([expect.objectContaining({ line: 5, field: "exercise.difficulty" })]);
  });
});

describe("names from content are looked up among own keys only", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    it(`generator: ${name} is an unknown generator`, () => {
      const { note, issues } = parseNote(exercise(`generator: ${name}`), "en/proto.md", options);
      expect(issues).toEqual([expect.objectContaining({ file: "en/proto.md", line: 4, field: "exercise.generator" })]);
      expect(note!.cards).toEqual([]);
    });
  }

  it("a parameter named constructor is not a parameter the generator takes", () => {
    const { issues } = parseNote(exercise("generator: sigmoid-derivative\nparams:\n  constructor: 1"), "en/p.md", options);
    expect(issues).toEqual([expect.objectContaining({ line: 6, field: "exercise.params.constructor" })]);
  });
});

describe("cloze extraction is linear and bounded", () => {
  it(`2,000 highlights in one paragraph: reported once past ${MAX_CLOZES_PER_NOTE}, quickly`, () => {
    const text = `# C\n\n${Array.from({ length: 2000 }, (_, i) => `==w${i}==`).join(" ")}\n`;
    const t = performance.now();
    const { note, issues } = parseNote(text, "en/many.md");
    expect(performance.now() - t).toBeLessThan(500);
    expect(note!.cards).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ file: "en/many.md", line: 3, field: "card.cloze" })]);
  });

  it("the limit counts across the paragraphs of a note: the cards before it load", () => {
    const para = Array.from({ length: 30 }, (_, i) => `==w${i}==`).join(" ");
    const text = `# C\n\n${[1, 2, 3, 4].map((k) => `P${k} ${para}`).join("\n\n")}\n`;
    const { note, issues } = parseNote(text, "en/split.md");
    expect(note!.cards).toHaveLength(90);
    expect(issues).toEqual([expect.objectContaining({ line: 9, field: "card.cloze" })]);
  });

  it("a megabyte ==a= line finishes at once and is reported", () => {
    const text = `# C\n\n${"==a=".repeat(250_000)}\n`;
    const t = performance.now();
    const { issues } = parseNote(text, "en/bomb.md");
    expect(performance.now() - t).toBeLessThan(1000);
    expect(issues.map((i) => [i.line, i.field])).toEqual([[3, "card.cloze"]]);
  });

  it(`a cloze paragraph longer than ${MAX_CLOZE_PARAGRAPH_CHARS} characters is reported, not made into cards`, () => {
    const text = `# C\n\nword ${"x".repeat(MAX_CLOZE_PARAGRAPH_CHARS)} ==hidden==\n`;
    const { note, issues } = parseNote(text, "en/long.md");
    expect(note!.cards).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ line: 3, field: "card.cloze" })]);
  });

  it("reads spans as the earlier regex did: ===x== hides =x, spans do not cross lines, == inside math is not a delimiter", () => {
    const { note } = parseNote("A ===x== b ==y\nz. ==$a==b$== end ^m\n", "en/s.md");
    expect(note!.cards.map((c) => [c.marker, c.back])).toEqual([
      ["m-1", "A **=x** b ==y\nz. $a==b$ end"],
      ["m-2", "A =x b ==y\nz. **$a==b$** end"],
    ]);
  });
});

describe("impossible calendar dates are reported, not rolled forward", () => {
  const cases: [string, string][] = [
    ["created: 2025-13-45", "created"],
    ["last_reviewed: 2025-02-30", "last_reviewed"],
    ["next_review: '2025-02-29'", "next_review"],
    ['created: "2025-04-31"', "created"],
    ["created: 2025-1-32", "created"],
    ["next_review: 2025-10-19T25:00:00Z", "next_review"],
  ];
  for (const [line, field] of cases) {
    it(line, () => {
      const { note, issues } = parseNote(`---\ntitle: T\n${line}\n---\nQ::A\n`, "en/date.md");
      expect(note).toBeNull();
      expect(issues).toEqual([expect.objectContaining({ file: "en/date.md", line: 3, field })]);
    });
  }

  it("real dates still load: a leap day, quoted and unquoted", () => {
    const { note, issues } = parseNote("---\ncreated: 2024-02-29\nnext_review: '2028-02-29'\n---\nQ::A\n", "en/ok.md");
    expect(issues).toEqual([]);
    expect(note!.meta.created).toBe("2024-02-29");
  });
});
