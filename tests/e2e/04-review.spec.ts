import { expect, test, type Page, type Route } from "@playwright/test";
import { FIXTURE_CARD_IDS, FIXTURE_NOTES, EXERCISE_CARD_ID, notePath } from "./fixture-notes";
import { expectRemaining, readHomeCounts, readRemaining, revealAndGrade, revealAnswer, reviewCard, shownCardId, waitForCardAfter, waitForHydration } from "./helpers";
import { freshSchedule, setSessionSettings, studyBothLanguages } from "./e2e-db";
import { PAINT_PROBE } from "../support/paint-probe";

// The fixture notes are in English and Chinese: study both. Each test sets up
// its own schedule (every flashcard new, the live exercise out of the way
// unless the test is about it) and sibling burying, so the spec runs the same
// alone or after the others; the settings go back to their defaults after it.
test.beforeAll(studyBothLanguages);
test.afterAll(() => setSessionSettings({ buryNewSiblings: true, buryReviewSiblings: true, exercisesPerDay: 10 }));

// Intl's short units in English (lib/i18n/interval.ts): "10 min", "3 hr", "4 days", "1.5 mths", "2 yrs".
const INTERVAL = /^\d+(\.\d)? (min|hr|days?|mths?|mos?|yrs?)$/;

/** The review session's requests to the server (app/review/api), held until the test lets them through. */
async function holdApi(page: Page) {
  const held: { route: Route; op: string }[] = [];
  let passing = false;
  await page.route("**/review/api", async (route) => {
    const op = String((route.request().postDataJSON() as { op?: string })?.op);
    if (passing) await route.continue();
    else held.push({ route, op });
  });
  return {
    held,
    /** Lets the held requests through, in order, and every later one. */
    async release() {
      passing = true;
      for (const h of held.splice(0)) await h.route.continue();
    },
  };
}

/** Reviews in the log, as the review-log export counts them. */
async function reviewLogRows(page: Page): Promise<number> {
  const res = await page.request.get("/export/reviews");
  expect(res.ok()).toBe(true);
  return (await res.text()).trim().split("\n").length - 1;
}

const samples = (page: Page) => page.evaluate(() => (window as unknown as { __gp: { samples: number[] } }).__gp.samples);

