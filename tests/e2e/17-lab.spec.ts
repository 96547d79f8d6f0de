import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_DB_FILE, freshSchedule, setLanguageChoice } from "./e2e-db";
import { FIXTURE_CARD_IDS } from "./fixture-notes";
import { reviewCard, waitForHydration } from "./helpers";

// The gradient lab (/lab, issue 14) in a real Chromium: the per-layer chart
// answers depth and activation (read from the chart's own hidden table), the
// settings live in the address, bad values fall back with a notice, the
// controls answer while a net trains in the worker, and the page fits a
// phone with readable chart text.

test.beforeEach(() => setLanguageChoice({ locale: "en", study: "en,zh" }));
test.afterAll(() => setLanguageChoice({ locale: null, study: "en,zh" }));

/** The numbers of a chart's hidden table, row by row (row header first). */
async function tableRows(chart: Locator): Promise<string[][]> {
  return chart.locator(".visually-hidden tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? "")));
}

async function openLab(page: Page, query: string): Promise<void> {
  await page.goto(`/lab?${query}`);
  await waitForHydration(page, '[data-testid="lab"]');
}

test("initialisation: the per-layer chart follows depth and activation, and the address keeps the setup", async ({ page }) => {
  await openLab(page, "exp=init&schemes=xavier,he&depth=30&activation=tanh");
  const chart = page.getByTestId("chart-speeds");
  await expect(chart.locator(".visually-hidden tbody tr")).toHaveCount(30);
  const tanh30 = await tableRows(chart);

  await page.getByTestId("control-depth").fill("12");
  await expect(chart.locator(".visually-hidden tbody tr")).toHaveCount(12);
  const tanh12 = await tableRows(chart);
  // Same seed, same first layers: only the depth changed, so the layers differ (the output end moved).
  expect(tanh12.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));

  await page.getByTestId("control-activation").selectOption("relu");
  await expect.poll(async () => JSON.stringify(await tableRows(chart))).not.toBe(JSON.stringify(tanh12));
  const relu12 = await tableRows(chart);
  expect(relu12).toHaveLength(12);
  expect(tanh30).toHaveLength(30);

  await expect(page).toHaveURL(/[?&]depth=12(&|$)/);
  await expect(page).toHaveURL(/[?&]activation=relu(&|$)/);
  // A bookmarked address restores the setup and the same numbers (seeded).
  await page.goto(page.url());
  await waitForHydration(page, '[data-testid="lab"]');
  await expect(page.getByTestId("control-depth")).toHaveValue("12");
  await expect(page.getByTestId("control-activation")).toHaveValue("relu");
  await expect(chart.locator(".visually-hidden tbody tr")).toHaveCount(12);
  expect(await tableRows(chart)).toEqual(relu12);
});

test("exploding window: a slider redraws the shaded window, and a bad address falls back to defaults with a notice", async ({ page }) => {
  await openLab(page, "exp=window&w=8&b=0");
  const chart = page.getByTestId("chart-windowWidth");
  await expect(chart.locator(".visually-hidden tbody tr").first()).toBeAttached();
  const width = () => page.getByTestId("chart-window").locator(".visually-hidden tbody tr").count();
  expect(await width()).toBeGreaterThan(10);
  // "Download CSV" holds the hidden table's numbers, in full precision.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-windowWidth").click()]);
  expect(download.suggestedFilename()).toBe("lab-windowWidth.csv");
  const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  const rows = await tableRows(chart);
  expect(csv[0]).toBe("|w|,window width");
  // 401 points: the hidden table shows every other one (its caption says so), the CSV all of them.
  expect(csv).toHaveLength(402);
  expect(rows.length).toBeLessThanOrEqual(240);
  await expect(chart.locator(".visually-hidden caption")).toContainText("of 401 rows");
  const points = new Map(csv.slice(1).map((line) => line.split(",").map(Number) as [number, number]));
  for (const row of [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows.at(-1)!]) {
    const x = Number(row[0]);
    const near = [...points.keys()].find((k) => Math.abs(k - x) < 1e-3);
    expect(near, `CSV has x = ${x}`).toBeDefined();
    expect(points.get(near!)!).toBeCloseTo(Number(row[1]), 3);
  }
  await page.getByTestId("control-w").fill("3");
  await expect(page).toHaveURL(/[?&]w=3(&|$)/);
  await expect(page.getByTestId("control-w")).toHaveAttribute("data-value", "3");

  await openLab(page, "exp=window&w=abc&b=99&constructor=1");
  await expect(page.getByTestId("lab-bad-url")).toBeVisible();
  await expect(page.getByTestId("lab-bad-url")).toContainText("w, b");
  await expect(page.getByTestId("control-w")).toHaveAttribute("data-value", "8");
  await expect(page.getByTestId("control-b")).toHaveAttribute("data-value", "0");
  await expect(page.getByTestId("chart-window")).toBeVisible();
  await openLab(page, "exp=__proto__");
  await expect(page.getByTestId("lab-bad-url")).toContainText("exp");
  await expect(page.getByTestId("lab")).toHaveAttribute("data-experiment", "depth");
});

