import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { decodeEntities, parseAnkiText, parseRevlogCsv } from "../export/parse-export";
import { FIXTURE_CARD_IDS } from "./fixture-notes";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

// Passes on the fresh database and after the other specs (which grade cards):
// it compares the files with what the page says the database holds.

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;

async function download(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), body: await readFile(file) };
}

async function openExportPage(page: Page): Promise<{ cards: number; reviews: number }> {
  await page.goto("/");
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page).toHaveURL(/\/export$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Export and backup");
  await expect(page.getByTestId("export-empty-note")).toContainText("only their header lines");
  const counts = (await page.getByTestId("export-counts").textContent()) ?? "";
  const m = /(\d+) live cards · (\d+) reviews logged/.exec(counts);
  if (!m) throw new Error(`unexpected counts text: "${counts}"`);
  return { cards: Number(m[1]), reviews: Number(m[2]) };
}

test("Anki text: Anki's header lines, every fixture card, math as \\(…\\)", async ({ page }) => {
  const counts = await openExportPage(page);
  expect(counts.cards).toBe(FIXTURE_CARD_IDS.length);
  const { name, body } = await download(page, "export-anki");
  expect(name).toMatch(new RegExp(`^gradprep-anki-${DATE}\\.txt$`));
  const { headers, rows } = parseAnkiText(body.toString("utf8"));
  expect(headers).toEqual(["#separator:tab", "#html:true", "#tags column:3"]);
  expect(rows).toHaveLength(FIXTURE_CARD_IDS.length);
  for (const r of rows) expect(r).toHaveLength(3);

  const zhMax = rows.find((r) => decodeEntities(r[0]!).includes("Sigmoid 导数的最大值是多少？"));
  expect(zhMax, "the zh-max fixture card").toBeDefined();
  expect(zhMax![1]).toContain("\\(\\tfrac14\\)");
  expect(zhMax![1]).toContain("\\(z = 0\\)");
  expect(zhMax![1]).not.toMatch(/katex/i);
  expect(zhMax![2]!.split(" ").sort()).toEqual(["e2e", "e2e/zh-chain-rule"]);
});

test("review log CSV: the FSRS header and one row per review logged", async ({ page }) => {
  const counts = await openExportPage(page);
  const { name, body } = await download(page, "export-reviews");
  expect(name).toMatch(new RegExp(`^gradprep-reviews-${DATE}\\.csv$`));
  const text = body.toString("utf8");
  expect(text.split("\n")[0]).toBe("card_id,review_time,review_rating,review_state,review_duration");
  const { rows } = parseRevlogCsv(text);
  expect(rows).toHaveLength(counts.reviews);
  for (const r of rows) {
    expect(r.review_rating).toBeGreaterThanOrEqual(1);
    expect(r.review_rating).toBeLessThanOrEqual(4);
    expect(r.review_state).toBeGreaterThanOrEqual(0);
    expect(r.review_state).toBeLessThanOrEqual(3);
    // Reviews happened during this test run, in epoch milliseconds.
    expect(Math.abs(r.review_time - Date.now())).toBeLessThan(24 * 3600_000);
  }
});

test("database backup: a SQLite file, sent as one", async ({ page }) => {
  await openExportPage(page);
  const { name, body } = await download(page, "export-backup");
  expect(name).toMatch(new RegExp(`^gradprep-backup-${DATE}\\.db$`));
  expect(body.subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");

  const res = await page.request.get("/export/backup");
  expect(res.headers()["content-type"]).toBe("application/vnd.sqlite3");
  expect(res.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="gradprep-backup-${DATE}\\.db"$`));
  expect((await res.body()).subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
});