test("review: reveal, grade, double press, undo, and state that persists (siblings not buried)", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.goto("/review");
  const start = await readRemaining(page);
  const startTotal = start.due + start.new;
  expect(startTotal).toBeGreaterThanOrEqual(3);
  const first = await shownCardId(page);
  expect(FIXTURE_CARD_IDS).toContain(first);

  await test.step("Space reveals the answer and the grade buttons with their intervals", async () => {
    await expect(page.locator(".grades")).toHaveCount(0);
    await revealAnswer(page);
    await expect(page.getByTestId("answer")).not.toBeEmpty();
    const buttons = page.locator(".grades button");
    await expect(buttons).toHaveCount(4);
    await expect(buttons.nth(0)).toContainText("Again");
    await expect(buttons.nth(3)).toContainText("Easy");
    const intervals = (await page.locator(".grades .interval").allTextContents()).map((t) => t.trim());
    expect(intervals).toHaveLength(4);
    for (const t of intervals) expect(t).toMatch(INTERVAL);
    // A new card with the default steps 1m 10m: Again 1 min, Hard 6 min (the average of the steps), Good 10 min, Easy days.
    expect(intervals.slice(0, 3)).toEqual(["1 min", "6 min", "10 min"]);
    expect(intervals[3]).toMatch(/^\d+ days?$/);
  });

  // A new card graded Good or Again moves to learning, a few minutes away: it
  // leaves the new count and joins the learning count (Anki shows learning
  // cards due within 20 minutes), so the total left stays the same.
  const expectNew = async (n: number) => expect.poll(async () => (await readRemaining(page)).new).toBe(n);
  expect(start.new).toBeGreaterThanOrEqual(2);

  let second = "";
  await test.step("pressing 3 twice quickly grades exactly one card", async () => {
    await page.keyboard.press("3");
    await page.keyboard.press("3");
    await waitForCardAfter(page, first);
    second = await shownCardId(page);
    expect(second).not.toBe(first);
    await expectNew(start.new - 1);
    await expectRemaining(page, startTotal);
    // The new card is shown unrevealed: the second "3" did not carry over.
    await expect(page.getByTestId("answer")).toHaveCount(0);
    await expect(page.getByTestId("review-error")).toHaveCount(0);
    // Let the grade be saved, then check the server's view.
    await expect(page.getByTestId("save-status")).toHaveCount(0);
    await page.reload();
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", second);
    await expectNew(start.new - 1);
  });

  await test.step("grade Again, then undo brings the same card back", async () => {
    await revealAndGrade(page, "1");
    const third = await shownCardId(page);
    expect(third).not.toBe(second);
    expect(third).not.toBe(first);
    await expectNew(start.new - 2);

    await page.keyboard.press("u");
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", second);
    await expectNew(start.new - 1);
    // Back to the question side.
    await expect(page.getByTestId("answer")).toHaveCount(0);
  });

  await test.step("after a reload the grades and the undo have persisted", async () => {
    await page.reload();
    // The first card was graded Good (a learning step minutes away), so it
    // waits behind the new cards; the undone card is the one shown.
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", second);
    await expectNew(start.new - 1);
    await expectRemaining(page, startTotal);

    await page.goto("/");
    const home = await readHomeCounts(page);
    expect(home.new).toBe(start.new - 1);
    expect(home.due + home.new).toBe(startTotal);
  });

  await test.step("undo after a reload takes back the first card's single Good grade", async () => {
    await page.goto("/review");
    // Revealing proves the page's keyboard listener is attached, so the one
    // "u" below is not lost (pressing it twice would undo twice).
    await revealAnswer(page);
    await page.keyboard.press("u");
    // Had the double press graded the first card twice, undo would only take
    // back the second grade and the card would stay in learning, not due.
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
    await expectNew(start.new);
    await expectRemaining(page, startTotal);
    await expect(page.getByTestId("review-error")).toHaveCount(0);
  });

  await test.step("? shows the list of keys and hides it again", async () => {
    await expect(page.getByTestId("keys")).toHaveCount(0);
    await page.keyboard.press("?");
    await expect(page.getByTestId("keys")).toContainText("undo today's last grade");
    await page.keyboard.press("?");
    await expect(page.getByTestId("keys")).toHaveCount(0);
  });
});

test("Hard on the second learning step shows 10 min (Anki), not 6 min", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.goto("/review");
  await waitForHydration(page, '[data-testid="review-card"]');
  const first = await shownCardId(page);
  // Good: the card goes to its second step (10 min); grade the rest Easy, so it is the only card left and is learned ahead.
  await revealAndGrade(page, "3");
  for (let i = 0; i < FIXTURE_CARD_IDS.length && (await shownCardId(page)) !== first; i++) await revealAndGrade(page, "4");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
  await revealAnswer(page);
  const intervals = (await page.locator(".grades .interval").allTextContents()).map((t) => t.trim());
  expect(intervals.slice(0, 2)).toEqual(["1 min", "10 min"]);
});

test("siblings wait for the next day: one card of a note a day, buried by the first one answered, unburied by undo", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: true, buryReviewSiblings: true });
  await page.goto("/review");
  // One new card per note (the fixture notes of flashcards), however many cards each note has.
  expect(await readRemaining(page)).toEqual({ due: 0, new: FIXTURE_NOTES.filter((n) => n.cards.some((c) => c !== EXERCISE_CARD_ID)).length });
  const first = await shownCardId(page);
  expect(first).toBe("e2e/basics:first");
  await waitForHydration(page, '[data-testid="review-card"]');
  await revealAndGrade(page, "4");
  // The next card is of the other note, never the first card's sibling.
  expect(await shownCardId(page)).not.toMatch(/^e2e\/basics:/);
  await expect(page.getByTestId("save-status")).toHaveCount(0);

  await page.goto(notePath("e2e/basics"));
  for (const id of ["e2e/basics:second", "e2e/basics:third"]) await expect(page.locator(`li[data-card-id="${id}"]`).getByTestId("flag-buried")).toBeVisible();

  await page.goto("/review");
  await waitForHydration(page, '[data-testid="review-card"]');
  await page.keyboard.press("u");
  await expect(page.getByTestId("notice")).toHaveText("Grade undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
  await page.goto(notePath("e2e/basics"));
  await expect(page.getByTestId("flag-buried")).toHaveCount(0);
});

