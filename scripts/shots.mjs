// npm run shots: full-page screenshots of every route of the real app, in both
// interface languages, at desktop (1280 px) and phone (375 px) width, light and
// dark, into shots/ (git-ignored), so anyone can look at the whole app in a
// minute.
//
// Like the e2e web server (tests/e2e/web-server.mjs): a production build
// (rebuilt only when a source file is newer than it), then `npm run serve` on a
// fresh temp SQLite database with the real content/ (CONTENT_DIR overrides).
// A few cards are graded first, so the review, stats and home charts have
// something to draw.
//
// Env: SHOTS_PORT (default 3937), SHOTS_ONLY=regex on the file name,
// SHOTS_SKIP_BUILD=1 / SHOTS_FORCE_BUILD=1, CHROMIUM_PATH (default /usr/bin/chromium).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.SHOTS_PORT || 3937);
const base = `http://127.0.0.1:${port}`;
const dbFile = path.join(os.tmpdir(), `gradprep-shots-${port}.db`);
const contentDir = process.env.CONTENT_DIR ? path.resolve(process.env.CONTENT_DIR) : path.join(root, "content");
const outDir = path.join(root, "shots");
const only = process.env.SHOTS_ONLY ? new RegExp(process.env.SHOTS_ONLY) : null;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const env = {
  ...process.env,
  HOST: "127.0.0.1",
  PORT: String(port),
  DATABASE_URL: `file:${dbFile}`,
  CONTENT_DIR: contentDir,
  NEXT_TELEMETRY_DISABLED: "1",
};

/** Newest modification time under `dir` (skipping generated and dependency folders). */
function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", ".next", "generated", "shots", "test-results"].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function needsBuild() {
  if (process.env.SHOTS_FORCE_BUILD === "1") return true;
  if (process.env.SHOTS_SKIP_BUILD === "1") return false;
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = Math.max(
    ...["app", "components", "lib", "proxy.ts", "next.config.ts", "package-lock.json"].map((p) => {
      const full = path.join(root, p);
      return existsSync(full) ? (statSync(full).isDirectory() ? newest(full) : statSync(full).mtimeMs) : 0;
    }),
  );
  return sources > built;
}

function run(args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(npm, args, { cwd: root, stdio: "inherit", env, ...opts });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Notes of one language with maths and a table (the pages most likely to break). */
function pickNote(lang) {
  const dir = path.join(contentDir, lang);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".md")).sort() : [];
  const read = (f) => readFileSync(path.join(dir, f), "utf8");
  const id = (text) => /^id:\s*['"]?([^'"\n]+)/m.exec(text)?.[1]?.trim();
  const withTable = files.find((f) => /^\|.*\|\s*$/m.test(read(f)) && read(f).includes("$"));
  const withExercise = files.find((f) => /^generator:/m.test(read(f)));
  return { note: withTable && id(read(withTable)), exercise: withExercise && id(read(withExercise)) };
}

