import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { formatIssue } from "@/lib/content/types";
import { renderMarkdown } from "@/lib/content/render";

const dir = path.join(import.meta.dirname, "fixtures");
const read = (rel: string) => parseNote(readFileSync(path.join(dir, rel), "utf8"), rel);

describe("a note in the original study-note format", () => {
  const { note, issues } = read("seed-format.md");

  it("loads unchanged, with no problems", () => {
    expect(issues).toEqual([]);
    expect(note).not.toBeNull();
  });

  it("keeps every frontmatter key, including Chinese tags with paths", () => {
    expect(note!.meta).toEqual({
      created: "2025-10-19",
      lastReviewed: "2025-10-19",
      nextReview: "2025-10-19",
      reviewCount: 0,
      difficulty: "medium",
      masteryLevel: 0,
      tags: ["深度学习", "深度学习/梯度消失与梯度爆炸产生原因的数学分析.md"],
      relatedOutlines: [],
    });
  });

  it("takes the title from the first heading, the id from the path and detects Chinese", () => {
    expect(note!.title).toBe("链式法则与梯度连乘");
    expect(note!.id).toBe("seed-format");
    expect(note!.lang).toBe("zh");
  });

  it("finds the cards of all three forms", () => {
    expect(note!.cards.map((c) => [c.kind, c.marker])).toEqual([
      ["basic", "sigmoid-max"],
      ["basic", null],
      ["multiline", "layer-jacobian"],
      ["cloze", "product-1"],
      ["cloze", "product-2"],
    ]);
    const cloze = note!.cards[3]!;
    expect(cloze.front).toContain("**[…]**");
    expect(cloze.front).not.toContain("很多个因子的乘积");
    expect(cloze.back).toContain("**很多个因子的乘积**");
  });

  it("renders the prose and every card with Temml and no errors", () => {
    for (const md of [note!.prose, ...note!.cards.flatMap((c) => [c.front, c.back])]) {
      const r = renderMarkdown(md);
      expect(r.errors).toEqual([]);
    }
    expect(renderMarkdown(note!.prose).html).toContain('<math display="block"');
  });
});

describe("card forms and look-alikes", () => {
  const { note, issues } = read("all-forms.md");
  const byMarker = (m: string) => note!.cards.find((c) => c.marker === m)!;

  it("parses without problems and honours the explicit title", () => {
    expect(issues).toEqual([]);
    expect(note!.title).toBe("All card forms");
    expect(note!.id).toBe("fixtures/all-forms");
  });

  it("ignores :: and == inside math, code spans and fenced code", () => {
    expect(note!.cards).toHaveLength(6);
    expect(note!.prose).toContain("$a::b$");
    expect(note!.prose).toContain("```python");
  });

  it("splits one-line cards at the first :: and strips list markers and ^markers", () => {
    const c = byMarker("sigma-max");
    expect(c).toMatchObject({ kind: "basic", front: "What is the max of $\\sigma'(z)$?", back: "$1/4$ at $z=0$", id: "fixtures/all-forms:sigma-max" });
    const unmarked = note!.cards.find((x) => x.front.startsWith("A list item"))!;
    expect(unmarked.front).toBe("A list item card without a marker");
    expect(unmarked.id).toMatch(/^fixtures\/all-forms:h[0-9a-z]+$/);
  });

  it("reads a multi-line card up to the blank line, with line numbers", () => {
    const c = byMarker("backprop-matrix");
    expect(c.kind).toBe("multiline");
    expect(c.back).toBe("$\\operatorname{diag}(f'(z^{(l)}))\\,(W^{(l+1)})^\\top$\napplied to $\\delta^{(l+1)}$.");
    const lines = readFileSync(path.join(dir, "all-forms.md"), "utf8").split("\n");
    expect(lines[c.line - 1]).toMatch(/^Which matrix/);
  });

  it("makes one card per cloze span", () => {
    expect(byMarker("init-1").front).toContain("**[…]** and Xavier uses $2/(n_\\text{in}+n_\\text{out})$");
    expect(byMarker("init-2").back).toContain("**$2/(n_\\text{in}+n_\\text{out})$**");
  });

  it("reads an exercise block as a card carrying its generator spec", () => {
    expect(byMarker("chain-b1")).toMatchObject({
      kind: "exercise",
      front: "First bias in a tanh chain",
      exercise: { generator: "chain-bias-gradient", difficulty: 3, params: { activation: "tanh" }, title: "First bias in a tanh chain" },
    });
  });

  it("rejects an exercise naming an unknown generator when generators are given", () => {
    const text = readFileSync(path.join(dir, "all-forms.md"), "utf8");
    const r = parseNote(text, "all-forms.md", { generators: { other: {} } });
    expect(r.issues).toEqual([expect.objectContaining({ field: "exercise.generator", line: 34 })]);
    expect(r.note!.cards.some((c) => c.kind === "exercise")).toBe(false);
  });

  it("rejects a parameter value the generator does not take, on its line", () => {
    const text = readFileSync(path.join(dir, "all-forms.md"), "utf8");
    const ok = parseNote(text, "all-forms.md", { generators: { "chain-bias-gradient": { activation: ["sigmoid", "tanh", "relu"] } } });
    expect(ok.issues).toEqual([]);
    const bad = parseNote(text, "all-forms.md", { generators: { "chain-bias-gradient": { activation: ["sigmoid"] } } });
    expect(bad.issues).toEqual([expect.objectContaining({ field: "exercise.params.activation", line: 37, message: expect.stringContaining("got tanh") })]);
    const none = parseNote(text, "all-forms.md", { generators: { "chain-bias-gradient": {} } });
    expect(none.issues[0]!.message).toContain('takes no parameter "activation"');
  });
});

