import { firstBatch } from "./session-server";
import { ReviewSession } from "./review-session";

export const dynamic = "force-dynamic";

/** The first batch of today's queue; the browser holds it and asks for more as it goes (review-session.tsx). */
export default async function ReviewPage() {
  return <ReviewSession initial={await firstBatch()} />;
}
