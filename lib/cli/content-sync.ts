import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { formatIssue } from "@/lib/content/types";
import { createDb, databaseUrl } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { syncNotes } from "@/lib/db/sync";

const url = databaseUrl();
migrate(url);
const { notes, issues, unreadablePaths } = loadContent(undefined, contentParseOptions());
for (const issue of issues) console.error(formatIssue(issue));
const db = createDb(url);
try {
  const r = await syncNotes(db, notes, { now: new Date(), unreadablePaths });
  console.log(
    `synced ${r.notes} notes: ${r.cardsCreated} cards new, ${r.cardsUpdated} updated, ${r.cardsRetired} retired` +
      (issues.length ? `; ${issues.length} content problem(s) above (run npm run content:check)` : ""),
  );
} finally {
  await db.$disconnect();
}
