import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests: the real app (next build + lib/cli/serve.sh) on a fresh
 * temp SQLite database, with tests/e2e/fixtures/content as its notes, driven
 * by the system Chromium (apt-get install chromium; see require-chromium.mjs).
 *
 * The specs share one server and database and run in file order (01-, 02-, …)
 * on one worker. Each one passes alone too: a spec that needs a known schedule
 * sets it up itself (tests/e2e/e2e-db.ts, freshSchedule).
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), E2E_PORT (default 3917),
 * E2E_SKIP_BUILD=1 to reuse an existing .next/ build.
 */
const root = import.meta.dirname;
const port = Number(process.env.E2E_PORT || 3917);
const baseURL = `http://127.0.0.1:${port}`;
// Fixed per port, so that worker processes (which re-read this file) agree with
// the main process; tests/e2e/web-server.mjs deletes it before the server starts.
const dbFile = path.join(os.tmpdir(), `gradprep-e2e-${port}.db`);

export default defineConfig({
  testDir: path.join(root, "tests/e2e"),
  testMatch: "**/*.spec.ts",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // 17 specs on a 2-core machine take about 6–8 minutes; the cap only catches a hung run.
  globalTimeout: 20 * 60_000,
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    timezoneId: "UTC",
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node tests/e2e/web-server.mjs",
    cwd: root,
    url: `${baseURL}/`,
    // Always our own server: a reused one would not have the fresh database.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      CONTENT_DIR: path.join(root, "tests/e2e/fixtures/content"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
