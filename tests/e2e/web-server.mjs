// The Playwright webServer for the e2e tests: a fresh SQLite database, the
// fixture notes as content, then the real app (`npm run build`, `npm run serve`).
// playwright.config.ts sets DATABASE_URL, CONTENT_DIR, HOST and PORT.
// E2E_SKIP_BUILD=1 reuses an existing .next/ build (faster local reruns).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const url = process.env.DATABASE_URL ?? "";
if (!url.startsWith("file:")) {
  console.error(`e2e web server: expected DATABASE_URL=file:..., got "${url}"`);
  process.exit(1);
}
const dbFile = url.slice("file:".length);
for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let child = null;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (child) child.kill(sig);
    else process.exit(1);
  });
}

/** Runs an npm script; with `quiet`, its output is kept and shown only if it fails. */
function run(script, { quiet = false } = {}) {
  return new Promise((resolve) => {
    let log = "";
    child = spawn(npm, ["run", "--silent", script], { cwd: root, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
    if (quiet) {
      child.stdout.on("data", (d) => (log += d));
      child.stderr.on("data", (d) => (log += d));
    }
    child.on("exit", (code, signal) => {
      const rc = code ?? (signal ? 1 : 0);
      if (rc !== 0 && quiet) process.stderr.write(log);
      resolve(rc);
    });
  });
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const t0 = Date.now();
  const code = await run("build", { quiet: true });
  if (code !== 0) {
    console.error(`e2e web server: npm run build failed (exit ${code}); its output is above`);
    process.exit(code);
  }
  console.log(`e2e web server: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
process.exit(await run("serve"));
