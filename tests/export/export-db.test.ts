import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { ankiExportChunks, cardsForAnki, exportCounts, reviewLogForExport, revlogCsvChunks } from "@/lib/db/export";
import { getCard } from "@/lib/db/queries";
import { gradeCard } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { formatAnkiExport } from "@/lib/export/anki";
import { formatRevlogCsv, fsrsCardId, RevlogExportError } from "@/lib/export/revlog-csv";
import { createScheduler, reviewToken } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";
import { decodeEntities, parseAnkiText, parseRevlogCsv } from "./parse-export";

const fixtures = path.join(import.meta.dirname, "..", "content", "fixtures");
const read = (rel: string) => readFileSync(path.join(fixtures, rel), "utf8");
const note = (rel: string, text = read(rel)) => parseNote(text, rel).note!;
const scheduler = createScheduler();
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000 + 137);

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  await syncNotes(t.db, [note("all-forms.md"), note("seed-format.md")], { now: t0 });
});
afterEach(async () => {
  await t.cleanup();
});

async function grade(cardId: string, rating: 1 | 2 | 3 | 4, now: Date, durationMs: number) {
  const card = (await getCard(t.db, cardId))!;
  const r = await gradeCard(t.db, { cardId, token: reviewToken(cardId, card.schedule), rating, now, durationMs, scheduler });
  expect(r.ok).toBe(true);
}

/** A few days of study: new cards, a lapse, learning steps. */
async function study() {
  await grade("fixtures/all-forms:sigma-max", 1, at(0), 5_100);
  await grade("fixtures/all-forms:sigma-max", 3, at(2), 2_300);
  await grade("seed-format:product-1", 3, at(3), 8_000);
  await grade("fixtures/all-forms:sigma-max", 3, at(15), 1_900);
  await grade("fixtures/all-forms:init-2", 4, at(20), 700);
  await grade("fixtures/all-forms:sigma-max", 2, at(3 * 24 * 60), 12_000);
  await grade("seed-format:product-1", 1, at(4 * 24 * 60), 30_000);
}

describe("review log CSV from the database", () => {
  it("has one row per review log row, with the same values, by card then time", async () => {
    await study();
    const { header, rows } = parseRevlogCsv(formatRevlogCsv(await reviewLogForExport(t.db)));
    expect(header).toEqual(["card_id", "review_time", "review_rating", "review_state", "review_duration"]);

    // The table itself, read with a separate SQLite connection.
    const raw = new Database(t.file, { readonly: true });
    const logs = raw.prepare(`SELECT cardId, reviewedAt, rating, state, durationMs FROM ReviewLog`).all() as {
      cardId: string; reviewedAt: string; rating: number; state: number; durationMs: number;
    }[];
    raw.close();
    expect(logs).toHaveLength(7);
    const expected = logs
      .map((l) => ({ card_id: fsrsCardId(l.cardId), review_time: Date.parse(l.reviewedAt), review_rating: l.rating, review_state: l.state, review_duration: l.durationMs }))
      .sort((a, b) => a.card_id - b.card_id || a.review_time - b.review_time);
    expect(rows).toEqual(expected);

    // What the study session did, independently of the table: durations and times as given.
    const sigma = rows.filter((r) => r.card_id === fsrsCardId("fixtures/all-forms:sigma-max"));
    expect(sigma.map((r) => r.review_rating)).toEqual([1, 3, 3, 2]);
    expect(sigma.map((r) => r.review_duration)).toEqual([5_100, 2_300, 1_900, 12_000]);
    expect(sigma.map((r) => r.review_time)).toEqual([at(0), at(2), at(15), at(3 * 24 * 60)].map((d) => d.getTime()));
    // State before each grade: new, then learning steps, then a review.
    expect(sigma[0]!.review_state).toBe(0);
    expect(sigma[3]!.review_state).toBe(2);
    for (const id of ["seed-format:product-1", "fixtures/all-forms:init-2"]) {
      expect(rows.find((r) => r.card_id === fsrsCardId(id))!.review_state).toBe(0);
    }
  });

  it("an empty review log is just the header line", async () => {
    expect(formatRevlogCsv(await reviewLogForExport(t.db))).toBe("card_id,review_time,review_rating,review_state,review_duration\n");
  });
});

