/**
 * `npm run bench:review`: review at scale, through the production server.
 *
 * On two collections, the shipped corpus (content/, fresh database) and a
 * generated one (bench/review-collection.ts: 100,000 cards and about a
 * million review logs over three years, built once and cached), it:
 *
 *   1. starts the server (`npm run serve`) on a copy of the database, stops it,
 *      and times a second start with unchanged content;
 *   2. times GET /, /review, /stats, /settings and a note page (server time:
 *      request sent to the last byte received, on 127.0.0.1), at least
 *      --requests times each;
 *   3. times the Anki export and the review-log CSV, sampling the server's
 *      memory meanwhile;
 *   4. drives Chromium through at least --grades grades on /review and times
 *      each key press to the next card's question on screen;
 *   5. reads the server's memory after all that (each process of the tree),
 *      stops it, and times lib/db's queue query and grade write directly on
 *      the same database, as the review page calls them.
 *
 * Each figure is printed against its target (issue 12). The last line is
 * `grade→next p95 N ms at C cards / L logs` for the large collection.
 *
 * Builds the app first unless --skip-build (it serves .next/, so run the whole
 * bench under `flock /tmp/gradprep-next.lock` where others build in the same
 * tree). Options: --notes N (800) --lines N (94: 125 cards a note) --days N
 * (1095) --new-per-day N (65) --seed N (1) --requests N (20) --grades N (100)
 * --page-budget-s N (90: a page slower than that is sampled fewer times, at
 * least 3) --port N (3941) --only corpus|large --keep.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { contentParseOptions } from "../lib/content/options";
import { parseNote } from "../lib/content/parse";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { studyBatch, todayCounts } from "../lib/db/queue";
import { gradeCard } from "../lib/db/reviews";
import { getSettings, saveSettings } from "../lib/db/settings";
import { schedulerFor } from "../lib/srs/config";
import { nextDayStart } from "../lib/srs/day";
import { Rating } from "../lib/srs/schedule";
import { reviewCollection } from "./review-collection";
import { PAINT_PROBE } from "../tests/support/paint-probe";
import { sleep, startServer, stopServer, timedGet } from "./server";
import { positiveIntArg } from "./args";

process.env.TZ = "UTC";

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => positiveIntArg(name, fallback, argv);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
const REQUESTS = arg("--requests", 20);
const GRADES = arg("--grades", 100);
const PAGE_BUDGET_MS = arg("--page-budget-s", 90) * 1000;
const PORT = arg("--port", 3941);
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, "..");

/** Targets from issue 12. */
const TARGET = { pageMs: 200, gradeMs: 10, queueMs: 5, startMs: 5_000, rssMb: 300, exportMs: 10_000, nextMs: 50 };

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)] ?? NaN;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const fmtBytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MB` : `${(n / 1024).toFixed(0)} KB`);

const summary: string[] = [];
function report(collection: string, label: string, value: string, target: string | null, ok: boolean | null, extra = ""): void {
  const verdict = target === null ? "(no target)" : `target ${target}: ${ok ? "ok" : "MISSED"}`;
  const line = `${collection.padEnd(7)} ${label.padEnd(40)} ${value.padStart(9)}  ${verdict}${extra ? `  ${extra}` : ""}`;
  console.log(line);
  summary.push(line);
}

/**
 * Resident memory of a process and all its descendants, in bytes, of the
 * largest one, and of each (by its command line); and their proportional set
 * size (`pss`, from /proc/PID/smaps_rollup): RSS counts the pages of the Node
 * binary and libraries that the Node processes (npm and next-server) share
 * once in each of them (about 40 MB each), PSS divides each
 * shared page among the processes that map it, so that their sum is the
 * memory the app takes.
 */
function treeRss(pid: number): { total: number; largest: number; each: string[]; pss: number } {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  let largest = 0;
  let pss = 0;
  const each: string[] = [];
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      const rss = m ? Number(m[1]) * 1024 : 0;
      total += rss;
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, "utf8"))?.[1] ?? 0) * 1024;
      largest = Math.max(largest, rss);
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean).map((a) => path.basename(a)).join(" ");
      if (rss > 0) each.push(`${cmd.slice(0, 48)} ${fmtBytes(rss)}`);
    } catch {
      // Gone.
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return { total, largest, each, pss };
}


/**
 * Server time p95 of a page over REQUESTS requests (fewer, at least 3, for a
 * page slower than the budget allows), after one untimed first request whose
 * time is printed beside (it fills the server's caches: compiled route,
 * rendered Markdown).
 */
async function samplePage(collection: string, label: string, url: string): Promise<void> {
  const warm = await timedGet(url);
  if (warm.status !== 200) throw new Error(`${url}: HTTP ${warm.status}`);
  const times: number[] = [];
  const started = performance.now();
  let bytes = warm.bytes;
  while (times.length < REQUESTS && (times.length < 3 || performance.now() - started < PAGE_BUDGET_MS)) {
    const r = await timedGet(url);
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
    times.push(r.ms);
    bytes = r.bytes;
  }
  const v = p95(times);
  report(collection, `${label} server time p95`, fmtMs(v), `< ${TARGET.pageMs} ms`, v < TARGET.pageMs, `(n=${times.length}, median ${fmtMs(median(times))}, first request ${fmtMs(warm.ms)}, ${fmtBytes(bytes)})`);
}

/** Downloads an export while sampling the server's memory every 100 ms. */
async function timeExport(collection: string, label: string, url: string, pid: number): Promise<void> {
  const before = treeRss(pid).total;
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, treeRss(pid).total);
      await sleep(100);
    }
  })();
  const r = await timedGet(url);
  sampling = false;
  await sampler;
  if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  report(collection, `${label} time`, fmtMs(r.ms), `< ${TARGET.exportMs / 1000} s`, r.ms < TARGET.exportMs, `(${fmtBytes(r.bytes)}; server memory ${fmtBytes(before)} before, peak ${fmtBytes(peak)})`);
}

async function driveReview(collection: string): Promise<{ p95: number; n: number }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ locale: "en-US", timezoneId: "UTC" });
    await page.addInitScript(PAINT_PROBE);
    await page.goto(`${BASE}/review`);
    let graded = 0;
    let skipped = 0;
    let hydrated = false;
    const rng = (() => {
      let x = 12345;
      return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    })();
    while (graded < GRADES && skipped < GRADES) {
      const shown = page.locator('[data-testid="review-card"], [data-testid="nothing-due"]').first();
      await shown.waitFor({ timeout: 120_000 });
      if ((await shown.getAttribute("data-testid")) === "nothing-due") break;
      if (!hydrated) {
        await page.waitForFunction(() => {
          const el = document.querySelector('[data-testid="review-card"]');
          return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber$"));
        });
        hydrated = true;
      }
      const id = await shown.getAttribute("data-card-id");
      const kind = await shown.getAttribute("data-kind");
      if (kind === "exercise" || (await page.getByTestId("broken-card").count()) > 0) {
        // Exercise cards need an answer typed; this bench times flashcards, so it buries them.
        await page.getByTestId("bury").click();
        await page.locator(`[data-testid="review-card"]:not([data-card-id="${id}"]), [data-testid="nothing-due"]`).first().waitFor({ timeout: 120_000 });
        skipped++;
        continue;
      }
      // Space only ever reveals; a press that lands before the new card's key listener is repeated.
      const deadline = performance.now() + 20_000;
      while ((await page.getByTestId("answer").count()) === 0) {
        if (performance.now() > deadline) throw new Error(`the answer of card ${id} did not show: ${(await page.locator("body").innerText()).slice(0, 300)}`);
        await page.keyboard.press("Space");
        await sleep(100);
      }
      const before = await page.evaluate(() => (window as unknown as { __gp: { samples: number[] } }).__gp.samples.length);
      const x = rng();
      await page.keyboard.press(x < 0.1 ? "1" : x < 0.15 ? "2" : x < 0.95 ? "3" : "4");
      await page.waitForFunction((n) => (window as unknown as { __gp: { samples: number[] } }).__gp.samples.length > n, before, { timeout: 120_000 });
      graded++;
    }
    const samples = await page.evaluate(() => (window as unknown as { __gp: { samples: number[] } }).__gp.samples);
    const v = p95(samples);
    report(
      collection,
      "key press → next card p95 (Chromium)",
      fmtMs(v),
      `< ${TARGET.nextMs} ms`,
      v < TARGET.nextMs,
      `(n=${samples.length} grades, median ${fmtMs(median(samples))}${skipped ? `, ${skipped} exercise cards buried` : ""})`,
    );
    return { p95: v, n: samples.length };
  } finally {
    await browser.close();
  }
}

/**
 * lib/db's queue query and grade write, called directly on the database the
 * server used, as the review page calls them (app/review/session-server.ts):
 * the next batch of the queue (studyBatch: learning cards, then the next 8
 * reviews and new cards, with the counts), then a grade of its first card
 * with sibling burying as the settings say; and the home page's queue counts
 * (todayCounts).
 */
async function timeDb(collection: string, url: string): Promise<void> {
  const db = createDb(url);
  try {
    const settings = await getSettings(db);
    const scheduler = schedulerFor(settings);
    const langs = ["en"];
    const counts: number[] = [];
    const queue: number[] = [];
    const writes: number[] = [];
    for (let i = 0; i < 5 + GRADES; i++) {
      const now = new Date();
      let t = performance.now();
      await todayCounts(db, { now, settings, langs });
      const countsMs = performance.now() - t;
      t = performance.now();
      const batch = await studyBatch(db, { now, settings, langs, size: 8 });
      const queueMs = performance.now() - t;
      const card = batch.cards[0];
      if (!card) break;
      t = performance.now();
      const r = await gradeCard(db, {
        cardId: card.id,
        token: card.token,
        rating: i % 9 === 0 ? Rating.Again : Rating.Good,
        now,
        durationMs: 6_000,
        scheduler,
        studyDay: settings,
        bury: { newSiblings: settings.buryNewSiblings, reviewSiblings: settings.buryReviewSiblings, until: nextDayStart(now, settings.dayStartHour, settings.timeZone) },
      });
      const writeMs = performance.now() - t;
      if (!r.ok) throw new Error(`grade refused: ${r.error}`);
      // The first few calls pay for connecting and preparing statements.
      if (i < 5) continue;
      counts.push(countsMs);
      queue.push(queueMs);
      writes.push(writeMs);
    }
    if (queue.length === 0) {
      report(collection, "due-queue query, grade write", "-", null, null, "(no card left to grade after the browser session)");
      return;
    }
    const extra = (xs: number[]) => `(n=${xs.length}, median ${fmtMs(median(xs))})`;
    report(collection, "due-queue query p95 (studyBatch, 8 cards)", fmtMs(p95(queue)), `< ${TARGET.queueMs} ms`, p95(queue) < TARGET.queueMs, extra(queue));
    report(collection, "home queue counts p95 (todayCounts)", fmtMs(p95(counts)), `< ${TARGET.queueMs} ms`, p95(counts) < TARGET.queueMs, extra(counts));
    report(collection, "grade write p95 (lib/db gradeCard)", fmtMs(p95(writes)), `< ${TARGET.gradeMs} ms`, p95(writes) < TARGET.gradeMs, extra(writes));
  } finally {
    await db.$disconnect();
  }
}

interface Subject {
  name: string;
  contentDir: string;
  /** Makes the database the server starts on. */
  prepare: (file: string) => Promise<void>;
  notePath: string;
  noteCards: number;
}

async function bench(s: Subject): Promise<{ gradeP95: number; cards: number; logs: number }> {
  console.log(`\n== ${s.name}`);
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-bench-review-run-"));
  const file = path.join(dir, "gradprep.db");
  const url = `file:${file}`;
  const env = { DATABASE_URL: url, CONTENT_DIR: s.contentDir };
  try {
    await s.prepare(file);
    const first = await startServer(PORT, env);
    report(s.name, "first start (migrations, sync)", fmtMs(first.startMs), null, null);
    await stopServer(first);
    const server = await startServer(PORT, env);
    report(s.name, "server start, content unchanged", fmtMs(server.startMs), `< ${TARGET.startMs / 1000} s`, server.startMs < TARGET.startMs);
    try {
      for (const [label, route] of [
        ["/", "/"],
        ["/review", "/review"],
        ["/stats", "/stats"],
        ["/settings", "/settings"],
        [`note page (${s.noteCards} cards)`, s.notePath],
      ] as const) {
        await samplePage(s.name, label, `${BASE}${route}`);
      }
      await timeExport(s.name, "Anki export", `${BASE}/export/anki`, server.child.pid!);
      await timeExport(s.name, "review-log CSV", `${BASE}/export/reviews`, server.child.pid!);
      const next = await driveReview(s.name);
      const rss = treeRss(server.child.pid!);
      report(s.name, "server RSS after the run", fmtBytes(rss.total), `< ${TARGET.rssMb} MB`, rss.total < TARGET.rssMb * 1024 * 1024, `(${rss.each.join("; ")})`);
      report(s.name, "server PSS after the run (shared pages split)", fmtBytes(rss.pss), `< ${TARGET.rssMb} MB`, rss.pss < TARGET.rssMb * 1024 * 1024);
      await stopServer(server);
      await timeDb(s.name, url);
      const db = createDb(url);
      const [cards, logs] = await Promise.all([db.card.count({ where: { retired: false } }), db.reviewLog.count()]);
      await db.$disconnect();
      return { gradeP95: next.p95, cards, logs };
    } finally {
      await stopServer(server);
    }
  } finally {
    if (argv.includes("--keep")) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!argv.includes("--skip-build")) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
    });
    console.log(`built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const results: { name: string; gradeP95: number; cards: number; logs: number }[] = [];

  if (only !== "large") {
    const corpusDir = path.join(root, "content");
    const options = contentParseOptions();
    let biggest = { id: "", cards: -1 };
    for (const lang of ["en", "zh"]) {
      for (const f of readdirSync(path.join(corpusDir, lang)).filter((x) => x.endsWith(".md"))) {
        const note = parseNote(readFileSync(path.join(corpusDir, lang, f), "utf8"), `${lang}/${f}`, options).note;
        if (note && lang === "en" && note.cards.length > biggest.cards) biggest = { id: note.id, cards: note.cards.length };
      }
    }
    const r = await bench({
      name: "corpus",
      contentDir: corpusDir,
      notePath: `/notes/${biggest.id}`,
      noteCards: biggest.cards,
      // A fresh database where one session can grade GRADES cards: no new-card limit, and no sibling
      // burying (with it, the corpus's 400 cards give one new card per note a day, about 40).
      prepare: async (file) => {
        migrate(`file:${file}`);
        const db = createDb(`file:${file}`);
        await saveSettings(db, { newPerDay: 999, buryNewSiblings: false, buryReviewSiblings: false });
        await db.$disconnect();
      },
    });
    results.push({ name: "corpus", ...r });
  }

  if (only !== "corpus") {
    const params = { notes: arg("--notes", 800), lines: arg("--lines", 94), days: arg("--days", 1095), newPerDay: arg("--new-per-day", 65), seed: arg("--seed", 1) };
    const c = await reviewCollection(params);
    const k = Math.floor(params.notes / 2);
    const r = await bench({
      name: "large",
      contentDir: c.contentDir,
      notePath: `/notes/gen/note-${k}`,
      noteCards: Math.round(c.cards / params.notes),
      prepare: async (file) => {
        copyFileSync(c.dbFile, file);
        console.log(`copied the collection's database (${fmtBytes(statSync(file).size)})`);
      },
    });
    results.push({ name: "large", ...r });
  }

  console.log("\n== summary");
  for (const line of summary) console.log(line);
  for (const r of results) console.log(`grade→next p95 ${Math.round(r.gradeP95)} ms at ${r.cards} cards / ${r.logs} logs`);
}

await main();
