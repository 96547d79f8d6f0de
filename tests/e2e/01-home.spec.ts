import { expect, test } from "@playwright/test";
import { FIXTURE_CARD_IDS, FIXTURE_NOTES, notePath } from "./fixture-notes";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

// Runs first, on the fresh database the web server starts with (see
// playwright.config.ts): every fixture card is new, none has been studied.

test("home shows the fixture's counts and lists its notes", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("due-count")).toHaveText("0");
  // New siblings are buried (the default): the session takes one new card a note, and home counts what it takes.
  await expect(page.getByTestId("new-count")).toHaveText(String(FIXTURE_NOTES.length));
  await expect(page.locator(".stat", { hasText: "cards in all" }).locator(".value")).toHaveText(String(FIXTURE_CARD_IDS.length));

  // Exactly the fixture notes (not the real content/), each linking to its page.
  const items = page.locator("ul.note-list > li");
  await expect(items).toHaveCount(FIXTURE_NOTES.length);
  for (const note of FIXTURE_NOTES) {
    const link = page.getByRole("link", { name: note.title, exact: true });
    await expect(link).toHaveAttribute("href", notePath(note.id));
    const item = items.filter({ has: link });
    await expect(item.locator(".tag")).toHaveText(note.lang);
    await expect(item).toContainText(`${note.cards.length} cards`);
  }

  const start = page.getByRole("link", { name: "Start review" });
  await expect(start).toBeVisible();
  await start.click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByTestId("review-card")).toBeVisible();
  // The review header counts what home said (the card on screen included).
  await expect(page.getByTestId("count-new")).toHaveText(new RegExp(`^${FIXTURE_NOTES.length}\\b`));
});

test("a note link opens the note", async ({ page }) => {
  await page.goto("/");
  const note = FIXTURE_NOTES[0];
  await page.getByRole("link", { name: note.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${notePath(note.id)}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(note.title);
});
