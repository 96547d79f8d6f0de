import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { default_w, forgetting_curve } from "ts-fsrs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeBackContent, writeIfUnchanged } from "@/lib/cli/content-writeback";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { parseNote } from "@/lib/content/parse";
import { reviewValuesFor, writeBack, type ReviewValues } from "@/lib/content/writeback";
import { stateOf } from "@/lib/db/cards";
import { gradeCard } from "@/lib/db/reviews";
import { getSettings } from "@/lib/db/settings";
import { syncNotes } from "@/lib/db/sync";
import { schedulerFor } from "@/lib/srs/config";
import { Rating, reviewToken, State, type CardState } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";

const DAY = 86_400_000;

/** Lines with their endings, so that CR bytes are compared too. */
const linesOf = (s: string) => s.split(/(?<=\n)/);

/**
 * Every line of `after` equals the line of `before` except the lines of the
 * given keys, where only the value (between "key:␣*" and trailing spaces or
 * "# comment") differs. Added keys are the extra lines just before the
 * closing `---`.
 */
function expectOnlyValuesChanged(before: string, after: string, keys: readonly string[], added: readonly string[] = []) {
  const b = linesOf(before);
  const a = linesOf(after).filter((l) => !added.some((k) => l.startsWith(`${k}: `)));
  expect(a.length).toBe(b.length);
  const valueRe = (k: string) => new RegExp(`^(${k}[ \\t]*:[ \\t]*)('[^']*'|"[^"]*"|[^ \\t#\\r\\n]*)(.*)$`, "s");
  for (let i = 0; i < b.length; i++) {
    const key = keys.find((k) => b[i]!.startsWith(k));
    if (!key) {
      expect({ line: i + 1, text: a[i] }).toEqual({ line: i + 1, text: b[i] });
      continue;
    }
    const mb = valueRe(key).exec(b[i]!)!;
    const ma = valueRe(key).exec(a[i]!)!;
    expect(ma, `line ${i + 1} of the result: ${a[i]}`).not.toBeNull();
    expect([ma[1], ma[3]]).toEqual([mb[1], mb[3]]);
  }
}

const values = (v: Partial<ReviewValues>): ReviewValues => ({ last_reviewed: null, next_review: null, review_count: null, mastery_level: null, ...v });
const march = values({
  last_reviewed: new Date("2026-03-01T09:30:00Z"),
  next_review: new Date("2026-03-04T08:00:00Z"),
  review_count: 5,
  mastery_level: 0.4567,
});

