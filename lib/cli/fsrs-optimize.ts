import { createDb, databaseUrl } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { optimizeWeights, type OptimizeReport } from "@/lib/db/optimize-weights";

/**
 * npm run fsrs:optimize [-- --dry-run]
 * Fits FSRS weights to the review log, prints log loss and RMSE(bins) of the
 * default, current and optimised weights, and adopts the optimised ones only
 * if their log loss is lower (never with --dry-run).
 */

const USAGE = "usage: npm run fsrs:optimize [-- --dry-run]";
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== "--dry-run");
if (unknown.length) {
  console.error(`unknown argument ${unknown.join(" ")}\n${USAGE}`);
  process.exit(2);
}
const dryRun = args.includes("--dry-run");

function inUse(r: OptimizeReport): string {
  return `in use now: ${r.weights && r.optimizedAt ? `optimised weights adopted ${r.optimizedAt.toISOString()}` : "the default weights"}`;
}

function print(r: OptimizeReport): void {
  console.log(
    `review log: ${r.items} reviews to learn from on ${r.cards} cards` +
      (r.incompleteCards ? `; ${r.incompleteCards} card(s) left out (history began before the log)` : "") +
      `; short-term reviews ${r.enableShortTerm ? "kept in the histories" : "dropped (short-term off)"}`,
  );
  if (r.status === "too-few") {
    console.log(`not enough reviews yet: ${r.needed} more needed (at least ${r.minimum}); nothing changed`);
    console.log(inUse(r));
    return;
  }
  if (r.status === "cannot-evaluate") {
    console.log(r.message);
    console.log(inUse(r));
    return;
  }
  const rows: [string, { logLoss: number; rmseBins: number }][] = [["default", r.defaults]];
  if (r.current) rows.push(["in use before", r.current]);
  rows.push(["optimised", r.optimised]);
  console.log(`\n${"weights".padEnd(15)}${"log loss".padStart(10)}${"RMSE(bins)".padStart(12)}`);
  for (const [name, e] of rows) console.log(`${name.padEnd(15)}${e.logLoss.toFixed(4).padStart(10)}${e.rmseBins.toFixed(4).padStart(12)}`);
  console.log(`\noptimised weights: ${r.optimisedWeights.join(", ")}`);
  const verdict =
    r.reason === "better"
      ? r.dryRun
        ? "dry run: these would be adopted (lower log loss); nothing changed"
        : "adopted: lower log loss than the defaults and the weights in use; scheduling now uses them"
      : r.reason === "unchanged"
        ? "not adopted: the optimiser gave back the defaults; nothing changed"
        : "not adopted: log loss is not lower; the current weights stay";
  console.log(verdict);
  console.log(inUse(r));
}

const url = databaseUrl();
const db = createDb(url);
try {
  migrate(url);
  print(await optimizeWeights(db, { now: new Date(), dryRun }));
} catch (err) {
  console.error(`FSRS optimisation failed, nothing was changed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
