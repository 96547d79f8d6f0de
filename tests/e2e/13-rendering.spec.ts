import Database from "better-sqlite3";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_DB_FILE, setLanguageChoice } from "./e2e-db";
import { FIXTURE_CARD_IDS, notePath } from "./fixture-notes";
import { revealAnswer, reviewCard, waitForHydration } from "./helpers";

// How the app draws maths, Markdown, tables and charts, measured in Chromium
// with computed styles (issue 10): sub- and superscripts smaller than their
// base, no Markdown markers left, no maths errors, no page wider than the
// window, chart text at least 11 px, readable review counts.
//
// Runs alone on a fresh database or after the other specs: it sets up the
// state it needs (one fixture card due, the others buried, theme "system") and
// puts back burials, suspensions and the theme afterwards.

const TARGET = "e2e/basics:second"; // its front has w_{j+1} and a^{2}
const ZH_NOTE = "e2e/zh-chain-rule";
const BASICS = "e2e/basics";

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Prisma's SQLite DateTime text. */
const sqlDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

type Saved = { id: string; buriedUntil: unknown; suspended: number };
let saved: Saved[] = [];
let savedTheme = "system";

function setTheme(theme: string): void {
  withDb((db) =>
    db
      .prepare(`INSERT INTO "Settings" ("id", "theme", "updatedAt") VALUES (1, ?, ?) ON CONFLICT("id") DO UPDATE SET "theme" = excluded."theme"`)
      .run(theme, Date.now()),
  );
}

test.beforeAll(() => {
  setLanguageChoice({ locale: "en", study: "en,zh" });
  withDb((db) => {
    const placeholders = FIXTURE_CARD_IDS.map(() => "?").join(", ");
    saved = db.prepare(`SELECT id, buriedUntil, suspended FROM Card WHERE id IN (${placeholders})`).all(...FIXTURE_CARD_IDS) as Saved[];
    savedTheme = (db.prepare(`SELECT theme FROM Settings WHERE id = 1`).get() as { theme: string } | undefined)?.theme ?? "system";
    // Only the target card can come up in review, and it is due now.
    const later = sqlDate(Date.now() + 30 * 86_400_000);
    for (const { id } of saved) {
      if (id === TARGET) db.prepare(`UPDATE Card SET suspended = 0, buriedUntil = NULL, due = ? WHERE id = ?`).run(sqlDate(Date.now() - 60_000), id);
      else db.prepare(`UPDATE Card SET buriedUntil = ? WHERE id = ?`).run(later, id);
    }
  });
  setTheme("system");
});

// Some tests below switch the interface language; each starts in English.
test.beforeEach(() => setLanguageChoice({ locale: "en", study: "en,zh" }));

test.afterAll(() => {
  withDb((db) => {
    for (const s of saved) db.prepare(`UPDATE Card SET buriedUntil = ?, suspended = ? WHERE id = ?`).run(s.buriedUntil ?? null, s.suspended, s.id);
  });
  setTheme(savedTheme);
  setLanguageChoice({ locale: null, study: "en,zh" });
});

/**
 * For every MathML sub/superscript under `scope` (msub, msup, msubsup,
 * munder, mover, munderover): the font size of each script over its base's
 * (computed style). The browser draws scripts at about 0.7 of the base (0.5
 * for second-level) when the maths font and stylesheet are in place; MathML
 * shown as plain text, or a stylesheet that resets sizes, draws 1.0.
 */
async function scriptRatios(scope: Locator): Promise<{ tex: string; ratio: number }[]> {
  return scope.evaluateAll((roots) => {
    const size = (el: Element): number => parseFloat(getComputedStyle(el).fontSize);
    const out: { tex: string; ratio: number }[] = [];
    for (const root of roots) {
      for (const s of root.querySelectorAll("msub, msup, msubsup")) {
        const [base, ...scripts] = [...s.children];
        if (!base) continue;
        const tex = s.closest("math")?.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? "";
        for (const script of scripts) out.push({ tex, ratio: size(script) / size(base) });
      }
    }
    return out;
  });
}

async function expectSmallScripts(scope: Locator, where: string): Promise<void> {
  const ratios = await scriptRatios(scope);
  expect(ratios.length, `${where}: sub/superscripts found`).toBeGreaterThan(0);
  for (const r of ratios) expect(r.ratio, `${where}: script/base font size in ${r.tex}`).toBeLessThan(0.85);
}