test("the controls answer while a net trains in the worker", async ({ page }) => {
  await openLab(page, "exp=depth&hidden=2&width=16&epochs=0");
  const progress = page.getByTestId("lab-progress");
  await expect(page.getByTestId("lab-play")).toBeEnabled();
  // Long tasks on the page's main thread while the worker trains (the Long Tasks API reports any over 50 ms).
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask" });
  });
  await page.getByTestId("lab-play").click();
  await expect.poll(async () => Number(await progress.getAttribute("data-steps")), { timeout: 10_000 }).toBeGreaterThan(20);
  await page.waitForTimeout(1500);
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  console.log(`lab: main-thread long tasks during 1.5 s+ of training: ${long.length} (longest ${Math.round(Math.max(0, ...long))} ms)`);
  expect(Math.max(0, ...long)).toBeLessThan(200);
  // While it trains: a control change is on screen quickly (the main thread is free).
  const t0 = Date.now();
  await page.getByTestId("control-width").fill("20");
  await expect(page.getByTestId("control-width")).toHaveValue("20");
  await expect(page.locator('label[for="lab-depth-width"] output')).toHaveText("20");
  const answered = Date.now() - t0;
  expect(answered).toBeLessThan(1000);
  // …and the worker answers the new settings with a new chart (the page times it: data-latency, ms).
  await expect(page.locator(".lab-charts")).toHaveAttribute("aria-busy", "false");
  console.log(`lab: control change while training: slider on screen in ${answered} ms, new result in ${await page.locator(".lab-charts").getAttribute("data-latency")} ms`);
  // The new net trains too.
  await expect.poll(async () => Number(await progress.getAttribute("data-steps")), { timeout: 10_000 }).toBeGreaterThan(5);
  await page.getByTestId("lab-pause").click();
  await expect(page.getByTestId("lab-play")).toBeVisible();
});

