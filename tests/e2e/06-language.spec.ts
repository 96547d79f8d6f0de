import { expect, test } from "@playwright/test";
import { setLanguageChoice } from "./e2e-db";
import { FIXTURE_NOTES } from "./fixture-notes";

// Interface language and study languages (stored in the settings row), each
// test starting from no choice at all: the interface follows the browser
// (en-US here) and the study language follows the interface.
test.beforeEach(() => setLanguageChoice({ locale: null, study: null }));

const en = FIXTURE_NOTES.filter((n) => n.lang === "en");
const zh = FIXTURE_NOTES.filter((n) => n.lang === "zh");

test("by default the study language is the interface language", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("ul.note-list > li")).toHaveCount(en.length);
  await expect(page.getByTestId("studying")).toContainText("English");
});

test("switching to Chinese changes the interface text and the notes studied; it persists", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("lang-zh").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("梯度消失与梯度爆炸");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("link", { name: "复习", exact: true })).toBeVisible();
  await expect(page.locator("ul.note-list > li")).toHaveCount(zh.length);
  await expect(page.getByRole("link", { name: zh[0]!.title })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("梯度消失与梯度爆炸");
  await page.getByTestId("lang-en").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vanishing & exploding gradients");
});

test("settings: study both languages while the interface stays English", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByTestId("study-en")).toBeChecked();
  await expect(page.getByTestId("study-zh")).not.toBeChecked();
  await page.getByTestId("study-zh").check();
  await page.getByTestId("save-settings").click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.goto("/");
  await expect(page.locator("ul.note-list > li")).toHaveCount(FIXTURE_NOTES.length);
  await expect(page.getByTestId("studying")).toContainText("English, 中文");
});

test("the choice is kept by the app, not the browser: a fresh browser sees it too", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByTestId("lang-zh").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const fresh = await other.newPage();
    await fresh.goto(new URL("/", page.url()).toString());
    await expect(fresh.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(fresh.getByRole("heading", { level: 1 })).toHaveText("梯度消失与梯度爆炸");
  } finally {
    await other.close();
  }
});
