import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inlineTags } from "@/lib/content/inline-tags";
import { listNoteFiles, loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { parseNote } from "@/lib/content/parse";
import { renderMarkdown } from "@/lib/content/render";
import { syncNotes } from "@/lib/db/sync";
import { createTempDb, type TempDb } from "../support/temp-db";

// A small Obsidian vault (tests/content/fixtures/vault): no frontmatter,
// Obsidian-only keys, nested folders with spaces, wiki links, embeds,
// callouts, inline #tags, CRLF and a BOM. It must load with no edits.
const vault = path.join(import.meta.dirname, "fixtures", "vault");
const NOTES = [
  "Deep nets/Exploding gradients.md",
  "Deep nets/Fixes/Gradient clipping.md",
  "Deep nets/Fixes/Residual connections.md",
  "Vanishing gradients.md",
];

describe("the fixture vault is what it claims to be", () => {
  it("has CRLF files, a BOM, a note without frontmatter, and non-note files", () => {
    const raw = (rel: string) => readFileSync(path.join(vault, rel));
    expect(raw("Vanishing gradients.md").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(raw("Vanishing gradients.md").toString("utf8")).toMatch(/^\uFEFF[^-]/);
    for (const rel of ["Vanishing gradients.md", "Deep nets/Fixes/Residual connections.md"]) {
      const text = raw(rel).toString("utf8");
      expect(text.split("\n").length - 1).toBe(text.split("\r\n").length - 1);
      expect(text).toContain("\r\n");
    }
    expect(raw("attachments/sigmoid-curve.png").subarray(1, 4).toString()).toBe("PNG");
    expect(raw(".obsidian/app.json").length).toBeGreaterThan(0);
  });
});

describe("loading an Obsidian vault", () => {
  const { notes, issues, unreadablePaths } = loadContent(vault, contentParseOptions());
  const byPath = (rel: string) => notes.find((n) => n.path === rel)!;
  const summary = (rel: string) => byPath(rel).cards.map((c) => [c.kind, c.marker ?? "(derived)", c.front, c.back]);

  it("loads every Markdown note with no problems and ignores other files", () => {
    expect(issues).toEqual([]);
    expect(unreadablePaths).toEqual([]);
    expect(listNoteFiles(vault)).toEqual(NOTES);
    expect(notes.map((n) => n.path)).toEqual(NOTES);
  });

  it("takes ids from paths (spaces kept) and titles from the heading or the file name", () => {
    expect(notes.map((n) => [n.id, n.title, n.lang])).toEqual([
      ["Deep nets/Exploding gradients", "Exploding gradients", "en"], // a Chinese alias does not make it Chinese
      ["Deep nets/Fixes/Gradient clipping", "Gradient clipping", "en"],
      ["Deep nets/Fixes/Residual connections", "Residual connections", "en"], // `title:` left empty
      ["Vanishing gradients", "Vanishing gradients", "en"], // no frontmatter, no heading
    ]);
  });

  it("reads tags in Obsidian's forms and adds inline #tags; other Obsidian keys are ignored", () => {
    expect(notes.map((n) => n.meta.tags)).toEqual([
      ["gradients", "rnn"],
      ["optimisation", "gradients/exploding"],
      ["resnet", "skip-connections", "architecture"],
      ["gradients/vanishing", "review-later"],
    ]);
    expect(byPath("Deep nets/Exploding gradients.md").meta).toMatchObject({ created: "2024-05-02T10:15", reviewCount: 0, difficulty: "medium" });
  });

  it("finds the :: cards, with and without list markers and ^ids, beside wiki links and callouts", () => {
    expect(summary("Vanishing gradients.md")).toEqual([
      ["basic", "sigma-peak", "Largest value of $\\sigma'(z)$", "$1/4$, reached at $z = 0$"],
      ["basic", "slow-layers", "Which layers learn slowest in a deep sigmoid MLP?", "the ones closest to the input"],
      ["basic", "(derived)", "What does [[Exploding gradients]] describe?", "the same product growing instead of shrinking"],
    ]);
    const prose = byPath("Vanishing gradients.md").prose;
    expect(prose).toContain("> [!note] In one sentence");
    expect(prose).toContain("![[sigmoid-curve.png]]");
    expect(prose).not.toMatch(/[\r\uFEFF]/);
  });

  it("finds multi-line ? cards and reads CRLF files without stray carriage returns", () => {
    expect(summary("Deep nets/Exploding gradients.md")).toEqual([
      [
        "multiline",
        "rnn-power",
        "Why are recurrent networks especially exposed to this?",
        "The same weight matrix is applied at every time step, so its largest\neigenvalue is raised to the power of the sequence length.",
      ],
      ["basic", "norm-watch", "A cheap test for explosion during training", "watch the global gradient norm; a sudden jump of several orders of magnitude"],
    ]);
    expect(summary("Deep nets/Fixes/Residual connections.md")).toEqual([
      ["basic", "res-jacobian", "Derivative of a residual block with respect to its input", "$I + \\partial F/\\partial x$"],
      ["multiline", "(derived)", "Why does the identity path help very deep networks?", "The gradient has a route to early layers that is not a long product of small factors."],
    ]);
  });

  it("makes one cloze card per ==span==", () => {
    const cards = byPath("Deep nets/Fixes/Gradient clipping.md").cards;
    expect(cards.map((c) => [c.kind, c.marker])).toEqual([
      ["cloze", "clip-norm-1"],
      ["cloze", "clip-norm-2"],
      ["cloze", "clip-norm-3"],
      ["basic", "clip-value"],
    ]);
    expect(cards[2]!.front).toContain("keeping the **[…]** unchanged");
    expect(cards[2]!.back).toContain("keeping the **direction** unchanged");
    expect(cards[0]!.front).toContain("to length **[…]** whenever its norm exceeds the threshold $c$");
  });

  it("renders every card and the prose with no maths errors", () => {
    for (const n of notes) {
      for (const md of [n.prose, ...n.cards.flatMap((c) => [c.front, c.back])]) expect(renderMarkdown(md).errors).toEqual([]);
    }
  });
});

describe("a vault copied into content/ next to the study notes", () => {
  let t: TempDb;
  let dir: string;
  beforeEach(() => {
    t = createTempDb();
    dir = mkdtempSync(path.join(tmpdir(), "gradprep-import-"));
    cpSync(path.join(import.meta.dirname, "..", "..", "content"), dir, { recursive: true });
    cpSync(vault, path.join(dir, "obsidian"), { recursive: true });
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads and syncs into a real database with no problems; a second sync changes nothing", async () => {
    const { notes, issues, unreadablePaths } = loadContent(dir, contentParseOptions());
    expect(issues).toEqual([]);
    expect(unreadablePaths).toEqual([]);
    const imported = notes.filter((n) => n.path.startsWith("obsidian/"));
    expect(imported.map((n) => n.id)).toEqual(NOTES.map((p) => `obsidian/${p.replace(/\.md$/, "")}`));
    const cardCount = notes.reduce((k, n) => k + n.cards.length, 0);

    const t0 = new Date("2026-03-01T09:00:00Z");
    const first = await syncNotes(t.db, notes, { now: t0, unreadablePaths });
    expect(first).toMatchObject({ notes: notes.length, cardsCreated: cardCount, cardsRetired: 0 });
    const rows = await t.db.card.findMany({ where: { noteId: { startsWith: "obsidian/" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.id)).toEqual(imported.flatMap((n) => n.cards.map((c) => c.id)).sort());
    expect(rows.length).toBe(11);
    expect(rows.every((r) => r.state === 0 && !r.retired)).toBe(true);
    const note = await t.db.note.findUniqueOrThrow({ where: { id: "obsidian/Deep nets/Fixes/Gradient clipping" } });
    expect(JSON.parse(note.tags)).toEqual(["optimisation", "gradients/exploding"]);

    const again = await syncNotes(t.db, loadContent(dir, contentParseOptions()).notes, { now: new Date(t0.getTime() + 60_000) });
    expect(again).toMatchObject({ cardsCreated: 0, cardsRetired: 0, notesRetired: 0 });
  });
});

describe("what stays an error", () => {
  it("tags that are neither a list nor a string, and a title that is a list", () => {
    const r = parseNote("---\ntags:\n  a: 1\ntitle: [x]\n---\nQ::A\n", "n.md");
    expect(r.note).toBeNull();
    expect(r.issues.map((i) => [i.field, i.line])).toEqual([
      ["tags", 2],
      ["title", 4],
    ]);
  });

  it("frontmatter that is not key: value pairs", () => {
    const r = parseNote("---\n- just\n- a list\n---\nQ::A\n", "n.md");
    expect(r.note).toBeNull();
    expect(r.issues[0]).toMatchObject({ line: 2, field: "frontmatter" });
  });

  it("empty properties are simply not set (not an error)", () => {
    const r = parseNote("---\ntitle:\nid:\nlang:\ndifficulty:\nreview_count:\nmastery_level:\nlast_reviewed:\n---\n# Heading\n", "x/n.md");
    expect(r.issues).toEqual([]);
    expect(r.note).toMatchObject({ id: "x/n", title: "Heading", meta: { difficulty: "medium", reviewCount: 0, masteryLevel: 0, lastReviewed: null } });
  });
});

describe("inline #tags", () => {
  it("are found after a space or at line start, not in code, math, headings, links or numbers", () => {
    const body = [
      "# Heading is not a tag",
      "Text #one and #two/nested, #三 and #1 (a number) and C#sharp and [link](#anchor).",
      "`#code` and $\\#math$ and #one again",
      "```",
      "#fenced",
      "```",
      "$$",
      "#display",
      "$$",
      "#last",
    ];
    expect(inlineTags(body)).toEqual(["one", "two/nested", "三", "last"]);
  });
});
