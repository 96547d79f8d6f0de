import { expect, test, type Page } from "@playwright/test";
import { FIXTURE_NOTES, notePath } from "./fixture-notes";
import { studyBothLanguages } from "./e2e-db";

// The fixture notes are in English and Chinese: study both.
test.beforeAll(studyBothLanguages);

const [basics, zh] = FIXTURE_NOTES;

/** The TeX sources Temml keeps in its MathML annotations, in page order. */
async function texSources(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} annotation[encoding="application/x-tex"]`).allTextContents();
}

test("a note renders its Markdown with MathML, inline and display, and lists its cards", async ({ page }) => {
  const response = await page.goto(notePath(basics.id));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E basics");

  const prose = page.locator(".prose");
  await expect(prose.locator("math").first()).toBeVisible();
  await expect(page.locator(".temml-error")).toHaveCount(0);
  // Inline math: a <math> that is not display="block".
  expect(await prose.locator("math:not([display=block])").count()).toBeGreaterThan(0);
  await expect(prose.locator(".math-display > math[display=block]")).toHaveCount(1);
  const tex = await texSources(page, ".prose");
  expect(tex.some((t) => t.includes("\\sigma'(z) = \\sigma(z)(1-\\sigma(z))"))).toBe(true);
  expect(tex.some((t) => t.includes("\\begin{aligned}"))).toBe(true);
  // No TeX left unrendered in the visible text.
  expect(await prose.innerText()).not.toContain("$");

  // Temml's stylesheet is loaded and its font arrived: maths is set in Latin
  // Modern Math, not in whatever math font the system has (or none).
  const font = await prose.locator("math").first().evaluate(async (el) => {
    await document.fonts.ready;
    return { family: getComputedStyle(el).fontFamily, loaded: document.fonts.check('16px "Latin Modern Math"') };
  });
  expect(font.family).toContain("Latin Modern Math");
  expect(font.loaded).toBe(true);

  // Cards, in file order, question and answer.
  const cards = page.locator("ul.card-list li[data-card-id]");
  await expect(cards).toHaveCount(basics.cards.length);
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-card-id")))).toEqual([...basics.cards]);
  await expect(cards.nth(0)).toContainText("First question");
  await expect(cards.nth(0)).toContainText("first answer");
  await expect(cards.nth(2)).toContainText("Third question");
  // The card marker is not part of the shown text.
  await expect(cards.nth(0)).not.toContainText("^first");
  await expect(page.getByRole("heading", { name: `Cards (${basics.cards.length})` })).toBeVisible();
});

test("the Chinese note renders its text, math and cards", async ({ page }) => {
  const response = await page.goto(notePath(zh.id));
  expect(response?.status()).toBe(200);
  await expect(page.locator("article")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("链式法则");
  const prose = page.locator(".prose");
  await expect(prose).toContainText("梯度沿网络逐层相乘");
  await expect(page.locator(".temml-error")).toHaveCount(0);
  expect(await prose.locator("math").count()).toBeGreaterThan(0);
  // The multi-line $$ block and the one-line $$…$$ are both display math.
  await expect(prose.locator("math[display=block]")).toHaveCount(2);
  const tex = await texSources(page, ".prose");
  expect(tex.some((t) => t.includes("\\prod_{k=1}^{n} J_k"))).toBe(true);
  expect(await prose.innerText()).not.toContain("$");

  const cards = page.locator("ul.card-list li[data-card-id]");
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-card-id")))).toEqual([...zh.cards]);
  const first = cards.first();
  await expect(first).toContainText("Sigmoid 导数的最大值是多少？");
  await expect(first).toContainText("在");
  await expect(first.locator(".a math")).not.toHaveCount(0);
});

test("an unknown note is a 404", async ({ page }) => {
  const response = await page.goto("/notes/e2e/no-such-note");
  expect(response?.status()).toBe(404);
  // The app's own page, in its layout (header, theme), with a way back.
  await expect(page.getByTestId("not-found")).toContainText("There is no page here");
  await expect(page.locator("header.site-header")).toBeVisible();
  await page.getByTestId("not-found").getByRole("link").click();
  await expect(page).toHaveURL(/\/$/);
});