describe("writeBack: the text edit alone", () => {
  it("keeps comments, CJK, unusual spacing and quoting; changes only the four values", () => {
    const before = [
      "---",
      "# 复习数据由 GradPrep 写回（这一行是注释）",
      "id: wb/quoted",
      "title: 梯度为何消失   # 标题后面有注释",
      "created: '2025-10-19'",
      "last_reviewed: '2025-10-19'",
      "next_review:   \"2025-10-19\"   # 下次复习",
      "review_count:   0",
      "difficulty: medium",
      "mastery_level: 0.0",
      "tags:",
      "- 深度学习",
      "- 深度学习/梯度消失.md",
      "related_outlines: []",
      "---",
      "# 梯度为何消失",
      "",
      "review_count: 99 is body text, not frontmatter",
      "",
    ].join("\n");
    const r = writeBack(before, march);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toBe(
      before
        .replace("last_reviewed: '2025-10-19'", "last_reviewed: '2026-03-01'")
        .replace('next_review:   "2025-10-19"   # 下次复习', 'next_review:   "2026-03-04"   # 下次复习')
        .replace("review_count:   0", "review_count:   5")
        .replace("mastery_level: 0.0", "mastery_level: 0.46"),
    );
    expectOnlyValuesChanged(before, r.text, ["last_reviewed", "next_review", "review_count", "mastery_level"]);
    expect(r.changes.map((c) => [c.key, c.line, c.before, c.after])).toEqual([
      ["last_reviewed", 6, "'2025-10-19'", "'2026-03-01'"],
      ["next_review", 7, '"2025-10-19"', '"2026-03-04"'],
      ["review_count", 8, "0", "5"],
      ["mastery_level", 10, "0.0", "0.46"],
    ]);
    // The result loads with the new values and everything else as before.
    const old = parseNote(before, "wb.md").note!;
    const now = parseNote(r.text, "wb.md").note!;
    expect(now.meta).toEqual({ ...old.meta, lastReviewed: "2026-03-01", nextReview: "2026-03-04", reviewCount: 5, masteryLevel: 0.46 });
    expect(now.cards).toEqual(old.cards);
  });

  it("keeps CRLF line endings, the BOM and unquoted dates (which stay unquoted)", () => {
    const before =
      "\uFEFF---\r\ncreated: 2025-09-01\r\nlast_reviewed: 2025-10-01\r\nnext_review: 2025-10-11\r\n" +
      "review_count: 3 # from another tool\r\ndifficulty: hard\r\nmastery_level: 0.6\r\n---\r\n# Title\r\n\r\nQ::A ^q\r\n";
    const r = writeBack(before, march);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(
      "\uFEFF---\r\ncreated: 2025-09-01\r\nlast_reviewed: 2026-03-01\r\nnext_review: 2026-03-04\r\n" +
        "review_count: 5 # from another tool\r\ndifficulty: hard\r\nmastery_level: 0.46\r\n---\r\n# Title\r\n\r\nQ::A ^q\r\n",
    );
    expect(Buffer.from(r.text).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.text.match(/\r\n/g)!.length).toBe(before.match(/\r\n/g)!.length);
    expect(r.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("adds missing keys at the end of the block, in the file's line ending and date style", () => {
    const before = "---\r\ntitle: Residual paths   # no review keys yet\r\ncreated: 2026-01-05\r\ntags: [resnet]\r\n---\r\nBody::text\r\n";
    const r = writeBack(before, march);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(
      "---\r\ntitle: Residual paths   # no review keys yet\r\ncreated: 2026-01-05\r\ntags: [resnet]\r\n" +
        "last_reviewed: 2026-03-01\r\nnext_review: 2026-03-04\r\nreview_count: 5\r\nmastery_level: 0.46\r\n---\r\nBody::text\r\n",
    );
    expectOnlyValuesChanged(before, r.text, [], ["last_reviewed", "next_review", "review_count", "mastery_level"]);
    expect(r.changes.map((c) => [c.key, c.line, c.before])).toEqual([
      ["last_reviewed", 5, null],
      ["next_review", 6, null],
      ["review_count", 7, null],
      ["mastery_level", 8, null],
    ]);
  });

  it("fills an empty or null value and keeps a date-time a date-time", () => {
    const before = "---\nlast_reviewed:\nnext_review: null\nreview_count: 1\ncreated: 2025-01-01T08:00:00Z\n---\n";
    const r = writeBack(before, values({ last_reviewed: new Date("2026-03-01T09:30:00Z"), next_review: new Date("2026-03-04T08:00:00Z") }));
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe("---\nlast_reviewed: 2026-03-01\nnext_review: 2026-03-04\nreview_count: 1\ncreated: 2025-01-01T08:00:00Z\n---\n");
    const commented = writeBack("---\nreview_count: # none yet\n---\n", values({ review_count: 2 }));
    expect(commented).toMatchObject({ ok: true, text: "---\nreview_count: 2 # none yet\n---\n" });
    const dt = "---\nlast_reviewed: '2025-10-01T10:00:00Z'\n---\n";
    const r2 = writeBack(dt, values({ last_reviewed: new Date("2026-03-01T09:30:15.250Z") }));
    if (!r2.ok) throw new Error(r2.message);
    expect(r2.text).toBe("---\nlast_reviewed: '2026-03-01T09:30:15Z'\n---\n");
  });

  it("adds a frontmatter block to a note without one, only when there is something to record", () => {
    const before = "# He initialisation\r\n\r\nHe variance for ReLU::$2/n$ ^he\r\n";
    const r = writeBack(before, march);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(
      "---\r\nlast_reviewed: '2026-03-01'\r\nnext_review: '2026-03-04'\r\nreview_count: 5\r\nmastery_level: 0.46\r\n---\r\n" + before,
    );
    const nothing = writeBack(before, values({ mastery_level: 0 }));
    expect(nothing).toEqual({ ok: true, text: before, changes: [] });
  });

  it("does not touch values that are already right (0.0 is 0.00, 0.6 is 0.60)", () => {
    const before = "---\nlast_reviewed: 2026-03-01\nnext_review: '2026-03-04'\nreview_count: 5\nmastery_level: 0.460\n---\n";
    expect(writeBack(before, march)).toEqual({ ok: true, text: before, changes: [] });
  });

  it("refuses, with file, line and field, what it cannot edit safely", () => {
    const multi = "---\nreview_count:\n  3\n---\n";
    expect(writeBack(multi, values({ review_count: 4 }), "n.md")).toMatchObject({ ok: false, line: 2, field: "review_count" });
    const broken = "---\nreview_count: [\n---\n";
    expect(writeBack(broken, values({ review_count: 4 }), "n.md")).toMatchObject({ ok: false, field: "frontmatter" });
    // A quoted key is not recognised; appending it would duplicate the key, which the read-back check catches.
    const quotedKey = '---\n"review_count": 3\n---\n';
    expect(writeBack(quotedKey, values({ review_count: 4 }), "n.md")).toMatchObject({ ok: false, field: "frontmatter" });
  });

  it("leaves the file's history alone until a card was graded in the database", () => {
    expect(reviewValuesFor({ liveCards: 2, reviewCount: 0, lastReviewed: null, nextReview: new Date(0), mastery: 0.3 })).toEqual(
      values({ mastery_level: 0.3 }),
    );
    expect(reviewValuesFor({ liveCards: 0, reviewCount: 0, lastReviewed: null, nextReview: null, mastery: null })).toEqual(values({}));
  });
});

describe("writeBack: values located through the YAML document", () => {
  it("keeps a tag or anchor in front of the value and edits only the value after it", () => {
    const before = "---\nreview_count: !!int 3   # tagged\nmastery_level: &m 0.1\nalias_of_mastery: *m\n---\n";
    const r = writeBack(before, values({ review_count: 4, mastery_level: 0.5 }));
    expect(r).toMatchObject({ ok: true, text: "---\nreview_count: !!int 4   # tagged\nmastery_level: &m 0.50\nalias_of_mastery: *m\n---\n" });
    expect(r.ok && r.changes.map((c) => [c.key, c.line, c.before, c.after])).toEqual([
      ["review_count", 2, "3", "4"],
      ["mastery_level", 3, "0.1", "0.50"],
    ]);
  });

  it("fills NULL like null, in the file's date style, and keeps lone-CR line endings", () => {
    const r = writeBack("---\rcreated: \"2025-01-01\"\rlast_reviewed: NULL\r---\rQ::A\r", values({ last_reviewed: new Date("2026-03-01T09:30:00Z") }));
    expect(r).toMatchObject({ ok: true, text: '---\rcreated: "2025-01-01"\rlast_reviewed: "2026-03-01"\r---\rQ::A\r' });
  });

  it("refuses a value that is a block scalar or a list, at the key's line", () => {
    const block = "---\ntitle: t\nreview_count: |\n  3\n---\n";
    expect(writeBack(block, values({ review_count: 4 }), "n.md")).toMatchObject({ ok: false, line: 3, field: "review_count" });
    const list = "---\nlast_reviewed: [2025-10-19]\n---\n";
    // A list does not load as a date, so the loader's own error names the line first.
    expect(writeBack(list, values({ last_reviewed: new Date("2026-03-01T00:00:00Z") }), "n.md")).toMatchObject({ ok: false, line: 2, field: "last_reviewed" });
  });

  it("edits a key whose value sits in a flow mapping in place", () => {
    const before = "---\n{review_count: 3, title: t}\n---\n";
    expect(writeBack(before, values({ review_count: 4 }))).toMatchObject({ ok: true, text: "---\n{review_count: 4, title: t}\n---\n" });
  });
});

// ---------------------------------------------------------------------------
// With a real database and real files.

const FILES: Record<string, string> = {
  "zh/quoted.md": [
    "---",
    "# 复习数据由 GradPrep 写回",
    "id: wb/quoted",
    "title: 梯度为何消失   # 标题",
    "created: '2025-10-19'",
    "last_reviewed: '2025-10-19'",
    "next_review:   '2025-10-19'   # 下次复习",
    "review_count:   0",
    "difficulty: medium",
    "mastery_level: 0.0",
    "tags:",
    "- 深度学习",
    "related_outlines: []",
    "---",
    "# 梯度为何消失",
    "",
    "σ′(z) 的最大值是多少？::$1/4$ ^sigma-max",
    "",
    "很多个小于 1 的因子相乘会怎样？::梯度指数级变小 ^product",
    "",
  ].join("\n"),
  "en/unquoted-crlf.md":
    "\uFEFF---\r\nid: wb/unquoted\r\ncreated: 2025-09-01\r\nlast_reviewed: 2025-10-01\r\nnext_review: 2025-10-11\r\n" +
    "review_count: 3 # seeded from another tool\r\ndifficulty: hard\r\nmastery_level: 0.6\r\n---\r\n# Exploding window\r\n\r\n" +
    "Why does $|w\\,\\sigma'(wx+b)| \\ge 1$ need $|w| \\ge 4$?::because $\\sigma' \\le 1/4$ ^window\r\n\r\n" +
    "Why clip gradients?\r\n?\r\nTo bound the step when the norm explodes. ^clip\r\n",
  "en/missing-keys.md": "---\ntitle: Residual paths   # no review keys yet\ntags: [resnet]\n---\nResidual block derivative::$1 + \\partial F/\\partial x$ ^res\n",
  "en/no-frontmatter.md": "# He initialisation\n\nHe variance for ReLU::$2/n_\\text{in}$ ^he\n",
  "en/untouched.md": "---\nid: wb/untouched\nlast_reviewed: '2025-10-19'\nreview_count: 0\nmastery_level: 0.0\n---\nNever graded::so never rewritten ^never\n",
};

const t0 = new Date("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const later = at(6 * 24 * 60 + 7); // when write-back runs

let t: TempDb;
let dir: string;
beforeEach(() => {
  t = createTempDb();
  dir = mkdtempSync(path.join(tmpdir(), "gradprep-writeback-"));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
});
afterEach(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const read = (rel: string) => readFileSync(path.join(dir, rel), "utf8");

async function syncDir(now: Date) {
  const { notes, issues, unreadablePaths } = loadContent(dir, contentParseOptions());
  expect(issues).toEqual([]);
  return syncNotes(t.db, notes, { now, unreadablePaths });
}

async function gradeAt(cardId: string, rating: 1 | 2 | 3 | 4, now: Date) {
  const scheduler = schedulerFor(await getSettings(t.db));
  const state = stateOf(await t.db.card.findUniqueOrThrow({ where: { id: cardId } }));
  const r = await gradeCard(t.db, { cardId, token: reviewToken(cardId, state), rating, now, durationMs: 3000, scheduler });
  expect(r.ok).toBe(true);
}

/** The history the test itself derives from the raw tables (better-sqlite3, no Prisma). */
function independentStats(file: string, noteId: string, now: Date) {
  const raw = new Database(file, { readonly: true });
  try {
    const toDate = (v: unknown) => new Date(typeof v === "number" ? v : String(v));
    const cards = raw.prepare("SELECT id, state, stability, due, lastReview FROM Card WHERE noteId = ? AND retired = 0").all(noteId) as {
      id: string;
      state: number;
      stability: number;
      due: unknown;
      lastReview: unknown;
    }[];
    const logs = raw
      .prepare("SELECT r.reviewedAt AS at FROM ReviewLog r JOIN Card c ON c.id = r.cardId WHERE c.noteId = ? AND c.retired = 0")
      .all(noteId) as { at: unknown }[];
    const rs = cards.map((c) => {
      if (c.state === State.New) return 0;
      const days = Math.floor((now.getTime() - toDate(c.lastReview).getTime()) / DAY);
      return forgetting_curve(default_w, Math.max(0, days), c.stability);
    });
    const studied = cards.filter((c) => c.state !== State.New).map((c) => toDate(c.due).getTime());
    return {
      reviewCount: logs.length,
      lastReviewed: logs.length ? new Date(Math.max(...logs.map((l) => toDate(l.at).getTime()))) : null,
      nextReview: studied.length ? new Date(Math.min(...studied)) : null,
      mastery: rs.reduce((a, b) => a + b, 0) / rs.length,
    };
  } finally {
    raw.close();
  }
}

/** The four values as written in a file's frontmatter (read with a regex, not the app's parser). */
function written(text: string) {
  const fm = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]!;
  const get = (k: string) => new RegExp(`^${k}[ \\t]*:[ \\t]*['"]?([^'"\\s#]*)`, "m").exec(fm)?.[1] ?? null;
  return { last_reviewed: get("last_reviewed"), next_review: get("next_review"), review_count: get("review_count"), mastery_level: get("mastery_level") };
}

const day = (d: Date | null) => d!.toISOString().slice(0, 10);

async function gradeSome() {
  await syncDir(t0);
  await gradeAt("wb/quoted:sigma-max", Rating.Good, at(0));
  await gradeAt("wb/quoted:sigma-max", Rating.Good, at(15));
  await gradeAt("wb/quoted:sigma-max", Rating.Good, at(3 * 24 * 60));
  await gradeAt("wb/quoted:product", Rating.Again, at(120));
  await gradeAt("wb/unquoted:window", Rating.Good, at(180)); // seeded from the file's history, overdue
  await gradeAt("en/missing-keys:res", Rating.Easy, at(24 * 60));
  await gradeAt("en/no-frontmatter:he", Rating.Hard, at(2 * 24 * 60));
}

describe("content:writeback against a real database", () => {
  it("writes values that match an independent computation from the raw tables", async () => {
    await gradeSome();
    const before = Object.fromEntries(Object.keys(FILES).map((rel) => [rel, read(rel)]));
    const reports = await writeBackContent(t.db, dir, { now: later });
    expect(Object.fromEntries(reports.map((r) => [r.file, r.status]))).toEqual({
      "en/missing-keys.md": "written",
      "en/no-frontmatter.md": "written",
      "en/unquoted-crlf.md": "written",
      "en/untouched.md": "unchanged",
      "zh/quoted.md": "written",
    });

    const notes: [string, string][] = [
      ["zh/quoted.md", "wb/quoted"],
      ["en/unquoted-crlf.md", "wb/unquoted"],
      ["en/missing-keys.md", "en/missing-keys"],
      ["en/no-frontmatter.md", "en/no-frontmatter"],
    ];
    for (const [rel, id] of notes) {
      const s = independentStats(t.file, id, later);
      const w = written(read(rel));
      expect({ rel, last: w.last_reviewed, next: w.next_review, count: w.review_count }).toEqual({
        rel,
        last: day(s.lastReviewed),
        next: day(s.nextReview),
        count: String(s.reviewCount),
      });
      // Two decimals: within half a hundredth of the exact mean.
      expect(Math.abs(Number(w.mastery_level) - s.mastery)).toBeLessThanOrEqual(0.005 + 1e-12);
      expect(w.mastery_level).toMatch(/^[01]\.\d\d$/);
    }
    // Concrete expectations for the one note worked out by hand: 4 grades, the last on day 3, the Again card due first.
    const q = independentStats(t.file, "wb/quoted", later);
    expect(q.reviewCount).toBe(4);
    expect(day(q.lastReviewed)).toBe("2026-03-04");
    expect(q.mastery).toBeGreaterThan(0.3);
    expect(q.mastery).toBeLessThan(1);
    expect(written(read("en/unquoted-crlf.md")).review_count).toBe("1");

    // Only the values changed; quoting, spacing, comments, CRLF and BOM are kept.
    expectOnlyValuesChanged(before["zh/quoted.md"]!, read("zh/quoted.md"), ["last_reviewed", "next_review", "review_count", "mastery_level"]);
    expectOnlyValuesChanged(before["en/unquoted-crlf.md"]!, read("en/unquoted-crlf.md"), ["last_reviewed", "next_review", "review_count", "mastery_level"]);
    expect(read("en/unquoted-crlf.md").startsWith("\uFEFF---\r\n")).toBe(true);
    expect(read("en/unquoted-crlf.md")).toMatch(/\r\nlast_reviewed: 2026-03-0\d\r\n/);
    expect(read("zh/quoted.md")).toMatch(/\nnext_review: {3}'2026-\d\d-\d\d' {3}# 下次复习\n/);
    expectOnlyValuesChanged(before["en/missing-keys.md"]!, read("en/missing-keys.md"), [], ["last_reviewed", "next_review", "review_count", "mastery_level"]);
    expect(read("en/no-frontmatter.md").endsWith(`---\n${FILES["en/no-frontmatter.md"]}`)).toBe(true);
    expect(read("en/untouched.md")).toBe(FILES["en/untouched.md"]);
  });

  it("is a no-op the second time: nothing is rewritten, not even the modification time", async () => {
    await gradeSome();
    await writeBackContent(t.db, dir, { now: later });
    const old = new Date("2020-01-01T00:00:00Z");
    for (const rel of Object.keys(FILES)) utimesSync(path.join(dir, rel), old, old);
    const snapshot = Object.fromEntries(Object.keys(FILES).map((rel) => [rel, read(rel)]));
    const reports = await writeBackContent(t.db, dir, { now: later });
    expect(reports.map((r) => r.status)).toEqual(Object.keys(FILES).map(() => "unchanged"));
    for (const rel of Object.keys(FILES)) {
      expect(read(rel)).toBe(snapshot[rel]);
      expect(statSync(path.join(dir, rel)).mtimeMs).toBe(old.getTime());
    }
  });

  it("does not write a file that changed after it was read, and says so", async () => {
    await gradeSome();
    const edited = read("zh/quoted.md") + "\n新加的一行::在写回期间 ^added\n";
    const reports = await writeBackContent(t.db, dir, {
      now: later,
      beforeWrite: (abs) => {
        if (abs.endsWith("quoted.md")) writeFileSync(abs, edited);
      },
    });
    const r = reports.find((x) => x.file === "zh/quoted.md")!;
    expect(r.status).toBe("skipped");
    expect(r.reason).toMatch(/changed while it was being written back/);
    expect(read("zh/quoted.md")).toBe(edited);
    // The others were written.
    expect(reports.filter((x) => x.status === "written")).toHaveLength(3);
  });

  it("writeIfUnchanged compares bytes, and leaves no temp file behind", () => {
    const file = path.join(dir, "en/untouched.md");
    const original = readFileSync(file);
    expect(writeIfUnchanged(file, Buffer.from("something else"), "new")).toBe("changed");
    expect(readFileSync(file)).toEqual(original);
    expect(writeIfUnchanged(file, original, "new text")).toBe("written");
    expect(read("en/untouched.md")).toBe("new text");
    expect(readdirSync(path.join(dir, "en")).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("--dry-run reports the changes and writes nothing", async () => {
    await gradeSome();
    const reports = await writeBackContent(t.db, dir, { now: later, dryRun: true });
    expect(reports.filter((r) => r.status === "would-write").map((r) => r.file).sort()).toEqual([
      "en/missing-keys.md",
      "en/no-frontmatter.md",
      "en/unquoted-crlf.md",
      "zh/quoted.md",
    ]);
    expect(reports.find((r) => r.file === "zh/quoted.md")!.changes.map((c) => c.key)).toEqual([
      "last_reviewed",
      "next_review",
      "review_count",
      "mastery_level",
    ]);
    for (const [rel, text] of Object.entries(FILES)) expect(read(rel)).toBe(text);
  });

  it("skips, with a reason, a note that does not load or is not in the database", async () => {
    await gradeSome();
    writeFileSync(path.join(dir, "en/broken.md"), "---\nreview_count: many\n---\nQ::A\n");
    writeFileSync(path.join(dir, "en/new-note.md"), "New::note ^n\n");
    const reports = await writeBackContent(t.db, dir, { now: later });
    expect(reports.find((r) => r.file === "en/broken.md")).toMatchObject({ status: "skipped", reason: expect.stringContaining("en/broken.md:2: review_count") });
    expect(reports.find((r) => r.file === "en/new-note.md")).toMatchObject({ status: "skipped", reason: expect.stringContaining("not in the database") });
  });

  it("never writes a note that is not valid UTF-8 (a Latin-1 or GBK file): skipped with the byte offset, its bytes untouched", async () => {
    await gradeSome();
    // The same notes, now saved in legacy encodings: "Café" in Latin-1, "梯度" in GBK.
    const latin1 = Buffer.concat([Buffer.from("---\nid: wb/unquoted\n---\n# Caf"), Buffer.from([0xe9]), Buffer.from("\n\nQ::A ^window\n")]);
    const gbk = Buffer.concat([Buffer.from("---\nid: wb/quoted\n---\n# "), Buffer.from([0xcc, 0xdd, 0xb6, 0xc8]), Buffer.from("\n\nQ::A ^sigma-max\n")]);
    writeFileSync(path.join(dir, "en/unquoted-crlf.md"), latin1);
    writeFileSync(path.join(dir, "zh/quoted.md"), gbk);
    const reports = await writeBackContent(t.db, dir, { now: later });
    expect(reports.find((r) => r.file === "en/unquoted-crlf.md")).toMatchObject({
      status: "skipped",
      reason: expect.stringContaining("en/unquoted-crlf.md:4: encoding: not valid UTF-8 at byte offset 29"),
    });
    expect(reports.find((r) => r.file === "zh/quoted.md")).toMatchObject({ status: "skipped", reason: expect.stringContaining("byte offset 24") });
    expect(readFileSync(path.join(dir, "en/unquoted-crlf.md")).equals(latin1)).toBe(true);
    expect(readFileSync(path.join(dir, "zh/quoted.md")).equals(gbk)).toBe(true);
  });

  it("a written-back file re-syncs cleanly: the database keeps its state; a fresh database starts from the written history", async () => {
    await gradeSome();
    const cardStates = async (db = t.db) =>
      Object.fromEntries((await db.card.findMany({ orderBy: { id: "asc" } })).map((c) => [c.id, stateOf(c)] as [string, CardState]));
    const beforeStates = await cardStates();
    await writeBackContent(t.db, dir, { now: later });

    const r = await syncDir(at(7 * 24 * 60));
    expect(r).toMatchObject({ cardsCreated: 0, cardsRetired: 0 });
    expect(await cardStates()).toEqual(beforeStates);

    // A fresh database starts each note from what was written back: cards in
    // Review, due on next_review, when next_review is not before
    // last_reviewed; otherwise (a lapsed card due before the latest review)
    // the seeder cannot use the history and the cards start new.
    const fresh = createTempDb();
    try {
      const { notes } = loadContent(dir, contentParseOptions());
      await syncNotes(fresh.db, notes, { now: later });
      const seen = { seeded: 0, fresh: 0 };
      for (const n of notes) {
        const w = written(read(n.path));
        for (const c of n.cards) {
          const s = stateOf(await fresh.db.card.findUniqueOrThrow({ where: { id: c.id } }));
          if (!w.review_count || w.review_count === "0") {
            expect(s.state).toBe(State.New);
          } else if (w.next_review! >= w.last_reviewed!) {
            seen.seeded++;
            expect(s.state).toBe(State.Review);
            expect(s.due.toISOString()).toBe(`${w.next_review}T00:00:00.000Z`);
            expect(s.lastReview!.toISOString()).toBe(`${w.last_reviewed}T00:00:00.000Z`);
            expect(s.reps).toBe(Number(w.review_count));
          } else {
            seen.fresh++;
            expect(s.state).toBe(State.New);
          }
        }
      }
      expect(seen.seeded).toBeGreaterThanOrEqual(2);
      expect(seen.fresh).toBeGreaterThanOrEqual(1);
    } finally {
      await fresh.cleanup();
    }
  });
});
