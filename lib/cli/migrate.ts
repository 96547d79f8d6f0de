import { databaseUrl } from "@/lib/db/client";
import { DatabaseStartError, describeStart, startDatabase } from "@/lib/db/start";

try {
  const s = startDatabase(databaseUrl());
  for (const line of describeStart(s)) console.log(line);
  console.log(`${s.applied.length} migration(s) applied, ${s.alreadyApplied.length} already in place`);
} catch (err) {
  if (!(err instanceof DatabaseStartError)) throw err;
  console.error(`migration failed: ${err.message}`);
  process.exit(1);
}
