/**
 * The lab's four-nets figure as a reader sees it: the production server's
 * /lab activations tab in Chromium (the system one, as the e2e tests use),
 * training, and how many times a second each net's live chart is drawn anew
 * on screen.
 *
 * The count does not trust the page: an init script wraps the canvas
 * context's clearRect (uPlot clears its canvas at the start of every redraw)
 * and notes, per chart, in how many distinct animation frames a redraw
 * happened. Several redraws inside one frame show as one, so the figure is
 * frames with new pixels, not calls. Two figures: each net's live curve
 * (the strict one: it stands still in any frame in which its net did not
 * step), and the tab as a whole (any of its charts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startServer, stopServer } from "./server";

/** Per chart (its data-testid): canvas clears, and distinct animation frames that had one. */
export const REDRAW_PROBE = `
(() => {
  const probe = { frame: 0, charts: {}, any: { clears: 0, frames: 0, last: -1 } };
  window.__labRedraws = probe;
  const tick = () => { probe.frame++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    const fig = this.canvas && this.canvas.closest ? this.canvas.closest('[data-testid^="chart-"]') : null;
    const id = fig ? fig.getAttribute("data-testid") : "?";
    const r = probe.charts[id] || (probe.charts[id] = { clears: 0, frames: 0, last: -1 });
    r.clears++;
    if (r.last !== probe.frame) { r.frames++; r.last = probe.frame; }
    if (probe.any.last !== probe.frame) { probe.any.frames++; probe.any.last = probe.frame; }
    return clear.apply(this, args);
  };
})();
`;

interface Counts {
  frame: number;
  charts: Record<string, { clears: number; frames: number }>;
  any: { frames: number };
}

export interface ChromiumRedraws {
  /** Seconds measured (after a warm-up). */
  seconds: number;
  /** Screen frames per second (requestAnimationFrame), whatever was drawn. */
  fps: number;
  /** Per live chart (gradHistory-<activation>): frames with a redraw, per second. */
  perChart: Map<string, number>;
  /** Frames in which any chart of the tab was redrawn, per second (the live curves, or an epoch end's bars, accuracy and histograms). */
  anyChart: number;
  /** Training steps per second (every net), as the page's progress line counts them. */
  stepsPerSecond: number;
  /** Nets (activation names) whose training overflowed and stopped by the end: their curves stand still from then on, as they should. */
  diverged: string[];
  /** Main-thread tasks over 50 ms while measured, and the longest. */
  longTasks: number;
  longestMs: number;
}

/** Starts the server on a temporary database, drives the activations tab for `seconds`, stops it all. */
export async function measureChromiumRedraws(opts: { port: number; seconds: number; query: string; screenshotDir?: string }): Promise<ChromiumRedraws> {
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-bench-lab-"));
  const server = await startServer(opts.port, { DATABASE_URL: `file:${path.join(dir, "gradprep.db")}` });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1280, height: 900 } });
    await page.addInitScript(REDRAW_PROBE);
    await page.goto(`http://127.0.0.1:${opts.port}/lab?${opts.query}`);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="lab"]');
      return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber$"));
    });
    const play = page.getByTestId("lab-play");
    await play.waitFor();
    await page.waitForFunction(() => !(document.querySelector('[data-testid="lab-play"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000 });
    // The live charts are on screen (they are further down the page): scroll the first into view.
    await play.click();
    await page.getByTestId("lab-pause").waitFor();
    await page.getByTestId("chart-gradHistory-sigmoid").scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500); // warm-up: JIT, the first epoch's charts
    const read = () =>
      page.evaluate(() => {
        const p = (window as unknown as { __labRedraws: Counts }).__labRedraws;
        const steps = Number(document.querySelector('[data-testid="lab-progress"]')?.getAttribute("data-steps") ?? 0);
        return { frame: p.frame, charts: JSON.parse(JSON.stringify(p.charts)) as Counts["charts"], any: p.any.frames, steps, t: performance.now() };
      });
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask" });
    });
    const a = await read();
    await page.waitForTimeout(opts.seconds * 1000);
    const b = await read();
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    // The facts list shows "<activation>.diverged" per net (1 once its training overflowed).
    const diverged = await page.evaluate(() =>
      [...document.querySelectorAll('[data-fact$=".diverged"]')].filter((el) => Number(el.querySelector("dd")?.textContent?.trim()) === 1).map((el) => el.getAttribute("data-fact")!.replace(/\.diverged$/, "")),
    );
    if (opts.screenshotDir) await page.screenshot({ path: path.join(opts.screenshotDir, "lab-activations-training.png"), fullPage: true });
    await page.getByTestId("lab-pause").click();
    const s = (b.t - a.t) / 1000;
    const perChart = new Map<string, number>();
    for (const [id, r] of Object.entries(b.charts)) {
      if (!id.startsWith("chart-gradHistory-")) continue;
      perChart.set(id.slice("chart-".length), (r.frames - (a.charts[id]?.frames ?? 0)) / s);
    }
    return { seconds: s, fps: (b.frame - a.frame) / s, perChart, anyChart: (b.any - a.any) / s, stepsPerSecond: (b.steps - a.steps) / s, diverged, longTasks: long.length, longestMs: Math.max(0, ...long) };
  } finally {
    await browser.close();
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