describe("Anki export from the database", () => {
  it("holds every live card, not retired ones, with note tags, note id and leech", async () => {
    // Drop the tanh card from seed-format: it is retired, not deleted.
    const text = read("seed-format.md").replace(/^tanh 的导数::.*$/m, "");
    await syncNotes(t.db, [note("all-forms.md"), note("seed-format.md", text)], { now: at(1) });
    await t.db.card.update({ where: { id: "seed-format:sigmoid-max" }, data: { leech: true } });

    const live = await t.db.card.findMany({ where: { retired: false } });
    const counts = await exportCounts(t.db);
    expect(counts.cards).toBe(live.length);
    expect(await t.db.card.count({ where: { retired: true } })).toBe(1);

    const { headers, rows } = parseAnkiText(formatAnkiExport(await cardsForAnki(t.db)));
    expect(headers).toEqual(["#separator:tab", "#html:true", "#tags column:3"]);
    expect(rows).toHaveLength(live.length);
    for (const r of rows) expect(r).toHaveLength(3);
    const fronts = rows.map((r) => decodeEntities(r[0]!));
    expect(fronts.some((f) => f.includes("tanh 的导数"))).toBe(false);

    const sigmoid = rows.find((r) => r[0]!.includes("sigmoid 导数的最大值是多少？"))!;
    expect(sigmoid[1]).toContain("\\(\\tfrac14\\)");
    expect(sigmoid[2]!.split(" ").sort()).toEqual(["leech", "seed-format", "深度学习", "深度学习/梯度消失与梯度爆炸产生原因的数学分析.md"].sort());

    const maxCard = rows.find((r) => r[0]!.includes("What is the max of"))!;
    expect(maxCard[0]).toContain("\\(\\sigma'(z)\\)");
    expect(maxCard[2]!.split(" ").sort()).toEqual(["fixtures", "fixtures/all-forms"]);

    // The multi-line card's answer spans lines in the Markdown; its row does not.
    const jacobian = rows.find((r) => decodeEntities(r[0]!).includes("一层的雅可比矩阵"))!;
    expect(jacobian[1]).toContain("\\(\\operatorname{diag}(f'(z))\\,W\\)");

    // The live exercise is there, as its title.
    expect(fronts.some((f) => f.includes("First bias in a tanh chain"))).toBe(true);
  });

  it("an empty database exports just the header lines", async () => {
    const empty = createTempDb();
    try {
      const text = formatAnkiExport(await cardsForAnki(empty.db));
      expect(text).toBe("#separator:tab\n#html:true\n#tags column:3\n");
      expect(await exportCounts(empty.db)).toEqual({ cards: 0, reviews: 0 });
    } finally {
      await empty.cleanup();
    }
  });
});

async function joined(pieces: AsyncIterable<string>): Promise<{ text: string; pieces: number }> {
  let text = "";
  let n = 0;
  for await (const p of pieces) {
    text += p;
    n++;
  }
  return { text, pieces: n };
}

describe("streamed exports", () => {
  it("the review-log CSV in pieces of any size is the same file", async () => {
    await study();
    const whole = formatRevlogCsv(await reviewLogForExport(t.db));
    for (const piece of [1, 40, 1 << 20]) {
      const streamed = await joined(revlogCsvChunks(t.url, piece));
      expect(streamed.text).toBe(whole);
    }
    // A piece as soon as a card's rows pass the size: the header, then one per card here.
    expect((await joined(revlogCsvChunks(t.url, 1))).pieces).toBe(1 + 3);
  });

  it("a review the CSV cannot hold fails the export before its first byte", async () => {
    await study();
    const raw = new Database(t.file);
    raw.prepare(`UPDATE ReviewLog SET rating = 7 WHERE id = (SELECT id FROM ReviewLog ORDER BY reviewedAt DESC LIMIT 1)`).run();
    raw.close();
    const pieces = revlogCsvChunks(t.url);
    await expect(pieces.next()).rejects.toThrow(RevlogExportError);
    await expect(revlogCsvChunks(t.url).next()).rejects.toThrow(/rating 7 is not 1–4/);
  });

  it("the Anki file a note at a time is the same file, from the HTML sync stored or rendered now", async () => {
    await t.db.card.update({ where: { id: "seed-format:sigmoid-max" }, data: { leech: true } });
    const whole = formatAnkiExport(await cardsForAnki(t.db));
    expect(await t.db.cardAnkiHtml.count()).toBe(await t.db.card.count());
    expect((await joined(ankiExportChunks(t.db, 1))).text).toBe(whole);
    // Without stored HTML (another format, or never synced since): rendered while exporting, the same.
    await t.db.cardAnkiHtml.updateMany({ data: { format: "old", front: "stale" } });
    expect((await joined(ankiExportChunks(t.db))).text).toBe(whole);
    // The next sync after a format change renders every card again (the note's sync hash names the format).
    await t.db.note.updateMany({ data: { syncHash: "" } });
    await syncNotes(t.db, [note("all-forms.md"), note("seed-format.md")], { now: at(5) });
    expect(await t.db.cardAnkiHtml.count({ where: { format: "old" } })).toBe(0);
    expect((await joined(ankiExportChunks(t.db))).text).toBe(whole);
  });
});
