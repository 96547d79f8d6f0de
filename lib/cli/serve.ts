import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Starts the app: migrate the database and load content/ into it, then hand
 * over to `next start` (or `next dev` with --dev). Bound to 127.0.0.1 by
 * default: a personal app with no login should not listen on the network.
 *
 * The database and content work runs in a child process that exits before
 * the server starts (lib/cli/serve-start.ts), so that this process, which
 * stays for as long as the server runs, holds none of it: it imports nothing
 * but Node's own modules. Memory of the whole app as a user sees it (issue 12).
 */
const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";

// The same Node and loader flags as this process (tsx, --conditions=react-server).
const start = spawnSync(process.execPath, [...process.execArgv, path.join(import.meta.dirname, "serve-start.ts")], { stdio: "inherit" });
if (start.status !== 0) {
  if (start.error) console.error(`GradPrep cannot start: ${start.error.message}`);
  else if (start.signal) console.error(`GradPrep cannot start: preparing the database was stopped (${start.signal})`);
  process.exit(start.status || 1);
}

/**
 * The server's Node heap, unless NODE_OPTIONS says otherwise: an old
 * generation of at most 256 MB, which makes V8 collect before it grows far
 * past what the app holds, and young-generation semi-spaces of 4 MB rather
 * than 16. Measured on the 100k-card bench collection (next-server alone,
 * after every page and both exports): 390-420 MB with Node's defaults,
 * 300-315 MB with these; with 2 MB semi-spaces 250-275 MB, but pages took
 * half as long again (the note page's median 140 → 300 ms) for the extra
 * scavenges. A collection whose pages need more heap: set NODE_OPTIONS, e.g.
 * --max-old-space-size=1024.
 */
const HEAP_OPTIONS = "--max-semi-space-size=4 --max-old-space-size=256";

const child = spawn(path.resolve("node_modules/.bin/next"), [dev ? "dev" : "start", "-H", host, "-p", port], {
  stdio: "inherit",
  env: { ...process.env, HOST: host, NODE_OPTIONS: process.env.NODE_OPTIONS ?? (dev ? "" : HEAP_OPTIONS) },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
