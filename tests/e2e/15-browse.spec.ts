import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DB_FILE, freshSchedule, setLanguageChoice, studyBothLanguages } from "./e2e-db";
import { FIXTURE_CARD_IDS } from "./fixture-notes";
import { waitForHydration } from "./helpers";

// The card browser (/browse) on the fixture notes: search, keys, an action on
// a selection with its undo, card info, and the layout at 375 px in both
// languages and themes. Sets up its own schedule, so it passes alone too.

const SECOND = "e2e/basics:second";
const EXERCISE = "e2e/an-exercise:sigma-prime";
const DAY = 86_400_000;
const stored = (d: Date) => d.toISOString().replace("Z", "+00:00");

function sql<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Two reviews of SECOND (now a review card due in 9 days) and a wrong exercise attempt with a known mistake. */
function history(): void {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY);
  const state = (s: { due: Date; stability: number; difficulty: number; reps: number; state: number; last: Date | null }) =>
    JSON.stringify({ due: s.due.toISOString(), stability: s.stability, difficulty: s.difficulty, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: s.reps, lapses: 0, state: s.state, lastReview: s.last?.toISOString() ?? null });
  sql((db) => {
    const log = db.prepare(
      `INSERT INTO "ReviewLog" (id, cardId, token, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, reviewedAt, durationMs, previousCard)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, 4000, ?)`,
    );
    log.run("e2e-browse-1", SECOND, "e2e-browse-tok-1", 3, 0, stored(at(-12)), 0, 0, stored(at(-12)), state({ due: at(-12), stability: 0, difficulty: 0, reps: 0, state: 0, last: null }));
    log.run("e2e-browse-2", SECOND, "e2e-browse-tok-2", 3, 2, stored(at(-9)), 3.2, 5.1, stored(at(-3)), state({ due: at(-9), stability: 3.2, difficulty: 5.1, reps: 1, state: 2, last: at(-12) }));
    db.prepare(`UPDATE "Card" SET state = 2, due = ?, stability = 12.5, difficulty = 4.9, scheduledDays = 12, reps = 2, lastReview = ? WHERE id = ?`).run(stored(at(9)), stored(at(-3)), SECOND);
    db.prepare(
      `INSERT INTO "Attempt" (id, cardId, generator, seed, params, input, parsedValue, verdict, mistakeId, tryNumber, durationMs, context, createdAt)
       VALUES ('e2e-browse-a1', ?, 'sigmoid-derivative', 12345, '{"mode":"value","difficulty":1}', '0.73', '0.73', 'wrong', 'sigma-not-prime', 1, 8000, 'review', ?)`,
    ).run(EXERCISE, stored(at(-1)));
  });
}

function setTheme(theme: "light" | "dark" | "system"): void {
  sql((db) => db.prepare(`UPDATE "Settings" SET theme = ? WHERE id = 1`).run(theme));
}

const suspended = (id: string) => sql((db) => (db.prepare(`SELECT suspended FROM "Card" WHERE id = ?`).get(id) as { suspended: number }).suspended);
const rows = (page: Page) => page.locator("#browse-grid tbody tr");

/** No horizontal page overflow, and no visible text under 11 px (SVG text included). */
async function layoutProblems(page: Page, scope: string): Promise<{ overflow: number; small: string[] }> {
  return page.evaluate((sel) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll(`${sel} *`)) {
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!text || el.closest(".sr-label, .visually-hidden, option")) continue;
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 11) small.push(`${el.tagName} ${size}px "${el.textContent?.trim().slice(0, 20)}"`);
    }
    return { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, small };
  }, scope);
}

test.beforeAll(() => {
  studyBothLanguages();
  freshSchedule();
  history();
});
test.afterAll(() => {
  setTheme("system");
  studyBothLanguages();
  freshSchedule();
});

