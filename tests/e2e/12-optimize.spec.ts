import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { default_w } from "ts-fsrs";
import { simulateReviews } from "../support/simulate-reviews";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

/**
 * "Optimise my parameters" on the settings page, against the real server and
 * the native optimiser. First with the fixture reviews only (too few: it says
 * how many more are needed), then with a synthetic learner's review log
 * written into the e2e database on retired cards (so no other page shows
 * them); everything this spec writes is removed afterwards.
 */

// Same file as playwright.config.ts gives the server.
const dbFile = path.join(os.tmpdir(), `gradprep-e2e-${Number(process.env.E2E_PORT || 3917)}.db`);
const NOTE = "e2e-optimize-sim";
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

let savedSettings: Record<string, unknown> | undefined;

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  const db = new Database(dbFile);
  try {
    db.transaction(() => {
      db.prepare(`DELETE FROM ReviewLog WHERE cardId IN (SELECT id FROM Card WHERE noteId = ?)`).run(NOTE);
      db.prepare(`DELETE FROM Card WHERE noteId = ?`).run(NOTE);
      db.prepare(`DELETE FROM Note WHERE id = ?`).run(NOTE);
      if (savedSettings) db.prepare(`UPDATE Settings SET weights = ?, optimizedAt = ? WHERE id = 1`).run(savedSettings.weights ?? null, savedSettings.optimizedAt ?? null);
      else db.prepare(`DELETE FROM Settings WHERE id = 1`).run();
    })();
  } finally {
    db.close();
  }
});

test("with the few fixture reviews it says how many more are needed and changes nothing", async ({ page }) => {
  await page.goto("/settings");
  const section = page.getByTestId("optimize-section");
  await expect(section.getByRole("heading", { name: "FSRS parameters" })).toBeVisible();
  await expect(page.getByTestId("optimize-in-use")).toHaveText("In use: the default parameters.");
  const available = (await page.getByTestId("optimize-available").textContent()) ?? "";
  const items = Number(/^(\d+) reviews to learn from/.exec(available)?.[1]);
  expect(items).toBeLessThan(64);
  await expect(section.getByText(`${64 - items} more reviews needed`)).toBeVisible();

  await page.getByTestId("optimize-run").click();
  await expect(page.getByTestId("optimize-message")).toHaveText(`Not enough reviews yet: ${64 - items} more needed. Nothing was changed.`);
  await expect(page.getByTestId("optimize-result")).toHaveCount(0);
  await expect(page.getByTestId("optimize-in-use")).toHaveText("In use: the default parameters.");
});

test("with a long review log it optimises, shows the comparison, adopts, and can go back to the defaults", async ({ page }) => {
  const weights = [...default_w];
  weights.splice(0, 4, 0.05, 0.2, 0.5, 1.5);
  weights[8] = 1.0;
  weights[20] = 0.6;
  const start = new Date(Date.now() - 130 * 86_400_000);
  // The server counts study days in the machine's zone (lib/db/settings studyTimeZone), the runner's too.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const reviews = simulateReviews({ trueWeights: weights, cards: 80, introduceOverDays: 20, days: 120, start, seed: 11, dayStartHour: 4, timeZone });
  const db = new Database(dbFile);
  try {
    savedSettings = db.prepare(`SELECT weights, optimizedAt FROM Settings WHERE id = 1`).get() as Record<string, unknown> | undefined;
    const now = iso(new Date());
    db.transaction(() => {
      db.prepare(
        `INSERT INTO Note (id, path, title, lang, tags, relatedOutlines, difficulty, prose, contentHash, retired, syncedAt) VALUES (?, ?, ?, 'en', '[]', '[]', 'standard', '', 'x', 1, ?)`,
      ).run(NOTE, `${NOTE}.md`, "Synthetic learner", now);
      const card = db.prepare(
        `INSERT INTO Card (id, noteId, kind, front, back, line, ord, retired, due, createdAt, updatedAt) VALUES (?, ?, 'basic', ?, ?, ?, ?, 1, ?, ?, ?)`,
      );
      const ids = [...new Set(reviews.map((r) => r.cardId))];
      ids.forEach((id, i) => card.run(`${NOTE}:${id}`, NOTE, `Q${i}`, `A${i}`, i + 1, i, now, now, now));
      const log = db.prepare(
        `INSERT INTO ReviewLog (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, previousCard) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 5000, '{}')`,
      );
      reviews.forEach(({ cardId, record: r }, i) =>
        log.run(`${NOTE}-${i}`, `${NOTE}:${cardId}`, `${NOTE}-${i}`, r.rating, r.state, iso(r.due), r.stability, r.difficulty, r.elapsedDays, r.lastElapsedDays, r.scheduledDays, r.learningSteps, iso(r.reviewedAt)),
      );
    })();
  } finally {
    db.close();
  }

  await page.goto("/settings");
  const available = (await page.getByTestId("optimize-available").textContent()) ?? "";
  expect(Number(/^(\d+) reviews to learn from/.exec(available)?.[1])).toBeGreaterThanOrEqual(64);

  await page.getByTestId("optimize-run").click();
  await expect(page.getByTestId("optimize-running")).toBeVisible();
  const table = page.getByTestId("optimize-result");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("optimize-running")).toHaveCount(0);
  const cell = async (row: string, col: number) => Number(await table.getByRole("row", { name: new RegExp(`^${row}`) }).getByRole("cell").nth(col).textContent());
  const defaultLoss = await cell("Default", 0);
  const optimisedLoss = await cell("Optimised", 0);
  expect(defaultLoss).toBeGreaterThan(0);
  expect(optimisedLoss).toBeGreaterThan(0);
  expect(optimisedLoss).toBeLessThan(defaultLoss);
  expect(await cell("Optimised", 1)).toBeGreaterThan(0);
  await expect(page.getByTestId("optimize-verdict")).toContainText("Adopted");
  await expect(page.getByTestId("optimize-in-use")).toContainText("In use: your optimised parameters, adopted");

  // Stored: a fresh page load still shows them, and the reset button goes back to the defaults.
  await page.reload();
  await expect(page.getByTestId("optimize-in-use")).toContainText("In use: your optimised parameters, adopted");
  await page.getByTestId("optimize-reset").click();
  await expect(page.getByTestId("optimize-message")).toHaveText("Back to the default parameters.");
  await expect(page.getByTestId("optimize-in-use")).toHaveText("In use: the default parameters.");
  await expect(page.getByTestId("optimize-reset")).toHaveCount(0);
});
