import "server-only";
import type { LoggedReview } from "@/lib/srs/optimize";
import type { Db } from "./client";

/** Every grade in the review log, per card in time order (what the FSRS optimiser learns from). */
export async function readReviewHistory(db: Db): Promise<LoggedReview[]> {
  return db.reviewLog.findMany({
    select: { cardId: true, rating: true, state: true, reviewedAt: true },
    orderBy: [{ cardId: "asc" }, { reviewedAt: "asc" }, { id: "asc" }],
  });
}
