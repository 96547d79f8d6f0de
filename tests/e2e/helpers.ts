import { expect, type Locator, type Page } from "@playwright/test";

export interface Remaining {
  due: number;
  new: number;
}

/** Reads the review header's counts: new, learning + to review (= due). */
export async function readRemaining(page: Page): Promise<Remaining> {
  const num = async (id: string) => {
    const text = (await page.getByTestId(id).textContent()) ?? "";
    const m = /^\s*(\d+)/.exec(text);
    if (!m) throw new Error(`unexpected ${id} text: "${text}"`);
    return Number(m[1]);
  };
  return { due: (await num("count-learning")) + (await num("count-review")), new: await num("count-new") };
}

export async function expectRemaining(page: Page, total: number): Promise<void> {
  await expect(page.getByTestId("queue-counts")).toBeVisible();
  await expect.poll(async () => {
    const r = await readRemaining(page);
    return r.due + r.new;
  }).toBe(total);
}

/** Home page counts. */
export async function readHomeCounts(page: Page): Promise<Remaining> {
  const due = Number(await page.getByTestId("due-count").textContent());
  const fresh = Number(await page.getByTestId("new-count").textContent());
  return { due, new: fresh };
}

export function reviewCard(page: Page): Locator {
  return page.getByTestId("review-card");
}

export async function shownCardId(page: Page): Promise<string> {
  const id = await reviewCard(page).getAttribute("data-card-id");
  if (!id) throw new Error("review card has no data-card-id");
  return id;
}

/** Waits until the page shows a card other than `id`, or the nothing-due screen. */
export async function waitForCardAfter(page: Page, id: string): Promise<void> {
  await expect(
    page.locator(`[data-testid="nothing-due"], [data-testid="review-card"]:not([data-card-id="${id.replace(/"/g, '\\"')}"])`),
  ).toBeVisible();
}

/**
 * Waits until React has hydrated `selector` (it tags hydrated DOM nodes with
 * __reactFiber$…), so the page's keyboard listener can be there.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber$"));
    },
    selector,
  );
}

/**
 * Presses Space until the answer shows. Space only ever reveals, so a press
 * that lands before the keyboard listener is attached is simply repeated.
 */
export async function revealAnswer(page: Page): Promise<void> {
  const answer = page.getByTestId("answer");
  await expect(answer).toHaveCount(0);
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(answer).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** Space, then the grade key; waits for the next card (or nothing due). */
export async function revealAndGrade(page: Page, key: "1" | "2" | "3" | "4"): Promise<string> {
  const id = await shownCardId(page);
  await revealAnswer(page);
  await page.keyboard.press(key);
  await waitForCardAfter(page, id);
  return id;
}
