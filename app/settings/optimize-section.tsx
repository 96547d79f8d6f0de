import { getDb } from "@/lib/db/client";
import { optimizeSummary } from "@/lib/db/optimize-weights";
import { OptimizePanel } from "./optimize-panel";

/** Settings: fit the FSRS parameters to the learner's own review log. */
export async function OptimizeSection() {
  const summary = await optimizeSummary(getDb());
  return <OptimizePanel initial={summary} />;
}