function setSettings(values) {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    const cols = Object.keys(values);
    db.prepare(
      `INSERT INTO "Settings" ("id", ${cols.map((c) => `"${c}"`).join(", ")}, "updatedAt") VALUES (1, ${cols.map(() => "?").join(", ")}, ?)
       ON CONFLICT("id") DO UPDATE SET ${cols.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
    ).run(...Object.values(values), Date.now());
  } finally {
    db.close();
  }
}

async function waitForServer(server) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      const r = await fetch(`${base}/`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer within 2 minutes");
}

/** Grades a few due cards (exercises: solution shown, then Good) so that charts and counts have data. */
async function gradeSome(page, n) {
  await page.goto(`${base}/review`);
  for (let i = 0; i < n; i++) {
    const card = page.getByTestId("review-card");
    if (!(await card.isVisible())) return;
    const id = await card.getAttribute("data-card-id");
    if ((await card.getAttribute("data-kind")) === "exercise") {
      await page.getByTestId("reveal").click();
    } else {
      await page.waitForFunction(() => Object.keys(document.querySelector('[data-testid="review-card"]') ?? {}).some((k) => k.startsWith("__reactFiber$")));
      await page.keyboard.press("Space");
    }
    await page.locator(".grades button").nth(2).click();
    await page.waitForFunction((prev) => {
      const c = document.querySelector('[data-testid="review-card"]');
      return !c || c.getAttribute("data-card-id") !== prev;
    }, id);
  }
}

async function main() {
  if (needsBuild()) {
    console.log("shots: building (next build)…");
    const code = await run(["run", "--silent", "build"]);
    if (code !== 0) process.exit(code);
  } else console.log("shots: the build in .next/ is newer than the sources; not rebuilding");

  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  const server = spawn(npm, ["run", "--silent", "serve"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env, detached: process.platform !== "win32" });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const stop = () => {
    try {
      if (process.platform === "win32") server.kill("SIGTERM");
      else process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("SIGINT", () => (stop(), process.exit(130)));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  let count = 0;
  try {
    await waitForServer(server);
    const en = pickNote("en");
    const zh = pickNote("zh");
    const notePath = (id) => `/notes/${id.split("/").map(encodeURIComponent).join("/")}`;
    const routes = [
      ["home", "/"],
      en.note && ["note-en", notePath(en.note)],
      zh.note && ["note-zh", notePath(zh.note)],
      ["review", "/review"],
      ["review-answer", "/review", "answer"],
      ["cram", "/cram"],
      (en.note || zh.note) && ["cram-note", `/cram?note=${encodeURIComponent(en.note ?? zh.note)}`],
      en.exercise && ["exercise-en", `/exercise/${en.exercise}`],
      en.exercise && ["exercise-en-solution", `/exercise/${en.exercise}`, "solution"],
      zh.exercise && ["exercise-zh-solution", `/exercise/${zh.exercise}`, "solution"],
      // A step-by-step exercise (the chain gradient of the one-neuron-chain note), steps open, one slip entered.
      ...["en", "zh"].map((l) => [`exercise-${l}-steps`, `/exercise/${l}/02-one-neuron-chain?card=${encodeURIComponent(`${l}/02-one-neuron-chain:chain-b1-sigmoid`)}`, "steps"]),
      ["settings", "/settings"],
      ["export", "/export"],
      ["stats", "/stats"],
      ["browse", "/browse"],
      ["lab", "/lab"],
      ["lab-rnn", "/lab?exp=rnn"],
      ["interview", "/interview"],
      ["not-found", "/no-such-page"],
    ].filter(Boolean);

    // Some history first, in each study language (stats and home count only the languages studied).
    for (const study of ["en", "zh"]) {
      setSettings({ study, locale: "en", theme: "system" });
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "UTC" });
      await gradeSome(await ctx.newPage(), 6);
      await ctx.close();
    }

    mkdirSync(outDir, { recursive: true });
    for (const f of readdirSync(outDir)) if (f.endsWith(".png")) rmSync(path.join(outDir, f));
    for (const locale of ["en", "zh"]) {
      for (const theme of ["light", "dark"]) {
        // The app's own theme setting (data-theme) and the browser's, so both paths agree.
        setSettings({ locale, study: null, theme });
        for (const width of [1280, 375]) {
          const ctx = await browser.newContext({
            viewport: { width, height: width > 500 ? 800 : 812 },
            colorScheme: theme,
            locale: locale === "zh" ? "zh-CN" : "en-US",
            timezoneId: "UTC",
          });
          const page = await ctx.newPage();
          for (const [name, url, then] of routes) {
            const file = `${locale}-${theme}-${width}-${name}.png`;
            if (only && !only.test(file)) continue;
            await page.goto(base + url, { waitUntil: "networkidle" });
            if (then === "answer") {
              const card = page.getByTestId("review-card");
              if (await card.isVisible()) {
                if ((await card.getAttribute("data-kind")) === "exercise") await page.getByTestId("reveal").click();
                else await page.getByRole("button", { name: /Show answer|显示答案/ }).click();
                await page.locator(".grades").waitFor();
              }
            } else if (then === "steps") {
              const steps = page.getByTestId("steps");
              if (await steps.isVisible()) {
                await steps.locator("summary").click();
                const boxes = steps.locator("input");
                await boxes.first().fill("0.2");
                await boxes.nth(1).fill("1/4");
                await page.getByTestId("check-steps").click();
                await steps.locator("[data-verdict='wrong'], [data-verdict='correct']").first().waitFor();
              }
            } else if (then === "solution") {
              await page.getByTestId("reveal").click();
              await page.getByTestId("solution").waitFor();
            }
            // The lab computes in a Web Worker after load: wait for its first result (a chart's canvas).
            if (name.startsWith("lab")) await page.locator("#lab-charts canvas").first().waitFor({ timeout: 30_000 });
            await page.evaluate(() => document.fonts.ready);
            await page.screenshot({ path: path.join(outDir, file), fullPage: true });
            count++;
          }
          await ctx.close();
        }
      }
    }
  } catch (err) {
    console.error(log);
    throw err;
  } finally {
    await browser.close();
    stop();
  }
  console.log(`shots: ${count} screenshots in ${path.relative(process.cwd(), outDir) || "."}/`);
}

await main();
