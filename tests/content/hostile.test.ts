import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, type LoadedContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { formatIssue } from "@/lib/content/types";
import { syncNotes } from "@/lib/db/sync";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * The hostile-notes folder (tests/content/fixtures/hostile, README there):
 * every file attacks one thing and must be reported with file, line and
 * field, while the valid notes load and sync, all within a bounded time.
 */
const FIXTURES = path.join(import.meta.dirname, "fixtures/hostile");

/** file → [line, field] of its first reported problem. */
const EXPECTED: Record<string, [number, string]> = {
  "latin1.md": [2, "encoding"],
  "gbk.md": [3, "encoding"],
  "truncated-utf8.md": [4, "encoding"],
  "overlong-utf8.md": [3, "encoding"],
  "surrogate-utf8.md": [3, "encoding"],
  "binary-png.md": [3, "file"],
  "utf16.md": [1, "file"],
  "nul-in-text.md": [4, "file"],
  "regex-param-paren.md": [6, "exercise.params.("],
  "regex-param-redos.md": [6, "exercise.params.(a|a)*$"],
  "regex-param-bracket.md": [6, "exercise.params.["],
  "proto-constructor.md": [4, "exercise.generator"],
  "proto-tostring.md": [4, "exercise.generator"],
  "proto-dunder-proto.md": [4, "exercise.generator"],
  "proto-hasownproperty.md": [4, "exercise.generator"],
  "proto-param-constructor.md": [6, "exercise.params.constructor"],
  "proto-param-dunder.md": [6, "exercise.params.__proto__"],
  "exercise-unknown-generator.md": [4, "exercise.generator"],
  "exercise-unclosed.md": [3, "exercise"],
  "exercise-bad-yaml.md": [5, "exercise"],
  "exercise-difficulty.md": [5, "exercise.difficulty"],
  "exercise-params-list.md": [5, "exercise.params"],
  "cloze-many.md": [5, "card.cloze"],
  "cloze-bomb-line.md": [3, "card.cloze"],
  "cloze-long-paragraph.md": [3, "card.cloze"],
  "dup-id-first.md": [2, "id"],
  "dup-id-second.md": [3, "id"],
  "date-month-13.md": [2, "created"],
  "date-feb-30.md": [3, "last_reviewed"],
  "date-hour-25.md": [2, "next_review"],
  "date-not-a-date.md": [2, "created"],
  "yaml-unclosed-bracket.md": [4, "frontmatter"],
  "yaml-unclosed-block.md": [1, "frontmatter"],
  "yaml-list-not-map.md": [2, "frontmatter"],
  "yaml-alias-bomb.md": [6, "tags"],
  "yaml-deep-nesting.md": [3, "frontmatter"],
  "wrong-type-count.md": [2, "review_count"],
  "wrong-type-mastery.md": [2, "mastery_level"],
  "wrong-type-difficulty.md": [2, "difficulty"],
  "wrong-type-id.md": [2, "id"],
  "huge-line.md": [3, "card.answer"],
  "huge-heading.md": [3, "card.question"],
  "deep-list.md": [154, "card.question"],
  "card-duplicate-marker.md": [5, "card.id"],
  "card-multiline-no-answer.md": [4, "card.answer"],
  // Made by the test: a symbolic link to a note outside the content folder.
  "escape.md": [1, "file"],
};