/** Visible text outside formulas and code, to look for Markdown that was not parsed. */
async function proseText(scope: Locator): Promise<string> {
  const parts = await scope.evaluateAll((roots) =>
    roots.map((root) => {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let s = "";
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.parentElement?.closest("math, code, pre, script, style")) continue;
        s += n.textContent + "\n";
      }
      return s;
    }),
  );
  return parts.join("\n");
}

async function expectNoMarkers(scope: Locator, where: string): Promise<void> {
  const text = await proseText(scope);
  expect(text.length, `${where}: has text`).toBeGreaterThan(0);
  for (const marker of ["**", "__", "=="]) expect(text, `${where}: literal ${marker}`).not.toContain(marker);
}

test("a note: scripts are smaller than their base, emphasis next to Chinese is parsed, tables are ruled", async ({ page }) => {
  for (const id of [BASICS, ZH_NOTE]) {
    await page.goto(notePath(id));
    await expect(page.locator(".prose math").first()).toBeVisible();
    await expect(page.locator(".temml-error")).toHaveCount(0);
    await expectSmallScripts(page.locator(".prose, ul.card-list"), id);
    await expectNoMarkers(page.locator("main"), id);
    // Ruled, padded cells.
    const cell = page.locator(".prose td").first();
    const style = await cell.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: parseFloat(s.borderTopWidth), padLeft: parseFloat(s.paddingLeft) };
    });
    expect(style.border, `${id}: table cell border`).toBeGreaterThan(0);
    expect(style.padLeft, `${id}: table cell padding`).toBeGreaterThanOrEqual(6);
  }
  // 乘上**「…」**， in the prose and **[…]** in a card's answer are bold, not asterisks.
  await expect(page.locator(".prose strong")).toContainText("小于一的因子");
  await expect(page.locator('ul.card-list li[data-card-id="e2e/zh-chain-rule:zh-cause"] strong')).toHaveCount(1);
});

test("a review card: scripts are smaller than their base on both sides, no markers", async ({ page }) => {
  await page.goto("/review");
  await expect(reviewCard(page)).toHaveAttribute("data-card-id", TARGET);
  await expect(page.locator(".temml-error")).toHaveCount(0);
  await expectSmallScripts(reviewCard(page), "review card front");
  await waitForHydration(page, '[data-testid="review-card"]');
  await revealAnswer(page);
  await expectSmallScripts(page.getByTestId("answer"), "review card answer");
  await expectNoMarkers(reviewCard(page), "review card");
  // Graded (Easy: days away, so nothing else is due), so that the charts below have a review to draw.
  await page.keyboard.press("4");
  await expect(page.getByTestId("nothing-due")).toBeVisible();
});

test("an exercise: the prompt and the worked solution draw scripts smaller than their base", async ({ page }) => {
  await page.goto("/exercise/e2e/an-exercise");
  await waitForHydration(page, '[data-testid="answer-input"]');
  await expectSmallScripts(page.locator('[data-testid="exercise"] .prompt'), "exercise prompt");
  await page.getByTestId("reveal").click();
  const solution = page.getByTestId("solution");
  await expect(solution.locator("math").first()).toBeVisible();
  await expect(page.locator(".temml-error")).toHaveCount(0);
  await expectSmallScripts(solution, "worked solution");
  await expectNoMarkers(solution, "worked solution");
});

test("on a phone an exercise opens at its question: nothing takes focus until asked (Enter)", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto("/exercise/e2e/an-exercise");
  await waitForHydration(page, '[data-testid="answer-input"]');
  await page.waitForTimeout(300); // effects have run
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByTestId("answer-input")).not.toBeFocused();
  await expect(page.locator('[data-testid="exercise"] .prompt')).toBeInViewport();
  // A keyboard user asks with Enter; Escape leaves the box again.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-input")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("answer-input")).not.toBeFocused();
});

const ROUTES = [
  "/",
  notePath(BASICS),
  notePath(ZH_NOTE),
  "/review",
  "/cram",
  `/cram?note=${encodeURIComponent(BASICS)}`,
  "/exercise/e2e/an-exercise",
  "/settings",
  "/export",
  "/stats",
  "/no-such-page",
];

test("no route is wider than the window, at 375 and 1280 px, in both languages", async ({ page }) => {
  test.setTimeout(120_000);
  for (const locale of ["en", "zh"]) {
    setLanguageChoice({ locale, study: "en,zh" });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const route of ROUTES) {
        await page.goto(route);
        await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh" ? "zh-CN" : "en");
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
        expect(scroll, `${route} at ${width} px (${locale}): page width`).toBeLessThanOrEqual(inner);
        await expect(page.locator(".temml-error"), `${route} (${locale})`).toHaveCount(0);
      }
    }
  }
});

