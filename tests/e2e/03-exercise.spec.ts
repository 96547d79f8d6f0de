import { expect, test, type Page } from "@playwright/test";
import { notePath, EXERCISE_CARD_ID } from "./fixture-notes";
import { readRemaining, reviewCard, waitForCardAfter, waitForHydration } from "./helpers";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

// The live exercise of tests/e2e/fixtures/content/en/exercise.md
// (sigmoid-derivative, mode value, difficulty 1): "σ′(z) at z = …".
// Runs before 04-review.spec.ts: its exercise card is the first new card.

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

/** Reads z from the rendered prompt's TeX (Temml keeps the source in an annotation). */
async function promptZ(page: Page): Promise<number> {
  const tex = await page.locator('[data-testid="exercise"] .prompt annotation[encoding="application/x-tex"]').allTextContents();
  const z = tex.map((t) => /^\s*z\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(t)).find((m) => m);
  if (!z) throw new Error(`no "z = …" in the prompt's math: ${JSON.stringify(tex)}`);
  return Number(z[1]);
}

async function answer(page: Page, text: string, verdict: "correct" | "wrong" | "not-understood") {
  const input = page.getByTestId("answer-input");
  await input.fill(text);
  await input.press("Enter");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", verdict);
}

test("an exercise run: a known mistake, a malformed answer, the right answer, then the summary", async ({ page }) => {
  await page.goto(notePath("e2e/an-exercise"));
  await page.getByTestId("exercises-link").click();
  await expect(page).toHaveURL(/\/exercise\/e2e\/an-exercise$/);
  await expect(page.getByRole("progressbar")).toBeVisible();
  await waitForHydration(page, '[data-testid="answer-input"]');

  const z = await promptZ(page);
  const s = sigma(z);
  const seed = await page.getByTestId("exercise").getAttribute("data-seed");
  // Nothing of the answer is in the page before it is earned.
  expect(await page.content()).not.toContain((s * (1 - s)).toPrecision(4));

  // Before checking, the input is read in the browser and echoed as maths (Temml).
  const input = page.getByTestId("answer-input");
  await input.fill("1/64");
  await expect(page.getByTestId("preview")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("preview").locator("annotation")).toContainText("1.5625");
  await input.fill("1/");
  await expect(page.getByTestId("preview")).toHaveAttribute("data-ok", "false");

  // σ(z) instead of σ′(z): recognised, explained, the answer stays open.
  await answer(page, s.toPrecision(6), "wrong");
  await expect(page.getByTestId("verdict")).toContainText("You entered");
  await expect(page.getByTestId("feedback")).toBeVisible();
  await expect(page.getByTestId("feedback")).not.toContainText("Hint");
  await expect(page.getByTestId("solution")).toHaveCount(0);

  // Malformed: "not understood", never "wrong".
  await answer(page, "1..2", "not-understood");
  await expect(page.getByTestId("verdict")).toContainText("Not understood");

  // Right, computed here from the prompt's z.
  await answer(page, (s * (1 - s)).toPrecision(6), "correct");
  await expect(page.getByTestId("solution").locator("math").first()).toBeVisible();
  await expect(page.locator(".temml-error")).toHaveCount(0);

  await page.getByTestId("next-item").click();
  const summary = page.getByTestId("exercise-summary");
  await expect(summary).toBeVisible();
  await expect(page.getByTestId("exercise-score")).toHaveText(/^0\s*\/\s*1$/);
  await expect(summary.locator("li")).toHaveCount(1);

  // Both answers that were understood are stored; the same instance can be shown again.
  await page.goto(notePath("e2e/an-exercise"));
  const attempts = page.getByTestId("attempts").locator("li");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.first()).toContainText("right");
  await expect(attempts.nth(1)).toContainText("wrong");
  await attempts.first().getByRole("link").click();
  await expect(page.getByTestId("exercise")).toHaveAttribute("data-seed", seed!);
  expect(await promptZ(page)).toBe(z);
});

test("a due exercise card in review: answer it, accept the suggested grade with Enter", async ({ page }) => {
  await page.goto("/review");
  const before = await readRemaining(page);
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", EXERCISE_CARD_ID);
  await expect(reviewCard(page)).toHaveAttribute("data-kind", "exercise");
  // Grades appear only once the exercise is answered.
  await expect(page.locator(".grades")).toHaveCount(0);
  await waitForHydration(page, '[data-testid="answer-input"]');

  const s = sigma(await promptZ(page));
  await answer(page, (s * (1 - s)).toPrecision(6), "correct");
  await expect(page.locator(".grades button")).toHaveCount(4);
  // Right on the first try: Good, or Easy when fast; marked as the suggestion.
  await expect(page.getByTestId("suggested")).toContainText(/Good|Easy/);
  await expect(page.locator(".grades button.suggested")).toHaveCount(1);

  await page.keyboard.press("Enter");
  await waitForCardAfter(page, EXERCISE_CARD_ID);
  await expect.poll(async () => (await readRemaining(page)).new).toBe(before.new - 1);
});

test("an old /quiz/ address is permanently redirected to its /exercise/ page, query kept", async ({ page, request }) => {
  const res = await request.get("/quiz/e2e/an-exercise?level=1", { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(res.headers()["location"]).toBe("/exercise/e2e/an-exercise?level=1");
  await page.goto("/quiz/e2e/an-exercise?level=1");
  await expect(page).toHaveURL(/\/exercise\/e2e\/an-exercise\?level=1$/);
  await expect(page.getByTestId("exercise")).toBeVisible();
});
