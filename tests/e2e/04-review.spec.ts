import { expect, test } from "@playwright/test";
import { FIXTURE_CARD_IDS, EXERCISE_CARD_ID } from "./fixture-notes";
import { expectRemaining, readHomeCounts, readRemaining, revealAndGrade, revealAnswer, reviewCard, shownCardId, waitForCardAfter } from "./helpers";
import { freshSchedule, studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both. The spec sets up
// its own schedule (every flashcard new, the live exercise out of the way), so
// it runs the same alone or after the others.
test.beforeAll(() => {
  studyBothLanguages();
  freshSchedule([EXERCISE_CARD_ID]);
});

// Intl's short units in English (lib/i18n/interval.ts): "10 min", "3 hr", "4 days", "1.5 mths", "2 yrs".
const INTERVAL = /^\d+(\.\d)? (min|hr|days?|mths?|mos?|yrs?)$/;

test("review: reveal, grade, double press, undo, and state that persists", async ({ page }) => {
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
    if (start.due === 0) {
      // A new card: Again/Hard/Good are learning steps (minutes), Easy
      // graduates it straight to days.
      expect(intervals.slice(0, 3).every((t) => t.endsWith(" min"))).toBe(true);
      expect(intervals[3]).toMatch(/^\d+ days?$/);
    }
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
    // Let any stray second request land, then check the server's view.
    await page.waitForTimeout(500);
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