test("the next card is painted before the server answers; the header says grades wait, then that they are saved", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.addInitScript(PAINT_PROBE);
  await page.goto("/review");
  const start = await readRemaining(page);
  await waitForHydration(page, '[data-testid="review-card"]');
  await revealAnswer(page);
  const api = await holdApi(page);

  const graded: string[] = [];
  for (let i = 0; i < 3; i++) {
    const id = await shownCardId(page);
    if (i > 0) await revealAnswer(page);
    await page.keyboard.press("4");
    await waitForCardAfter(page, id);
    graded.push(id);
  }
  // Three cards graded and three next cards painted while the server has answered nothing: the first grade is still held.
  expect(api.held.map((h) => h.op)).toEqual(["grade"]);
  const times = await samples(page);
  expect(times).toHaveLength(3);
  console.log(`key press → next card painted, server held: ${times.map((t) => `${t.toFixed(0)} ms`).join(", ")}`);
  for (const t of times) expect(t).toBeLessThan(1000);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "waiting");
  await expect(page.getByTestId("save-status")).toHaveText("3 grades waiting to be saved…");
  expect((await readRemaining(page)).new).toBe(start.new - 3);

  await api.release();
  await expect(page.getByTestId("save-status")).toHaveCount(0);
  await page.reload();
  await expect.poll(async () => (await readRemaining(page)).new).toBe(start.new - 3);
  expect(graded).not.toContain(await shownCardId(page));
});

test("with a slow server (1 s a request), every grade still paints the next card at once", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.addInitScript(PAINT_PROBE);
  await page.route("**/review/api", async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.goto("/review");
  await waitForHydration(page, '[data-testid="review-card"]');
  const start = await readRemaining(page);
  const n = start.new;
  for (let i = 0; i < n; i++) {
    const id = await shownCardId(page);
    await revealAnswer(page);
    await page.keyboard.press("4");
    await waitForCardAfter(page, id);
  }
  await expect(page.getByTestId("nothing-due")).toBeVisible();
  const times = (await samples(page)).sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  console.log(`key press → next card painted, server slowed to 1 s: n=${times.length} median ${p(0.5).toFixed(0)} ms, max ${p(1).toFixed(0)} ms`);
  // Far below the server's second: nothing waited for it.
  expect(p(1)).toBeLessThan(500);
  await expect(page.getByTestId("save-status")).toHaveCount(0, { timeout: 15_000 });
});

test("a grade the server cannot take is kept, retried, survives a reload, and is saved once it can be", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.goto("/review");
  const start = await readRemaining(page);
  await waitForHydration(page, '[data-testid="review-card"]');
  let down = true;
  await page.route("**/review/api", (route) => (down ? route.abort("failed") : route.continue()));
  const graded = await revealAndGrade(page, "4");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "failing");
  await expect(page.getByTestId("save-status")).toContainText("Could not save 1 grade yet: trying again.");

  // Reloaded while the server is still out of reach: the grade is still there, and its card is not shown again.
  await page.reload();
  await waitForHydration(page, '[data-testid="review-card"]');
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "failing");
  expect(await shownCardId(page)).not.toBe(graded);

  down = false;
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByTestId("save-status")).toHaveCount(0);
  await page.reload();
  await expect.poll(async () => (await readRemaining(page)).new).toBe(start.new - 1);
  // Saved once: the log (empty before this test) holds a single review.
  expect(await reviewLogRows(page)).toBe(1);
});