let root: string;
let dir: string;
let loaded: LoadedContent;
let loadMs: number;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "gradprep-hostile-"));
  dir = path.join(root, "content");
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(path.join(root, "outside.md"), "Outside::the content folder ^o\n");
  symlinkSync(path.join(root, "outside.md"), path.join(dir, "escape.md"));
  symlinkSync(path.join(dir, "valid-en.md"), path.join(dir, "inside-link.md"));
  const t = performance.now();
  loaded = loadContent(dir, contentParseOptions());
  loadMs = performance.now() - t;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the hostile-notes folder", () => {
  it("holds at least 30 attacks, each described in its README", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".md") && f !== "README.md");
    const readme = readFileSync(path.join(FIXTURES, "README.md"), "utf8");
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(30);
    for (const f of files) expect(readme, f).toContain(`\`${f}\``);
    // Every file but the valid ones is an attack this test checks.
    expect(files.filter((f) => !f.startsWith("valid-")).sort()).toEqual(Object.keys(EXPECTED).filter((f) => f !== "escape.md").sort());
  });

  it("loads in bounded time", () => {
    expect(loadMs).toBeLessThan(3000);
  });

  for (const [file, [line, field]] of Object.entries(EXPECTED)) {
    it(`${file}: reported at line ${line}, field ${field}`, () => {
      const mine = loaded.issues.filter((i) => i.file === file);
      expect(mine[0], formatIssue(mine[0] ?? { file, line: 0, field: "-", message: "no problem reported" })).toMatchObject({ file, line, field });
      for (const i of mine) expect(i.message.length).toBeGreaterThan(0);
    });
  }

  it("names both files of a duplicate id", () => {
    const dup = loaded.issues.filter((i) => i.field === "id" && i.file.startsWith("dup-id-"));
    expect(dup.map((i) => [i.file, i.message.includes(i.file === "dup-id-first.md" ? "dup-id-second.md" : "dup-id-first.md")])).toEqual([
      ["dup-id-first.md", true],
      ["dup-id-second.md", true],
    ]);
  });

  it("reports nothing about the valid notes, which load with their cards (a symlink to one is followed once)", () => {
    expect(loaded.issues.filter((i) => i.file.startsWith("valid-") || i.file === "inside-link.md")).toEqual([]);
    const byPath = new Map(loaded.notes.map((n) => [n.path, n]));
    expect(byPath.get("valid-en.md")!.cards.map((c) => c.id)).toEqual(["hostile/valid-en:bound", "hostile/valid-en:vanish-1"]);
    expect(byPath.get("valid-zh.md")!.cards.map((c) => c.id)).toEqual(["hostile/valid-zh:max"]);
    expect(byPath.has("inside-link.md")).toBe(false);
    // The cloze limit keeps the first 100 spans of a note.
    expect(byPath.get("cloze-many.md")!.cards).toHaveLength(100);
  });

  it("no loaded card names a generator or parameter taken from Object.prototype", () => {
    const known = contentParseOptions().generators!;
    for (const note of loaded.notes) {
      for (const card of note.cards) {
        if (!card.exercise) continue;
        expect(Object.hasOwn(known, card.exercise.generator)).toBe(true);
        for (const k of Object.keys(card.exercise.params)) expect(Object.hasOwn(known[card.exercise.generator]!, k)).toBe(true);
      }
    }
  });
});

describe("the hostile folder through a real sync", () => {
  let t: TempDb;
  beforeAll(() => {
    t = createTempDb();
  });
  afterAll(async () => t.cleanup());

  it("syncs the loadable notes into a real database, and a second sync retires nothing", async () => {
    const now = new Date("2026-03-01T09:00:00Z");
    const start = performance.now();
    const first = await syncNotes(t.db, loaded.notes, { now, unreadablePaths: loaded.unreadablePaths });
    expect(first.cardsCreated).toBe(loaded.notes.reduce((n, note) => n + note.cards.length, 0));
    const again = await syncNotes(t.db, loadContent(dir, contentParseOptions()).notes, { now, unreadablePaths: loaded.unreadablePaths });
    expect(again).toMatchObject({ cardsCreated: 0, cardsRetired: 0, notesRetired: 0 });
    expect(performance.now() - start).toBeLessThan(10_000);
    const cards = await t.db.card.findMany({ where: { noteId: { in: ["hostile/valid-en", "hostile/valid-zh"] } }, orderBy: { id: "asc" } });
    expect(cards.map((c) => [c.id, c.retired])).toEqual([
      ["hostile/valid-en:bound", false],
      ["hostile/valid-en:vanish-1", false],
      ["hostile/valid-zh:max", false],
    ]);
    // Nothing of a file that did not load reached the database.
    expect(await t.db.note.count({ where: { path: { in: [...loaded.unreadablePaths] } } })).toBe(0);
  });
});

describe("content:check on the hostile folder", () => {
  it("exits 1 without crashing and prints every problem as file:line: field", () => {
    let out = "";
    let status = 0;
    try {
      execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/content-check.ts", dir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 30_000,
      });
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      status = e.status;
      out = e.stderr + e.stdout;
    }
    expect(status).toBe(1);
    for (const [file, [line, field]] of Object.entries(EXPECTED)) expect(out).toContain(`${file}:${line}: ${field}: `);
    expect(out).toMatch(/\d+ notes, \d+ cards, \d+ problem\(s\)/);
  });
});
