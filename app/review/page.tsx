import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { renderMarkdown } from "@/lib/content/render";
import { getDb } from "@/lib/db/client";
import { nextDueCard, reviewCounts } from "@/lib/db/queries";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/prefs/server";
import { drawnExercise, newSeed } from "@/lib/quiz/exercise";
import { scheduler } from "@/lib/srs/config";
import { formatInterval, GRADES, previewDue } from "@/lib/srs/schedule";
import { ReviewSession } from "./review-session";

export const dynamic = "force-dynamic";

export default async function ReviewPage() {
  const now = new Date();
  const db = getDb();
  const prefs = await getPrefs();
  const m = messages(prefs.locale);
  const [card, counts] = await Promise.all([nextDueCard(db, now, prefs.study), reviewCounts(db, now, prefs.study)]);
  if (!card) {
    return (
      <section className="empty" data-testid="nothing-due">
        <h1>{m.review.nothingDue}</h1>
        {counts.nextDue ? (
          <p>
            {m.review.nextDue} <LocalTime iso={counts.nextDue.toISOString()} />.
          </p>
        ) : (
          <p className="muted">{m.review.noCards}</p>
        )}
        <p className="muted">
          {m.review.press} <kbd>u</kbd> {m.review.undoHint}
        </p>
        <ReviewSession card={null} />
        <Link href="/">{m.review.backHome}</Link>
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
        exercise: card.quiz ? drawnExercise(card.id, card.quiz, newSeed()) : null,
      }}
      remaining={{ due: counts.due, new: counts.new }}
    />
  );
}