test("on a phone: no sideways scrolling, chart text at least 11 px, canvases drawn at their own size", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const locale of ["en", "zh"]) {
    setLanguageChoice({ locale, study: "en,zh" });
    await openLab(page, "exp=window");
    await expect(page.getByTestId("chart-window").locator("canvas")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${locale}: page wider than the window`).toBeLessThanOrEqual(0);
    const sizes = await page.locator(".lab-chart .chart-text").evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // Tick labels are drawn at 12 CSS px on the canvas; a canvas squeezed by CSS would shrink them.
    const scales = await page.locator(".lab-plot canvas").evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width / (c.getBoundingClientRect().width * devicePixelRatio)));
    for (const s of scales) expect(s).toBeCloseTo(1, 1);
  }
});

function setTheme(theme: "light" | "dark" | "system"): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    db.prepare(`INSERT INTO "Settings" ("id", "theme", "updatedAt") VALUES (1, ?, ?) ON CONFLICT("id") DO UPDATE SET "theme" = excluded."theme"`).run(theme, Date.now());
  } finally {
    db.close();
  }
}

test("chart text keeps a contrast of at least 4.5:1 in light and dark", async ({ page }) => {
  try {
    for (const theme of ["light", "dark"] as const) {
      setTheme(theme);
      await openLab(page, "exp=window");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.locator(".lab-chart .chart-text").first()).toBeVisible();
      const ratios = await ownContrasts(page.locator("body"), ".lab-chart .chart-text, .lab-chart .lab-legend li");
      expect(ratios.length).toBeGreaterThan(0);
      expect(Math.min(...ratios), `${theme}: lowest chart text contrast`).toBeGreaterThanOrEqual(4.5);
    }
  } finally {
    setTheme("system");
  }
});

test("break it: an exploding RNN stopped by clipping is marked solved, and stays solved after a reload", async ({ page }) => {
  await openLab(page, "exp=rnn&steps=20&scale=4&activation=tanh&clip=0&threshold=1");
  await page.evaluate(() => window.localStorage.removeItem("gradprep.lab.solved"));
  await page.reload();
  await waitForHydration(page, '[data-testid="lab"]');
  const challenge = page.getByTestId("challenge-explodeThenClip");
  await expect(challenge).toBeVisible();
  // It explodes (‖∂C/∂h₀‖ > 100 at T = 20) but nothing stops it yet.
  await expect(page.getByTestId("lab-facts").locator('[data-fact="h0"] dd')).toHaveText(/e\+|^\d{3,}/);
  await expect(challenge).toHaveAttribute("data-solved", "false");
  // One change: clipping by global norm on.
  await page.getByTestId("control-clip").check();
  await expect(challenge).toHaveAttribute("data-solved", "true");
  await expect(challenge.getByRole("status")).toContainText("solved");
  // Remembered: the default setup (scale 1, no clipping) does not solve it, the browser's record does.
  await openLab(page, "exp=rnn");
  await expect(page.getByTestId("control-clip")).not.toBeChecked();
  await expect(page.getByTestId("challenge-explodeThenClip")).toHaveAttribute("data-solved", "true");
});

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/e2e/fixtures");

/** Syncs `dir` into the e2e database with the app's own content:sync (notes missing from it are retired). */
function syncContent(dir: string): void {
  execFileSync("npx", ["tsx", "--conditions=react-server", "lib/cli/content-sync.ts"], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: dir, DATABASE_URL: `file:${E2E_DB_FILE}` },
    stdio: "pipe",
  });
}

/** Width of {x : |w σ'(w x)| ≥ 1}, worked out here: σ(u)(1 − σ(u)) = 1/|w| at s = (1 + √(1 − 4/|w|))/2, u = ln(s/(1 − s)), width 2u/|w|. */
function windowWidth(w: number): number {
  const a = Math.abs(w);
  if (a <= 4) return 0;
  const s = (1 + Math.sqrt(1 - 4 / a)) / 2;
  return (2 * Math.log(s / (1 - s))) / a;
}
/** The lab-window card's options by value: A no window, B (0, 0.2], C (0.2, 0.4], D > 0.4. */
const windowOption = (width: number) => (width === 0 ? "A" : width <= 0.2 ? "B" : width <= 0.4 ? "C" : "D");

/** The drawn w of an exercise's prompt, from the TeX kept beside the MathML ("w = -8"). */
async function promptW(exercise: Locator): Promise<number> {
  const tex = await exercise.locator(".prompt annotation").allTextContents();
  const w = tex.map((s) => /^\s*w\s*=\s*(-?[\d.]+)\s*$/.exec(s)?.[1]).find((x) => x !== undefined);
  expect(w, `a "w = …" in ${JSON.stringify(tex)}`).toBeDefined();
  return Number(w);
}

/**
 * The guess beside the measurement once a window prediction is over: the
 * guessed letter, and the measured width as the server gives it (data-value
 * and the drawn formula) against the closed form for the prompt's w.
 */
async function expectComparison(exercise: Locator, guess: string | null): Promise<number> {
  const width = windowWidth(await promptW(exercise));
  const outcome = exercise.getByTestId("prediction-outcome");
  await expect(outcome).toHaveAttribute("data-state", "ready");
  await expect(exercise.getByTestId("outcome-guess")).toHaveAttribute("data-letter", guess ?? "");
  const measured = exercise.getByTestId("outcome-measured");
  await expect(measured).toHaveAttribute("data-letter", windowOption(width));
  expect(Number(await measured.getAttribute("data-value"))).toBeCloseTo(width, 6);
  const shown = /=\s*([\d.]+)/.exec((await measured.locator("annotation").first().textContent()) ?? "")?.[1];
  expect(Number(shown)).toBeCloseTo(Number(width.toPrecision(3)), 9);
  // How far apart, for a wrong guess; "no window" against (0, 0.2] has no distance to give.
  const apart = guess !== null && guess !== windowOption(width) && !(width === 0 && guess === "B");
  await expect(exercise.getByTestId("outcome-gap")).toHaveCount(apart ? 1 : guess === windowOption(width) ? 1 : 0);
  return width;
}

/** WCAG 2 contrast of each element's text against the nearest background drawn behind it (a card's own, or the page's). */
async function ownContrasts(scope: Locator, selector: string): Promise<number[]> {
  return scope.locator(selector).evaluateAll((els) => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const lum = (c: number[]) => c.slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const behind = (el: Element): number[] => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] === 255) return c;
      }
      return rgba(getComputedStyle(document.body).backgroundColor);
    };
    return els.map((el) => {
      const fg = lum(rgba(getComputedStyle(el).color));
      const bg = lum(behind(el));
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    });
  });
}

test.describe("predict, then reveal", () => {
  const CARD = "e2e/lab-predict:lab-window";
  let dir = "";
  test.beforeAll(() => {
    // The fixture notes plus one lab prediction card, for this block only.
    dir = mkdtempSync(path.join(os.tmpdir(), "gradprep-lab-content-"));
    cpSync(path.join(FIXTURES, "content"), dir, { recursive: true });
    cpSync(path.join(FIXTURES, "lab"), dir, { recursive: true });
    syncContent(dir);
    // Only the prediction card can come up in review: the others are reviews due in a month.
    freshSchedule(FIXTURE_CARD_IDS);
  });
  test.afterAll(() => {
    syncContent(path.join(FIXTURES, "content"));
    rmSync(dir, { recursive: true, force: true });
  });

  test("a prediction is scored by the exercise checker, graded into the schedule, and its setup opens in the lab", async ({ page }) => {
    test.setTimeout(60_000);
    await openLab(page, "exp=window");
    const panel = page.getByTestId("prediction");
    await panel.getByTestId("open-prediction").click();
    const exercise = panel.getByTestId("exercise");
    await expect(exercise).toBeVisible();
    await expect(exercise).toContainText("w");
    // A guess: option A. Right or wrong, the checker scores it.
    // A guess the checker cannot read is no guess: not shown, and the answer is not over.
    await exercise.getByTestId("answer-input").fill("Q");
    await exercise.getByTestId("check").click();
    await expect(exercise.getByTestId("verdict")).toHaveAttribute("data-verdict", "not-understood");
    await expect(exercise.getByTestId("prediction-outcome")).toHaveCount(0);
    await exercise.getByTestId("answer-input").fill("A");
    await exercise.getByTestId("check").click();
    const verdict = exercise.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", /^(correct|wrong)$/);
    const right = (await verdict.getAttribute("data-verdict")) === "correct";
    if (!right) {
      // A wrong guess is not the end of it: no measurement yet.
      await expect(exercise.getByTestId("prediction-outcome")).toHaveCount(0);
      await exercise.getByTestId("reveal").click();
    }
    await expect(exercise.getByTestId("solution")).toBeVisible();

    // Guess against measured: the guess beside the engine's value, then the drawn setup runs in the lab.
    const width = await expectComparison(exercise, "A");
    await panel.getByTestId("open-setup").click();
    await expect(page).toHaveURL(/exp=window&w=/);
    // The lab's own run of the setup shows the same width.
    const widthFact = page.getByTestId("lab-facts").locator('[data-fact="width"] dd');
    await expect(widthFact).toHaveText(/^\d/);
    const labWidth = Number(await widthFact.textContent());
    expect(labWidth).toBeCloseTo(width, 2);

    // The verdict suggests a grade as an exercise's does: Again after a reveal, Easy for a fast right answer.
    await expect(panel.locator(".grades button.suggested")).toHaveCount(1);
    await expect(panel.getByTestId(right ? "grade-4" : "grade-1")).toHaveClass(/suggested/);
    // The learner may take another: Good keeps the card in today's learning steps (10 min, within learn-ahead),
    // so review shows it now whichever way the guess went.
    await panel.getByTestId("grade-3").click();
    await expect(panel.getByTestId("prediction-scheduled")).toBeVisible();

    await page.goto("/review");
    await expect(reviewCard(page)).toHaveAttribute("data-card-id", CARD);
    const db = new Database(E2E_DB_FILE, { fileMustExist: true });
    try {
      const card = db.prepare(`SELECT reps, state FROM Card WHERE id = ?`).get(CARD) as { reps: number; state: number };
      expect(card.reps).toBe(1);
      const attempts = db.prepare(`SELECT context, verdict FROM Attempt WHERE cardId = ?`).all(CARD) as { context: string; verdict: string }[];
      expect(attempts.length).toBeGreaterThan(0);
      expect(attempts.every((a) => a.context === "review")).toBe(true);
    } finally {
      db.close();
    }

    // In review: no measurement and no lab link before the answer; after it, both, and the session keeps its keys.
    const card = reviewCard(page);
    const exerciseInReview = card.getByTestId("exercise");
    await waitForHydration(page, '[data-testid="review-card"]');
    await expect(card.getByTestId("open-in-lab")).toHaveCount(0);
    await expect(card.getByTestId("prediction-outcome")).toHaveCount(0);
    await exerciseInReview.getByTestId("answer-input").fill("B");
    await exerciseInReview.getByTestId("check").click();
    const reviewVerdict = exerciseInReview.getByTestId("verdict");
    await expect(reviewVerdict).toHaveAttribute("data-verdict", /^(correct|wrong)$/);
    if ((await reviewVerdict.getAttribute("data-verdict")) === "wrong") {
      await expect(card.getByTestId("open-in-lab")).toHaveCount(0);
      await exerciseInReview.getByTestId("reveal").click();
    }
    await expectComparison(exerciseInReview, "B");
    const w = await promptW(exerciseInReview);
    const link = card.getByTestId("open-in-lab");
    await expect(link).toBeVisible();
    await expect(link).not.toBeFocused();
    await expect(page.getByTestId("suggested")).toBeVisible();
    // Readable in light and dark (the colours follow the system here), and on a phone with no sideways scrolling.
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const ratios = await ownContrasts(card, ".lab-compare dt, .lab-compare dd, [data-testid='open-in-lab']");
      expect(ratios.length).toBeGreaterThanOrEqual(5);
      console.log(`lab: prediction comparison in ${colorScheme}: lowest text contrast ${Math.min(...ratios).toFixed(2)}:1`);
      expect(Math.min(...ratios), `${colorScheme}: lowest contrast in the comparison`).toBeGreaterThanOrEqual(4.5);
    }
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const box = await card.getByTestId("prediction-outcome").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 720 });
    // "?" still opens the session's key list: the link took no keys.
    await page.keyboard.press("?");
    await expect(page.getByTestId("keys")).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/lab\\?exp=window&w=${w}(&|$)`));
    await waitForHydration(page, '[data-testid="lab"]');
    await expect(page.getByTestId("control-w")).toHaveAttribute("data-value", String(w));
    await expect(widthFact).toHaveText(/^\d/);
    const reviewWidth = Number(await widthFact.textContent());
    expect(reviewWidth).toBeCloseTo(windowWidth(w), 2);
  });

  // Screenshots to look at by eye (LAB_SHOTS=1): an answered prediction in /lab and in /review, both languages, phone and desktop, light and dark.
  test("screenshots of answered predictions", async ({ page }) => {
    test.skip(!process.env.LAB_SHOTS, "LAB_SHOTS=1 takes them");
    test.setTimeout(240_000);
    const answer = async (exercise: Locator) => {
      await exercise.getByTestId("answer-input").fill("A");
      await exercise.getByTestId("check").click();
      await expect(exercise.getByTestId("verdict")).toHaveAttribute("data-verdict", /^(correct|wrong)$/);
      if ((await exercise.getByTestId("verdict").getAttribute("data-verdict")) === "wrong") await exercise.getByTestId("reveal").click();
      await expect(exercise.getByTestId("prediction-outcome")).toHaveAttribute("data-state", "ready");
    };
    await eachLook(page, async (look) => {
      await openLab(page, "exp=window");
      const panel = page.getByTestId("prediction");
      await panel.getByTestId("open-prediction").click();
      await answer(panel.getByTestId("exercise"));
      await panel.getByTestId("prediction-outcome").scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `test-results/lab-shots/predict-lab-${look}.png` });
      await page.goto("/review");
      await waitForHydration(page, '[data-testid="review-card"]');
      await expect(reviewCard(page)).toHaveAttribute("data-card-id", CARD);
      await answer(reviewCard(page).getByTestId("exercise"));
      await page.screenshot({ path: `test-results/lab-shots/predict-review-${look}.png`, fullPage: true });
    });
  });
});