test("s then u 0.1 s later while the server is slow: the suspend is saved, then undone, in order", async ({ page }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  await page.route("**/review/api", async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto("/review");
  await waitForHydration(page, '[data-testid="review-card"]');
  const start = await readRemaining(page);
  const first = await shownCardId(page);
  await revealAnswer(page);
  await page.keyboard.press("s");
  await page.waitForTimeout(100);
  await page.keyboard.press("u");
  // A key given while the undo is on its way waits its turn, and applies to the restored card.
  await page.keyboard.press("Space");
  await expect(page.getByTestId("notice")).toHaveText("Suspend undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
  await expect(page.getByTestId("answer")).toBeVisible();
  expect(await readRemaining(page)).toEqual(start);
  await expect(page.getByTestId("review-error")).toHaveCount(0);
});

test("an exercise card: ?, b, s and u work as on any card; Enter goes to the answer box, Escape leaves it", async ({ page, browser }) => {
  freshSchedule();
  setSessionSettings({ buryNewSiblings: true, buryReviewSiblings: true });
  await page.goto("/review");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", EXERCISE_CARD_ID);
  await waitForHydration(page, '[data-testid="answer-input"]');
  const box = page.getByTestId("answer-input");
  await expect(box).not.toBeFocused();

  await page.keyboard.press("?");
  await expect(page.getByTestId("keys")).toContainText("go to the answer box");
  await page.keyboard.press("?");
  await expect(page.getByTestId("keys")).toHaveCount(0);

  await page.keyboard.press("b");
  await expect(page.getByTestId("notice")).toHaveText("Buried until tomorrow.");
  await expect(reviewCard(page)).not.toHaveAttribute("data-card-id", EXERCISE_CARD_ID);
  await page.keyboard.press("u");
  await expect(page.getByTestId("notice")).toHaveText("Bury undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", EXERCISE_CARD_ID);
  await page.keyboard.press("s");
  await expect(page.getByTestId("notice")).toContainText("Suspended");
  await page.keyboard.press("u");
  await expect(page.getByTestId("notice")).toHaveText("Suspend undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", EXERCISE_CARD_ID);

  // Typing goes into the box only once Enter has put the focus there; b typed there is text, not a bury.
  await waitForHydration(page, '[data-testid="answer-input"]');
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-input")).toBeFocused();
  await page.keyboard.type("0.2b");
  await expect(page.getByTestId("answer-input")).toHaveValue("0.2b");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", EXERCISE_CARD_ID);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("answer-input")).not.toBeFocused();
  await page.keyboard.press("?");
  await expect(page.getByTestId("keys")).toBeVisible();

  // The solution shown (a verdict), Enter takes the suggested grade and the next card follows.
  await page.getByTestId("reveal").click();
  await expect(page.locator(".grades button")).toHaveCount(4);
  await page.keyboard.press("Enter");
  await waitForCardAfter(page, EXERCISE_CARD_ID);

  // A button clicked does not keep the focus: Space then shows the next card's answer instead of pressing it again.
  const next = await shownCardId(page);
  await page.getByTestId("bury").click();
  await waitForCardAfter(page, next);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("answer")).toBeVisible();
  await expect(page.getByTestId("notice")).toHaveText("Buried until tomorrow.");

  // On a phone the answer box does not take the focus by itself (the keyboard would cover the question).
  freshSchedule();
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: "en-US", timezoneId: "UTC" });
  try {
    const p = await phone.newPage();
    await p.goto("/review");
    await expect(reviewCard(p)).toHaveAttribute("data-kind", "exercise");
    await waitForHydration(p, '[data-testid="answer-input"]');
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => document.activeElement?.tagName)).not.toBe("INPUT");
  } finally {
    await phone.close();
  }
});

test("two tabs grade the same card: the second is told its grade was not saved, and goes on", async ({ context }) => {
  freshSchedule([EXERCISE_CARD_ID]);
  setSessionSettings({ buryNewSiblings: false, buryReviewSiblings: false });
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) {
    await p.goto("/review");
    await waitForHydration(p, '[data-testid="review-card"]');
  }
  const card = await shownCardId(a);
  expect(await shownCardId(b)).toBe(card);
  await revealAndGrade(a, "3");
  await expect(a.getByTestId("save-status")).toHaveCount(0);

  await revealAnswer(b);
  await b.keyboard.press("4");
  await waitForCardAfter(b, card);
  await expect(b.getByTestId("review-error")).toHaveText(/already graded in another tab, so your Easy was not saved/);
  // Only tab A's grade is in the log (empty before this test).
  expect(await reviewLogRows(a)).toBe(1);
});