test("search, select with the keys, suspend and undo, card info", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Browse" }).click();
  await expect(page).toHaveURL(/\/browse$/);
  await expect(page.getByTestId("browse-count")).toHaveText(`Cards 1–${FIXTURE_CARD_IDS.length} of ${FIXTURE_CARD_IDS.length}`);

  // Text: a substring of the front or back, in either language, case-insensitive.
  await page.getByTestId("search-text").fill("QUESTION");
  await page.getByTestId("search-submit").click();
  await expect(page).toHaveURL(/q=QUESTION/);
  await expect(rows(page)).toHaveCount(3);
  await page.getByTestId("search-text").fill("连乘");
  await page.getByTestId("search-submit").click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-card-id", "e2e/zh-chain-rule:zh-cause");
  await page.getByTestId("search-text").fill("");
  await page.getByTestId("search-note").fill("chain-rule");
  await page.getByTestId("search-submit").click();
  await expect(rows(page)).toHaveCount(2);
  await page.goto("/browse?state=review");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-card-id", SECOND);

  // Keys: ↓ moves, Space selects.
  await page.goto("/browse?q=question");
  await waitForHydration(page, "#browse-grid");
  const grid = page.getByTestId("browse-grid");
  await grid.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selected-count")).toHaveText("2 cards selected");
  const chosen = await page.locator('#browse-grid tbody tr[aria-selected="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-card-id")!));
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-card-id")!));
  expect(chosen).toEqual(ids.slice(1, 3));
  await expect(grid).toHaveAttribute("aria-activedescendant", "browse-row-2");

  // Suspend the selection: confirmed, shown in the list, written; Undo takes it back.
  await page.getByTestId("action-suspend").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Suspended 2 cards");
  for (const id of chosen) {
    await expect(page.locator(`#browse-grid tr[data-card-id="${id}"] [data-flag="suspended"]`)).toBeVisible();
    expect(suspended(id)).toBe(1);
  }
  expect(suspended(ids[0]!)).toBe(0);
  await page.getByTestId("browse-undo").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Undone: 2 cards are as before.");
  for (const id of chosen) expect(suspended(id)).toBe(0);

  // The selection outlives the action. The mouse: a box selects its row and the keys stay with the list.
  await rows(page).nth(0).locator("input[type=checkbox]").click();
  await expect(page.getByTestId("selected-count")).toHaveText("3 cards selected");
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute("aria-activedescendant", "browse-row-0");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("selected-count")).toHaveText("0 cards selected");
  await page.keyboard.press("End");
  await expect(grid).toHaveAttribute("aria-activedescendant", "browse-row-2");

  // Enter opens the active card's info; Esc closes it and gives the keyboard back to the list.
  await grid.focus();
  await page.keyboard.press("Enter");
  const info = page.getByTestId("card-info");
  await expect(info).toBeVisible();
  await expect(info.locator(".card-info-body")).toHaveAttribute("data-card-id", ids[2]!);
  await page.keyboard.press("Escape");
  await expect(info).toHaveCount(0);
  await expect(page).not.toHaveURL(/card=/);
  await expect(grid).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(grid).toHaveAttribute("aria-activedescendant", "browse-row-1");

  // A studied card: its state, curve and every review with stability and difficulty before and after.
  await page.goto(`/browse?card=${encodeURIComponent(SECOND)}`);
  await expect(info).toBeVisible();
  await expect(page.getByTestId("card-state")).toContainText("Review");
  await expect(page.getByTestId("retrievability-curve").locator("svg")).toBeVisible();
  const reviews = page.getByTestId("card-reviews").locator("tbody tr");
  await expect(reviews).toHaveCount(2);
  await expect(reviews.nth(0)).toContainText("0 → 3.2");
  await expect(reviews.nth(1)).toContainText("3.2 → 12.5");
  await expect(reviews.nth(1)).toContainText("5.1 → 4.9");

  // An exercise card: its attempt, with the mistake explained.
  await page.goto(`/browse?card=${encodeURIComponent(EXERCISE)}`);
  await expect(page.getByTestId("card-attempts")).toContainText("itself; the derivative is");
});

