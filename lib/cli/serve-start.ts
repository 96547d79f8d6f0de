import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { formatIssue } from "@/lib/content/types";
import { createDb, databaseUrl } from "@/lib/db/client";
import { DatabaseStartError, describeStart, startDatabase } from "@/lib/db/start";
import { syncNotes } from "@/lib/db/sync";

/**
 * What `npm run serve` does before it serves, in a process of its own
 * (lib/cli/serve.sh runs it and waits): check and migrate the database, then
 * load content/ into it. Its own process so that everything it allocates (the
 * parsed and rendered notes, a Prisma client: 150-300 MB at 100,000 cards) is
 * given back to the system when it exits, before the app server starts.
 *
 * Exits 1 with one line saying what is wrong when the start cannot go on; the
 * content sync is one transaction, so a sync that fails leaves the database
 * as it was.
 */
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
try {
  const r = await syncNotes(db, notes, { now: new Date(), unreadablePaths });
  console.log(`content: ${r.notes} notes, ${r.cardsCreated} new cards, ${r.cardsRetired} retired${issues.length ? `, ${issues.length} problem(s) (npm run content:check)` : ""}`);
} catch (err) {
  console.error(`GradPrep cannot start: loading content/ into the database failed, and the database was left as it was: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