/** The smallest rendered size of any visible chart text: CSS size × the SVG's scale when inside one. */
async function smallestChartText(page: Page): Promise<{ px: number; count: number; text: string }> {
  return page.evaluate(() => {
    let px = Infinity;
    let text = "";
    let count = 0;
    for (const chart of document.querySelectorAll(".chart")) {
      const walk = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent?.trim() || el.closest(".visually-hidden, title")) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const svg = el.closest("svg");
        const scale = svg ? (svg.getScreenCTM()?.a ?? 1) : 1;
        const size = parseFloat(getComputedStyle(el).fontSize) * scale;
        count++;
        if (size < px) {
          px = size;
          text = n.textContent;
        }
      }
    }
    return { px, count, text };
  });
}

test("chart text is at least 11 px on a phone (home and stats, both languages)", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const locale of ["en", "zh"]) {
    setLanguageChoice({ locale, study: "en,zh" });
    for (const route of ["/", "/stats"]) {
      await page.goto(route);
      await expect(page.locator(".chart").first()).toBeVisible();
      if (route === "/stats") await expect(page.getByTestId("heatmap")).toBeVisible();
      const { px, count, text } = await smallestChartText(page);
      expect(count, `${route} (${locale}): chart text found`).toBeGreaterThan(0);
      expect(px, `${route} (${locale}): smallest chart text "${text}"`).toBeGreaterThanOrEqual(11);
    }
  }
});

/** WCAG 2 contrast of an element's text against the background it is drawn on. */
async function contrastOf(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    // Any CSS colour → sRGB bytes, through a canvas (handles rgb(), color(srgb …), names).
    const rgba = (css: string): [number, number, number, number] => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = "#000";
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: number[], bottom: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + bottom[i]! * (1 - top[3]!));
    // The effective background: the element's and its ancestors' backgrounds, composited over white.
    const layers: [number, number, number, number][] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let bg = [255, 255, 255];
    for (const layer of layers.reverse()) bg = over(layer, [...bg, 1]);
    const fgRaw = rgba(getComputedStyle(el).color);
    const fg = over(fgRaw, [...bg, 1]);
    const lum = (c: number[]) =>
      c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

test("the review counts are readable (contrast ≥ 4.5:1) in light and dark", async ({ page }) => {
  withDb((db) => db.prepare(`UPDATE Card SET due = ?, buriedUntil = NULL WHERE id = ?`).run(sqlDate(Date.now() - 60_000), TARGET));
  try {
    for (const theme of ["light", "dark"] as const) {
      setTheme(theme);
      // The browser asks for the other scheme: the app's setting must win.
      await page.emulateMedia({ colorScheme: theme === "light" ? "dark" : "light" });
      await page.goto("/review");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.getByTestId("queue-counts")).toBeVisible();
      for (const id of ["count-new", "count-learning", "count-review"]) {
        const ratio = await contrastOf(page.getByTestId(id));
        expect(ratio, `${id} in ${theme}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  } finally {
    setTheme("system");
  }
});

test("unsuspending a card from its note says so, in a live region", async ({ page }) => {
  const card = "e2e/basics:third";
  withDb((db) => db.prepare(`UPDATE Card SET suspended = 1 WHERE id = ?`).run(card));
  await page.goto(notePath(BASICS));
  const item = page.locator(`ul.card-list li[data-card-id="${card}"]`);
  await waitForHydration(page, `li[data-card-id="${card}"] [data-testid="unsuspend"]`);
  await item.getByTestId("unsuspend").click();
  await expect(item.getByTestId("flag-suspended")).toHaveCount(0);
  const notice = page.locator("[aria-live]").filter({ has: page.getByTestId("status-notice") });
  await expect(notice).toHaveAttribute("aria-live", "polite");
  await expect(page.getByTestId("status-notice")).toContainText("Unsuspended");
  await expect(page.getByTestId("status-notice")).toContainText("Third question");
});

test("an invalid settings field is outlined and aria-invalid", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByTestId("study-settings");
  await waitForHydration(page, '[data-testid="study-settings"]');
  const retention = form.getByLabel("Desired retention");
  await retention.fill("2");
  await form.getByTestId("save-study-settings").click();
  await expect(retention).toHaveAttribute("aria-invalid", "true");
  const outline = await retention.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).toBe("solid");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