test("a failed action says so and changes nothing", async ({ page }) => {
  await page.goto("/browse?q=question");
  await waitForHydration(page, "#browse-grid");
  await page.getByTestId("action-bury").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Select cards first");
  // A card removed from the notes after the page was drawn: the whole selection is refused.
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-card-id")!));
  await page.getByTestId("browse-grid").focus();
  await page.keyboard.press("Control+a");
  await expect(page.getByTestId("selected-count")).toHaveText("3 cards selected");
  sql((db) => db.prepare(`UPDATE "Card" SET retired = 1 WHERE id = ?`).run(ids[0]));
  try {
    await page.getByTestId("action-suspend").click();
    await expect(page.getByTestId("browse-notice")).toContainText("nothing was changed");
    for (const id of ids) expect(suspended(id)).toBe(0);
  } finally {
    sql((db) => db.prepare(`UPDATE "Card" SET retired = 0 WHERE id = ?`).run(ids[0]));
  }
});

test("reset asks first and is undone; reschedule moves the due date to the study day picked", async ({ page }) => {
  const card = () => sql((db) => db.prepare(`SELECT state, stability, due FROM "Card" WHERE id = ?`).get(SECOND) as { state: number; stability: number; due: string });
  const before = card();
  await page.goto("/browse?state=review");
  await waitForHydration(page, "#browse-grid");
  await page.getByTestId("browse-grid").focus();
  await page.keyboard.press("Space");
  await page.getByTestId("action-reset").click();
  await expect(page.getByTestId("confirm-reset")).toContainText("Reset this card?");
  expect(card().state).toBe(2);
  await page.getByTestId("confirm-reset-yes").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Reset 1 card to new.");
  expect(card()).toMatchObject({ state: 0, stability: 0 });
  await page.getByTestId("browse-undo").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Undone");
  expect(card()).toEqual(before);

  const day = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
  await page.goto("/browse?state=review");
  await waitForHydration(page, "#browse-grid");
  await page.getByTestId("browse-grid").focus();
  await page.keyboard.press("Space");
  await page.getByTestId("reschedule-date").fill(day);
  await page.getByTestId("action-reschedule").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Rescheduled 1 card to");
  // The start of that study day: the day start hour on the server's (this machine's) clock.
  const hour = sql((db) => (db.prepare(`SELECT dayStartHour AS h FROM "Settings" WHERE id = 1`).get() as { h: number } | undefined)?.h ?? 4);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  expect(new Date(card().due).getTime()).toBe(new Date(y, m - 1, d, hour).getTime());
  await page.getByTestId("browse-undo").click();
  await expect(page.getByTestId("browse-notice")).toContainText("Undone");
  expect(card()).toEqual(before);
});

for (const locale of ["en", "zh"] as const) {
  for (const theme of ["light", "dark"] as const) {
    test(`375 px, ${locale}, ${theme}: the list scrolls in its own box, text at least 11 px, card info fits`, async ({ page }) => {
      setLanguageChoice({ locale, study: "en,zh" });
      setTheme(theme);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto("/browse");
      await expect(page.getByTestId("browse-grid")).toBeVisible();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(theme === "light" ? "rgb(251, 251, 250)" : "rgb(22, 24, 28)");
      const list = await layoutProblems(page, "main");
      expect(list.overflow).toBeLessThanOrEqual(0);
      expect(list.small).toEqual([]);
      const box = await page.locator(".browse-list").evaluate((el) => ({ overflowX: getComputedStyle(el).overflowX, inside: el.scrollWidth > el.clientWidth, right: el.getBoundingClientRect().right }));
      expect(box.overflowX).toBe("auto");
      expect(box.inside).toBe(true);
      expect(box.right).toBeLessThanOrEqual(375);

      await page.goto(`/browse?card=${encodeURIComponent(SECOND)}`);
      const info = page.getByTestId("card-info");
      await expect(info).toBeVisible();
      const dialog = await layoutProblems(page, "dialog");
      expect(dialog.overflow).toBeLessThanOrEqual(0);
      expect(dialog.small).toEqual([]);
      expect(await info.evaluate((d) => d.getBoundingClientRect().right)).toBeLessThanOrEqual(375);
      const svgText = await page.getByTestId("retrievability-curve").locator("text").evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize)));
      expect(svgText.length).toBeGreaterThan(3);
      expect(Math.min(...svgText)).toBeGreaterThanOrEqual(11);
      await expect(page.getByRole("heading", { name: locale === "en" ? "Card info" : "卡片详情" })).toBeVisible();
    });
  }
}
