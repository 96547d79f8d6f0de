import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { syncNotes } from "@/lib/db/sync";
import { createTempDb, type TempDb } from "../support/temp-db";

let root: string;
let dir: string;
let t: TempDb;
const now = new Date("2026-03-01T09:00:00Z");
const put = (rel: string, text: string | Buffer, base = dir) => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};
const load = () => loadContent(dir, contentParseOptions());
async function sync() {
  const { notes, unreadablePaths } = load();
  return syncNotes(t.db, notes, { now, unreadablePaths });
}
const liveCards = async () => (await t.db.card.findMany({ where: { retired: false }, orderBy: { id: "asc" } })).map((c) => c.id);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "gradprep-load-"));
  dir = path.join(root, "content");
  mkdirSync(dir);
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe("a note id declared by two files", () => {
  it("is reported in both files, each naming the other, and neither note's cards are retired", async () => {
    put("real.md", "---\nid: gradients\n---\nWhy do gradients vanish?::products of small factors ^why\n");
    await sync();
    expect(await liveCards()).toEqual(["gradients:why"]);

    // A stray copy whose path sorts first declares the same id.
    put("0-stray.md", "---\ntitle: Stray\nid: gradients\n---\nSomething else::entirely ^other\n");
    const { notes, issues } = load();
    expect(notes).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ file: "0-stray.md", line: 3, field: "id", message: expect.stringContaining("real.md") }),
      expect.objectContaining({ file: "real.md", line: 2, field: "id", message: expect.stringContaining("0-stray.md") }),
    ]);
    const report = await sync();
    expect(report).toMatchObject({ cardsRetired: 0, notesRetired: 0, cardsCreated: 0 });
    expect(await liveCards()).toEqual(["gradients:why"]);
    expect((await t.db.note.findUniqueOrThrow({ where: { id: "gradients" } })).path).toBe("real.md");
  });

  it("a declared id equal to another file's path-derived id counts too (line 1 for the derived one)", () => {
    put("a.md", "Q::A ^q\n");
    put("b.md", "---\nid: a\n---\nQ2::A2 ^q\n");
    expect(load().issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ["a.md", 1, "id"],
      ["b.md", 2, "id"],
    ]);
  });
});

describe("files that are not text notes", () => {
  it("a Latin-1 note and a binary .md are reported with file, line and field, kept in the database, and the rest loads", async () => {
    put("latin.md", "Caf\u00e9::coffee ^cafe\n");
    put("ok.md", "Q::A ^q\n");
    await sync();
    put("latin.md", Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from("::coffee ^cafe\n")]));
    put("image.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const { notes, issues } = load();
    expect(notes.map((n) => n.id)).toEqual(["ok"]);
    expect(issues).toEqual([
      expect.objectContaining({ file: "image.md", line: 3, field: "file", message: expect.stringContaining("binary") }),
      expect.objectContaining({ file: "latin.md", line: 1, field: "encoding", message: expect.stringContaining("byte offset 3") }),
    ]);
    expect(await sync()).toMatchObject({ cardsRetired: 0 });
    expect(await liveCards()).toEqual(["latin:cafe", "ok:q"]);
  });
});

describe("symbolic links", () => {
  it("one to a note inside the folder is followed; one reached both ways loads once under its own path", () => {
    put("notes/real.md", "Q::A ^q\n");
    put("elsewhere/other.txt", "x");
    symlinkSync(path.join(dir, "notes"), path.join(dir, "linked-folder"));
    symlinkSync(path.join(dir, "notes/real.md"), path.join(dir, "alias.md"));
    mkdirSync(path.join(dir, ".hidden"));
    put(".hidden/secret.md", "Hidden::card ^h");
    symlinkSync(path.join(dir, ".hidden/secret.md"), path.join(dir, "shown.md"));
    const { notes, issues } = load();
    expect(issues).toEqual([]);
    expect(notes.map((n) => n.path)).toEqual(["notes/real.md", "shown.md"]);
  });

  it("one leading outside the folder, and a broken one, are reported and not loaded", () => {
    put("outside.md", "Outside::card ^o", root);
    symlinkSync(path.join(root, "outside.md"), path.join(dir, "escape.md"));
    symlinkSync(root, path.join(dir, "escape-folder"));
    symlinkSync(path.join(dir, "missing.md"), path.join(dir, "broken.md"));
    symlinkSync(path.join(dir, "loop"), path.join(dir, "loop"));
    put("ok.md", "Q::A ^q\n");
    const { notes, issues } = load();
    expect(notes.map((n) => n.path)).toEqual(["ok.md"]);
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ["broken.md", 1, "file"],
      ["escape-folder", 1, "file"],
      ["escape.md", 1, "file"],
    ]);
  });
});