/**
 * Runs `take` in each look the screenshots are taken in: both languages, a
 * phone and a desktop width, light and dark. `look` names it ("en-375-light").
 */
async function eachLook(page: Page, take: (look: string) => Promise<void>): Promise<void> {
  for (const locale of ["en", "zh"]) {
    setLanguageChoice({ locale, study: "en,zh" });
    for (const width of [375, 1280]) {
      for (const scheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await take(`${locale}-${width}-${scheme}`);
      }
    }
  }
}

// Screenshots to look at by eye (LAB_SHOTS=1): both languages, phone and desktop, light and dark.
test("screenshots", async ({ page }) => {
  test.skip(!process.env.LAB_SHOTS, "LAB_SHOTS=1 takes them");
  test.setTimeout(120_000);
  const exp = process.env.LAB_SHOTS_EXP ?? "depth";
  await eachLook(page, async (look) => {
    await openLab(page, `exp=${exp}`);
    await expect(page.locator(".lab-plot canvas").first()).toBeAttached();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `test-results/lab-shots/${exp}-${look}.png`, fullPage: true });
  });
});

test("break it in two stages: explode a 20-step RNN, then stop it with exactly one change", async ({ page }) => {
  const rnn = (rest: string) => `exp=rnn&steps=20&hidden=16&activation=tanh&threshold=1&seed=1&${rest}`;
  await openLab(page, rnn("scale=1&clip=0"));
  await page.evaluate(() => {
    window.localStorage.removeItem("gradprep.lab.solved");
    window.localStorage.removeItem("gradprep.lab.exploded");
  });
  await page.reload();
  await waitForHydration(page, '[data-testid="lab"]');
  const challenge = page.getByTestId("challenge-explodeThenClip");
  const stage = challenge.getByTestId("challenge-stage");
  await expect(stage).toContainText("Stage 1 of 2");

  // Stage 1: at scale 4 (tanh, T = 20) ‖∂C/∂h₀‖ ≈ 115 > 100; the setup is remembered.
  await page.getByTestId("control-scale").fill("4");
  await expect(stage).toContainText("it exploded at scale 4 (tanh, T = 20");
  await expect(challenge).toHaveAttribute("data-solved", "false");

  // A setup two settings away (scale 3 and clipping on) is calm, but that is not one change.
  await openLab(page, rnn("scale=3&clip=1"));
  await expect(stage).toContainText("That was 2 changes (Weight scale 4 → 3, Clip by global norm off → on)");
  await expect(challenge).toHaveAttribute("data-solved", "false");

  // Back to scale 4 with clipping on: exactly one change from the exploding setup.
  await page.getByTestId("control-scale").fill("4");
  await expect(challenge).toHaveAttribute("data-solved", "true");
  await expect(stage).toContainText("Stopped with one change: Clip by global norm off → on.");
  await expect(challenge.getByRole("status")).toContainText("solved");

  // Remembered by this browser: solved, and the default setup read against the exploding one (only the scale differs).
  await openLab(page, "exp=rnn");
  await expect(page.getByTestId("challenge-explodeThenClip")).toHaveAttribute("data-solved", "true");
  await expect(page.getByTestId("challenge-stage")).toContainText("Stopped with one change: Weight scale 4 → 1.");
});
