import { databaseUrl } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

const url = databaseUrl();
try {
  const { applied, alreadyApplied } = migrate(url);
  console.log(`database ${url}: ${applied.length} migration(s) applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${alreadyApplied.length} already in place`);
} catch (err) {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
}
