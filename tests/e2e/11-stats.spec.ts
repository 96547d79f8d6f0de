import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { revealAndGrade, reviewCard, shownCardId, waitForCardAfter, waitForHydration } from "./helpers";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

// Runs alone on a fresh database (nothing reviewed yet: empty states first)
// or after the other specs (which graded cards): every number is checked
// against the e2e server's SQLite file, read here directly.

const port = Number(process.env.E2E_PORT || 3917);
const dbFile = path.join(os.tmpdir(), `gradprep-e2e-${port}.db`);

function read<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Prisma's SQLite dates, as ms (stored as numbers or ISO text depending on the adapter). */
function ms(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === "number" || typeof v === "bigint") return Number(v);
  const s = String(v);
  return /^\d+$/.test(s) ? Number(s) : Date.parse(s.includes("T") || s.includes("Z") ? s : s.replace(" ", "T") + "Z");
}

function reviewCount(): number {
  return read((db) => (db.prepare(`SELECT COUNT(*) AS n FROM ReviewLog`).get() as { n: number }).n);
}

/** Effective due times (a buried card comes back when its burial ends) of cards in (re)learning. */
function learningDues(): number[] {
  return read((db) =>
    (
      db
        .prepare(
          `SELECT c.due AS due, c.buriedUntil AS buried FROM Card c JOIN Note n ON n.id = c.noteId
           WHERE c.state IN (1, 3) AND c.retired = 0 AND c.suspended = 0 AND n.retired = 0`,
        )
        .all() as { due: unknown; buried: unknown }[]
    ).map((r) => Math.max(ms(r.due), Number.isNaN(ms(r.buried)) ? -Infinity : ms(r.buried))),
  );
}

/** Studied cards that can come up (live, not suspended), with their effective due time. */
function studiedDues(): number[] {
  return read((db) =>
    (
      db
        .prepare(
          `SELECT c.due AS due, c.buriedUntil AS buried FROM Card c JOIN Note n ON n.id = c.noteId
           WHERE c.state <> 0 AND c.retired = 0 AND c.suspended = 0 AND n.retired = 0`,
        )
        .all() as { due: unknown; buried: unknown }[]
    ).map((r) => Math.max(ms(r.due), Number.isNaN(ms(r.buried)) ? -Infinity : ms(r.buried))),
  );
}

function dayStartHour(): number {
  return read((db) => (db.prepare(`SELECT dayStartHour AS h FROM Settings WHERE id = 1`).get() as { h: number } | undefined)?.h ?? 4);
}

/** Start of the study day containing `now`, `offset` days on (local time of this machine, as the server's). */
function studyDayStart(now: Date, h: number, offset = 0): Date {
  let s = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h);
  if (s > now) s = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, h);
  return new Date(s.getFullYear(), s.getMonth(), s.getDate() + offset, h);
}

/** Grades the first card due, if any, and waits until the grade is saved (the review page sends it in the background). */
async function gradeOneIfDue(page: Page): Promise<boolean> {
  const before = reviewCount();
  await page.goto("/review");
  await expect(page.locator('[data-testid="review-card"], [data-testid="nothing-due"]')).toBeVisible();
  if (!(await reviewCard(page).isVisible())) return false;
  if ((await reviewCard(page).getAttribute("data-kind")) === "exercise") {
    // A live exercise: show its solution, then grade Easy over the suggestion.
    const id = await shownCardId(page);
    await waitForHydration(page, '[data-testid="answer-input"]');
    await page.getByRole("button", { name: "Show solution" }).click();
    await expect(page.locator(".grades button")).toHaveCount(4);
    await page.locator(".grades button").nth(3).click();
    await waitForCardAfter(page, id);
  } else {
    await revealAndGrade(page, "4");
  }
  await expect.poll(reviewCount).toBe(before + 1);
  return true;
}

