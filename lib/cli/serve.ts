import { spawn } from "node:child_process";
import path from "node:path";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { formatIssue } from "@/lib/content/types";
import { createDb, databaseUrl } from "@/lib/db/client";
import { DatabaseStartError, describeStart, startDatabase } from "@/lib/db/start";
import { syncNotes } from "@/lib/db/sync";

/**
 * Starts the app: migrate the database, load content/ into it, then hand over
 * to `next start` (or `next dev` with --dev). Bound to 127.0.0.1 by default:
 * a personal app with no login should not listen on the network.
 */
const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const url = databaseUrl();

try {
  for (const line of describeStart(startDatabase(url))) console.log(line);
} catch (err) {
  // Says which file and what to do; never the URL, which may hold a password.
  if (!(err instanceof DatabaseStartError)) throw err;
  console.error(`GradPrep cannot start: ${err.message}`);
  process.exit(1);
}
const { notes, issues, unreadablePaths } = loadContent(undefined, contentParseOptions());
for (const issue of issues) console.error(formatIssue(issue));
const db = createDb(url);
const r = await syncNotes(db, notes, { now: new Date(), unreadablePaths });
await db.$disconnect();
console.log(`content: ${r.notes} notes, ${r.cardsCreated} new cards, ${r.cardsRetired} retired${issues.length ? `, ${issues.length} problem(s) (npm run content:check)` : ""}`);

const child = spawn(path.resolve("node_modules/.bin/next"), [dev ? "dev" : "start", "-H", host, "-p", port], { stdio: "inherit", env: { ...process.env, HOST: host } });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