describe("stable ids", () => {
  const base = "---\nid: n\n---\nWhat is x?::old answer\n\nNamed::a ^named\n";

  it("keeps the id when the answer is edited", () => {
    const a = parseNote(base, "n.md").note!.cards;
    const b = parseNote(base.replace("old answer", "fixed answer").replace("::a ^named", "::b ^named"), "n.md").note!.cards;
    expect(b.map((c) => c.id)).toEqual(a.map((c) => c.id));
  });

  it("changes the derived id when the question changes, but not an explicit one", () => {
    const a = parseNote(base, "n.md").note!.cards;
    const b = parseNote(base.replace("What is x?", "What is y?").replace("Named::", "Renamed::"), "n.md").note!.cards;
    expect(b[0]!.id).not.toBe(a[0]!.id);
    expect(b[1]!.id).toBe(a[1]!.id);
  });

  it("is the same on every run (no randomness)", () => {
    expect(parseNote(base, "n.md").note!.cards[0]!.id).toBe(parseNote(base, "n.md").note!.cards[0]!.id);
  });
});

describe("an exercise block under its old name, quiz", () => {
  const { note, issues } = read("old-quiz-block.md");

  it("still loads as an exercise card, with a warning naming its line", () => {
    expect(note!.cards.map((c) => [c.kind, c.line, c.exercise?.generator])).toEqual([
      ["exercise", 9, "chain-bias-gradient"],
      ["exercise", 18, "sigmoid-derivative"],
    ]);
    expect(issues).toEqual([{ file: "old-quiz-block.md", line: 9, field: "exercise", message: expect.stringContaining("rename the block"), severity: "warning" }]);
    expect(formatIssue(issues[0]!)).toMatch(/^old-quiz-block\.md:9: warning: exercise: /);
  });

  it("keeps the id derived before the rename, under either name (a card's history hangs on its id)", () => {
    // Pinned from the parser before ```quiz became ```exercise: the derived
    // id hashes the card kind, which was "quiz" then.
    expect(note!.cards.map((c) => c.id)).toEqual(["fixtures/old-quiz-block:h16rof9ac06w", "fixtures/old-quiz-block:named"]);
    const renamed = readFileSync(path.join(dir, "old-quiz-block.md"), "utf8").replace("```quiz\n", "```exercise\n");
    const r = parseNote(renamed, "old-quiz-block.md");
    expect(r.issues).toEqual([]);
    expect(r.note!.cards.map((c) => c.id)).toEqual(note!.cards.map((c) => c.id));
  });
});

describe("unquoted dates and review history", () => {
  it("normalises YAML dates to YYYY-MM-DD strings", () => {
    const { note, issues } = read("history.md");
    expect(issues).toEqual([]);
    expect(note!.meta).toMatchObject({ created: "2025-09-01", lastReviewed: "2025-10-01", nextReview: "2025-10-11", reviewCount: 3, difficulty: "hard" });
  });
});

describe("malformed content names file, line and field", () => {
  it("bad YAML: the note is not loaded; the error points into the frontmatter", () => {
    const r = read("invalid/bad-yaml.md");
    expect(r.note).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: "invalid/bad-yaml.md", field: "frontmatter" });
    expect(r.issues[0]!.line).toBeGreaterThanOrEqual(2);
    expect(r.issues[0]!.line).toBeLessThanOrEqual(5);
  });

  it("wrong types: one problem per field, on that field's line", () => {
    const r = read("invalid/wrong-types.md");
    expect(r.note).toBeNull();
    expect(r.issues.map((i) => [i.field, i.line])).toEqual([
      ["review_count", 3],
      ["difficulty", 4],
      ["mastery_level", 5],
    ]);
  });

  it("card errors: each is reported and the valid card still loads", () => {
    const r = read("invalid/card-errors.md");
    expect(r.note!.cards.map((c) => c.marker)).toEqual(["ok", "dup"]);
    expect(r.issues.map((i) => [i.field, i.line])).toEqual([
      ["card.answer", 10],
      ["card.question", 16],
      ["exercise.difficulty", 20],
      ["card.id", 14],
    ]);
    expect(r.issues.find((i) => i.field === "card.id")!.message).toContain("first used on line 12");
  });

  it("an unclosed frontmatter is an error, not a silently empty note", () => {
    const r = parseNote("---\ntitle: x\n# no closing\n", "x.md");
    expect(r.note).toBeNull();
    expect(r.issues[0]).toMatchObject({ line: 1, field: "frontmatter" });
  });
});