test("the stats page charts the reviews in the database, with empty states before any", async ({ page }) => {
  const before = reviewCount();
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Stats" }).click();
  await expect(page).toHaveURL(/\/stats$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistics");
  if (before === 0) {
    await expect(page.getByTestId("heatmap-empty")).toBeVisible();
    await expect(page.getByTestId("reviews-per-day-empty")).toBeVisible();
    await expect(page.getByRole("img")).toHaveCount(0);
  }

  const graded = await gradeOneIfDue(page);
  const after = reviewCount();
  expect(after).toBe(before + (graded ? 1 : 0));
  expect(after).toBeGreaterThan(0);

  await page.goto("/stats");
  const heat = page.getByRole("img", { name: new RegExp(`^Calendar heatmap: ${after} reviews on \\d+ days in the last 365 days$`) });
  await expect(heat).toBeVisible();
  expect(await heat.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  await expect(heat.locator("rect[class^='heat-']")).toHaveCount(365); // the days (the legend is HTML beside it)
  // Every review of this run is within the last 30 days.
  await expect(page.getByRole("img", { name: `Bar chart of reviews per day over the last 30 days, ${after} in all` })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Bar chart of minutes spent reviewing per day/ })).toBeVisible();
  await expect(page.getByRole("img", { name: `Bar chart of grades given, ${after} in all` })).toBeVisible();
  // The numbers are also there as a (visually hidden) table.
  await expect(page.getByRole("table", { name: `Bar chart of grades given, ${after} in all` }).getByRole("row")).toHaveCount(5);

  const retention = page.getByTestId("true-retention");
  await expect(retention.getByRole("row")).toHaveCount(7);
  await expect(retention.getByRole("rowheader")).toHaveText(["Today", "Yesterday", "Last 7 days", "Last 30 days", "Last year", "All time"]);

  for (const name of ["Histogram of card stability in days", "Histogram of card difficulty", "Histogram of card retrievability in percent"]) {
    await expect(page.getByRole("img", { name })).toBeVisible();
  }
  const attempts = read((db) => (db.prepare(`SELECT COUNT(*) AS n FROM Attempt`).get() as { n: number }).n);
  if (attempts === 0) await expect(page.getByTestId("exercises-empty")).toBeVisible();
  else await expect(page.getByRole("img", { name: "Bar chart of the share of right answers per exercise, in percent" })).toBeVisible();
});

test("the home page shows due later today, the streak, the 14-day forecast and the weakest notes", async ({ page }) => {
  if (reviewCount() === 0) await gradeOneIfDue(page);
  await page.goto("/");
  const now = new Date();
  const h = dayStartHour();
  const dues = studiedDues();
  const todayStart = studyDayStart(now, h).getTime();
  const tomorrow = studyDayStart(now, h, 1).getTime();
  const end = studyDayStart(now, h, 14).getTime();

  // Learning steps due after the 20-minute learn-ahead window and before the day ends.
  const later = learningDues().filter((d) => d > now.getTime() + 20 * 60_000 && d < tomorrow).length;
  await expect(page.getByTestId("due-later-count")).toHaveText(String(later));

  const inForecast = dues.filter((d) => d < end).length;
  if (inForecast === 0) {
    await expect(page.getByTestId("forecast-chart-empty")).toBeVisible();
  } else {
    const chart = page.getByRole("img", { name: `Bar chart of cards due on each of the next 14 days, ${inForecast} in all` });
    await expect(chart).toBeVisible();
    await expect(chart.locator("rect.bar")).toHaveCount(14);
  }

  // Every review of an e2e run happens within minutes, normally on one study day:
  // then the streak is 1 if nothing studied is due now, else 0 (today not done yet).
  const streak = page.getByTestId("streak-count");
  await expect(streak).toHaveText(/^\d+$/);
  const firstReview = read((db) => ms((db.prepare(`SELECT MIN(reviewedAt) AS t FROM ReviewLog`).get() as { t: unknown }).t));
  if (firstReview >= todayStart) {
    await expect(streak).toHaveText(dues.some((d) => d <= Date.now()) ? "0" : "1");
  }

  const mastery = page.getByRole("img", { name: "Bar chart of mastery per note, in percent" });
  await expect(mastery).toBeVisible();
  const rows = page.getByRole("table", { name: "Bar chart of mastery per note, in percent" }).locator("tbody tr");
  const notesWithCards = read((db) => (db.prepare(`SELECT COUNT(DISTINCT c.noteId) AS n FROM Card c JOIN Note n ON n.id = c.noteId WHERE c.retired = 0 AND c.suspended = 0 AND n.retired = 0`).get() as { n: number }).n);
  await expect(rows).toHaveCount(notesWithCards);
  const values = (await rows.locator("td").allTextContents()).map((t) => Number.parseFloat(t));
  expect(values).toEqual([...values].sort((a, b) => a - b));

  await page.getByRole("link", { name: "All statistics →" }).click();
  await expect(page).toHaveURL(/\/stats$/);
});
