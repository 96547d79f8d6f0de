import { expect, test, type Page } from "@playwright/test";
import { FIXTURE_NOTES } from "./fixture-notes";
import { readHomeCounts, readRemaining, reviewCard, revealAnswer, shownCardId, waitForHydration } from "./helpers";
import { setLanguageChoice, studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

// Runs after 04-review (cards are left due or new) and also alone on a fresh
// database. Everything it changes it puts back (settings to their defaults).

/** Presses a review key, or clicks its button when the card is an exercise (whose answer box takes typing). */
async function act(page: Page, key: "b" | "s", testId: "bury" | "suspend") {
  if ((await reviewCard(page).getAttribute("data-kind")) === "exercise") await page.getByTestId(testId).click();
  else await page.keyboard.press(key);
}

async function saveNewPerDay(page: Page, n: number) {
  await page.goto("/settings");
  const form = page.getByTestId("study-settings");
  await waitForHydration(page, '[data-testid="study-settings"]');
  await form.getByLabel("New cards per day").fill(String(n));
  await form.getByTestId("save-study-settings").click();
  await expect(form.getByTestId("study-settings-saved")).toBeVisible();
}

test("a daily limit set in Settings takes effect; a bad value is refused and named", async ({ page }) => {
  await page.goto("/review");
  await expect(reviewCard(page)).toBeVisible();
  const before = await readRemaining(page);
  expect(before.new).toBeGreaterThan(0);

  // Out of range: nothing saved, the field is named.
  await page.goto("/settings");
  const form = page.getByTestId("study-settings");
  await waitForHydration(page, '[data-testid="study-settings"]');
  // The workload estimate follows the value typed, and only for values that would be accepted.
  await form.getByLabel("Desired retention").fill("0.8");
  await expect(form.getByTestId("workload")).toContainText("Compared with 0.90");
  await expect(form.getByTestId("workload")).toContainText("Lapses come on top");
  await form.getByLabel("Desired retention").fill("0.5");
  await expect(form.getByTestId("workload")).toHaveCount(0);
  await form.getByTestId("save-study-settings").click();
  await expect(form.getByTestId("error-retention")).toBeVisible();
  // Focus goes to the field to fix.
  await expect(form.getByLabel("Desired retention")).toBeFocused();
  await expect(form.getByRole("alert")).toContainText("Nothing was saved");
  await page.reload();
  await expect(page.getByTestId("study-settings").getByLabel("Desired retention")).toHaveValue("0.9");

  await saveNewPerDay(page, 0);
  await page.goto("/review");
  if (before.due === 0) {
    await expect(page.getByTestId("limit-reached")).toBeVisible();
  } else {
    expect((await readRemaining(page)).new).toBe(0);
  }

  await saveNewPerDay(page, 20);
  await page.goto("/review");
  expect(await readRemaining(page)).toEqual(before);
});

test("the sibling and exercise-cap settings save, are refused out of range, and read in Chinese too", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByTestId("study-settings");
  await waitForHydration(page, '[data-testid="study-settings"]');
  // Anki's defaults: both kinds of siblings buried; 10 live exercises a day.
  await expect(form.getByTestId("bury-new-siblings")).toBeChecked();
  await expect(form.getByTestId("bury-review-siblings")).toBeChecked();
  await expect(form.getByLabel("Live exercises per day")).toHaveValue("10");

  await form.getByLabel("Live exercises per day").fill("-1");
  await form.getByTestId("save-study-settings").click();
  await expect(form.getByTestId("error-exercisesPerDay")).toHaveText("A whole number from 0 to 9999.");

  await form.getByLabel("Live exercises per day").fill("3");
  await form.getByTestId("bury-new-siblings").uncheck();
  await form.getByTestId("save-study-settings").click();
  await expect(form.getByTestId("study-settings-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("bury-new-siblings")).not.toBeChecked();
  await expect(page.getByTestId("bury-review-siblings")).toBeChecked();
  await expect(page.getByTestId("study-settings").getByLabel("Live exercises per day")).toHaveValue("3");

  setLanguageChoice({ locale: "zh", study: "en,zh" });
  try {
    await page.reload();
    await expect(page.getByTestId("study-settings")).toContainText("兄弟卡片");
    await expect(page.getByTestId("study-settings").getByLabel("每天计算习题数")).toHaveValue("3");
  } finally {
    studyBothLanguages();
  }
  // Back to the defaults.
  await page.reload();
  await waitForHydration(page, '[data-testid="study-settings"]');
  await page.getByTestId("bury-new-siblings").check();
  await page.getByTestId("study-settings").getByLabel("Live exercises per day").fill("10");
  await page.getByTestId("save-study-settings").click();
  await expect(page.getByTestId("study-settings-saved")).toBeVisible();
});

test("bury, suspend, undo twice, unsuspend from the note page", async ({ page }) => {
  await page.goto("/review");
  await expect(reviewCard(page)).toBeVisible();
  await waitForHydration(page, '[data-testid="review-card"]');
  const start = await readRemaining(page);
  const total = start.due + start.new;
  const first = await shownCardId(page);

  await act(page, "b", "bury");
  await expect(page.getByTestId("notice")).toHaveText("Buried until tomorrow.");
  await expect(reviewCard(page).or(page.getByTestId("nothing-due"))).not.toHaveAttribute("data-card-id", first);
  await expect.poll(async () => { const r = await readRemaining(page).catch(() => ({ due: 0, new: 0 })); return r.due + r.new; }).toBe(total - 1);
  const buriedShown = await reviewCard(page).count();
  if (buriedShown) expect(await shownCardId(page)).not.toBe(first);

  // u brings it back, first in the queue again.
  await page.keyboard.press("u");
  await expect(page.getByTestId("notice")).toHaveText("Bury undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);

  // Suspend it, then bury the next one, then undo both.
  await act(page, "s", "suspend");
  await expect(page.getByTestId("notice")).toContainText("Suspended");
  if (total > 1) {
    await expect(reviewCard(page)).not.toHaveAttribute("data-card-id", first);
    const second = await shownCardId(page);
    await act(page, "b", "bury");
    await expect(page.getByTestId("notice")).toHaveText("Buried until tomorrow.");
    await expect(reviewCard(page).or(page.getByTestId("nothing-due"))).not.toHaveAttribute("data-card-id", second);
    await page.keyboard.press("u");
    await expect(page.getByTestId("notice")).toHaveText("Bury undone.");
    // Keys pressed while an action is still on its way are ignored: wait for the card to come back.
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", second);
  }
  await page.keyboard.press("u");
  await expect(page.getByTestId("notice")).toHaveText("Suspend undone.");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
  expect(await readRemaining(page)).toEqual(start);

  // Suspend again and bring it back from its note's page.
  await act(page, "s", "suspend");
  await expect(page.getByTestId("notice")).toContainText("Suspended");
  const noteId = first.slice(0, first.lastIndexOf(":"));
  await page.goto(`/notes/${noteId}`);
  const item = page.locator(`li[data-card-id="${first}"]`);
  await expect(item.getByTestId("flag-suspended")).toBeVisible();
  await waitForHydration(page, '[data-testid="unsuspend"]');
  await item.getByTestId("unsuspend").click();
  await expect(item.getByTestId("flag-suspended")).toHaveCount(0);
  await page.goto("/review");
  expect(await readRemaining(page)).toEqual(start);

  // Bury it and bring it back today from the note page.
  await waitForHydration(page, '[data-testid="review-card"]');
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", first);
  await act(page, "b", "bury");
  await expect(page.getByTestId("notice")).toHaveText("Buried until tomorrow.");
  await page.goto(`/notes/${noteId}`);
  await expect(item.getByTestId("flag-buried")).toBeVisible();
  await waitForHydration(page, '[data-testid="unbury"]');
  await item.getByTestId("unbury").click();
  await expect(item.getByTestId("flag-buried")).toHaveCount(0);
  await page.goto("/review");
  expect(await readRemaining(page)).toEqual(start);

  // The key list names the new keys (its button, since an exercise's answer box would take a typed "?").
  await waitForHydration(page, '[data-testid="review-card"]');
  await page.getByRole("button", { name: /^Keys/ }).click();
  await expect(page.getByTestId("keys")).toContainText("bury the card until tomorrow");
});

/** The review log as the export serves it: one CSV line per grade ever given. */
async function reviewLogLines(page: Page): Promise<string[]> {
  const res = await page.request.get("/export/reviews");
  expect(res.ok()).toBe(true);
  return (await res.text()).trim().split("\n").slice(1);
}

test("cram a note: every card drilled, Again comes back, and the schedule is untouched", async ({ page }) => {
  await page.goto("/");
  const home = await readHomeCounts(page);
  const log = await reviewLogLines(page);
  const note = FIXTURE_NOTES.find((n) => n.id === "e2e/basics")!;

  await page.goto(`/notes/${note.id}`);
  await page.getByTestId("cram-note").click();
  await expect(page.getByTestId("cram")).toBeVisible();
  await waitForHydration(page, '[data-testid="review-card"]');
  await expect(page.getByTestId("cram-left")).toHaveText(`${note.cards.length} left`);

  const seen: string[] = [];
  let again = false;
  for (let i = 0; i < note.cards.length + 2 && (await page.getByTestId("cram").count()); i++) {
    const id = await shownCardId(page);
    seen.push(id);
    await revealAnswer(page);
    // The first card is graded Again once: it must come back later.
    const key = !again ? "1" : "3";
    again = true;
    await page.keyboard.press(key);
    await expect(page.locator('[data-testid="cram-done"], [data-testid="review-card"]:not(:has([data-testid="answer"]))')).toBeVisible();
  }
  await expect(page.getByTestId("cram-done")).toBeVisible();
  expect(new Set(seen)).toEqual(new Set(note.cards));
  expect(seen).toHaveLength(note.cards.length + 1);
  expect(seen.filter((s) => s === seen[0])).toHaveLength(2);
  await expect(page.getByTestId("cram-tally")).toContainText("Again: 1");
  await expect(page.getByTestId("cram-first-right")).toHaveText(`${note.cards.length - 1}/${note.cards.length}`);

  // Nothing was rescheduled and no review was logged.
  await page.goto("/");
  expect(await readHomeCounts(page)).toEqual(home);
  expect(await reviewLogLines(page)).toEqual(log);
});
