import { expect, test, type Route } from "@playwright/test";
import { FIXTURE_CARD_IDS, EXERCISE_CARD_ID } from "./fixture-notes";
import { revealAndGrade, reviewCard, shownCardId, waitForHydration } from "./helpers";
import { freshSchedule, studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both. Its own schedule:
// every flashcard new, the live exercise a review weeks away.
test.beforeAll(() => {
  studyBothLanguages();
  freshSchedule([EXERCISE_CARD_ID]);
});

// Grades every due card "Easy" (each goes to a review days away) until nothing is due.

test("grading every due card Easy ends on the nothing-due screen", async ({ page }) => {
  await page.goto("/review");
  await waitForHydration(page, '[data-testid="review-card"]');
  // The server answers nothing until the end: the browser holds the queue, and knows when it has run out.
  const held: Route[] = [];
  let passing = false;
  await page.route("**/review/api", (route) => (passing ? route.continue() : void held.push(route)));
  const graded: string[] = [];
  // Each Easy takes one card out for days; bound the loop by the fixture size.
  for (let i = 0; i <= FIXTURE_CARD_IDS.length; i++) {
    if (!(await reviewCard(page).isVisible())) break;
    graded.push(await revealAndGrade(page, "4"));
  }
  await expect(page.getByTestId("nothing-due")).toBeVisible();
  expect(held).toHaveLength(1);
  await expect(page.getByTestId("save-status")).toHaveText(graded.length === 1 ? "1 grade waiting to be saved…" : `${graded.length} grades waiting to be saved…`);
  passing = true;
  for (const r of held) await r.continue();
  await expect(page.getByTestId("save-status")).toHaveCount(0);
  await page.reload();
  expect(graded.length).toBeGreaterThan(0);
  expect(graded.length).toBeLessThanOrEqual(FIXTURE_CARD_IDS.length);
  // Easy moved each card out of "due now": none came round twice.
  expect(new Set(graded).size).toBe(graded.length);

  const empty = page.getByTestId("nothing-due");
  await expect(empty).toBeVisible();
  await expect(empty).toContainText("Next card due");
  await expect(empty.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(reviewCard(page)).toHaveCount(0);

  // u on the empty screen undoes the last grade: that card comes back.
  const last = graded[graded.length - 1]!;
  await waitForHydration(page, '[data-testid="nothing-due"]');
  await page.keyboard.press("u");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", last);
  expect(await shownCardId(page)).toBe(last);
  await revealAndGrade(page, "4");
  await expect(empty).toBeVisible();

  // The home page agrees, after a fresh load.
  await page.goto("/");
  await expect(page.getByTestId("due-count")).toHaveText("0");
  await expect(page.getByTestId("new-count")).toHaveText("0");
  await expect(page.getByText("Nothing due. Next card:")).toBeVisible();
  await expect(page.getByRole("link", { name: "Start review" })).toHaveCount(0);
});
