import { readFile } from "node:fs/promises";
import { expect, test, type Locator } from "@playwright/test";
import { setLanguageChoice } from "./e2e-db";
import { waitForHydration } from "./helpers";

// The four nets side by side while they train (issue 14, speed): snapshots
// travel packed, unchanged charts by id only, an epoch end is measured one
// net per turn, and the hidden tables follow only every few seconds while
// training. Paused, everything must be whole and current: the tables hold
// the numbers of the step the progress line shows, and every net's epoch end
// is measured.

test.beforeEach(() => setLanguageChoice({ locale: "en", study: "en,zh" }));
test.afterAll(() => setLanguageChoice({ locale: null, study: "en,zh" }));

async function tableRows(chart: Locator): Promise<string[][]> {
  return chart.locator(".visually-hidden tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? "")));
}

test("paused after training, the four nets' tables and CSV hold the current numbers", async ({ page }) => {
  await page.goto("/lab?exp=activations&hidden=2&width=8&batch=32&seed=1");
  await waitForHydration(page, '[data-testid="lab"]');
  const progress = page.getByTestId("lab-progress");
  await expect(page.getByTestId("lab-play")).toBeEnabled();
  await page.getByTestId("lab-play").click();
  // Past two epoch ends (1,500 training images in batches of 32: 46 steps an epoch).
  await expect.poll(async () => Number(await progress.getAttribute("data-steps")), { timeout: 20_000 }).toBeGreaterThan(2 * 46 + 5);
  await page.getByTestId("lab-pause").click();
  await expect(page.getByTestId("lab-play")).toBeVisible();
  const steps = Number(await progress.getAttribute("data-steps"));
  const epoch = Math.floor(steps / 46);
  await expect(progress).toContainText(`Epoch ${epoch} · ${steps} steps`);

  // Every net's epoch ends are measured: one accuracy row per epoch, 0..epoch, a number in each net's column.
  const accuracy = page.getByTestId("chart-accuracy");
  await expect(accuracy.locator(".visually-hidden tbody tr")).toHaveCount(epoch + 1);
  for (const row of await tableRows(accuracy)) {
    expect(row).toHaveLength(5);
    for (const cell of row.slice(1)) expect(Number(cell)).toBeGreaterThanOrEqual(0);
  }

  // Each net's training history ends at the step on screen (sampled every step this early on), in the table and the CSV.
  for (const act of ["sigmoid", "tanh", "relu", "leaky_relu"]) {
    const chart = page.getByTestId(`chart-gradHistory-${act}`);
    await expect.poll(async () => (await tableRows(chart)).at(-1)?.[0]).toBe(String(Number((steps / 46).toPrecision(4))));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`csv-gradHistory-${act}`).click()]);
    const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
    expect(csv).toHaveLength(steps + 1);
    expect(Number(csv.at(-1)!.split(",")[0])).toBeCloseTo(steps / 46, 12);
  }
});
