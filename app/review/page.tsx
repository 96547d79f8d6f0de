import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { renderMarkdown } from "@/lib/content/render";
import { getDb } from "@/lib/db/client";
import { nextDueCard, reviewCounts } from "@/lib/db/queries";
import { scheduler } from "@/lib/srs/config";
import { formatInterval, GRADES, previewDue } from "@/lib/srs/schedule";
import { ReviewSession } from "./review-session";

export const dynamic = "force-dynamic";

export default async function ReviewPage() {
  const now = new Date();
  const db = getDb();
  const [card, counts] = await Promise.all([nextDueCard(db, now), reviewCounts(db, now)]);
  if (!card) {
    return (
      <section className="empty" data-testid="nothing-due">
        <h1>Nothing due</h1>
        {counts.nextDue ? (
          <p>
            Next card due <LocalTime iso={counts.nextDue.toISOString()} />.
          </p>
        ) : (
          <p className="muted">There are no cards yet.</p>
        )}
        <p className="muted">
          Press <kbd>u</kbd> to undo your last grade.
        </p>
        <ReviewSession card={null} />
        <Link href="/">Back home</Link>
      </section>
    );
  }
  const due = previewDue(scheduler, card.schedule, now);
  const intervals = GRADES.map((g) => formatInterval(due[g].getTime() - now.getTime()));
  return (
    <ReviewSession
      key={card.token}
      card={{
        id: card.id,
        token: card.token,
        noteTitle: card.noteTitle,
        kind: card.kind,
        frontHtml: renderMarkdown(card.front).html,
        backHtml: renderMarkdown(card.back).html,
        intervals,
      }}
      remaining={{ due: counts.due, new: counts.new }}
    />
  );
}
