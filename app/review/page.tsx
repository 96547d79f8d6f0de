import { cookies } from "next/headers";
import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { renderMarkdown } from "@/lib/content/render";
import { getDb } from "@/lib/db/client";
import { nextDueCard, sessionCounts } from "@/lib/db/queries";
import { getSettings } from "@/lib/db/settings";
import { formatInterval } from "@/lib/i18n/interval";
import { messages } from "@/lib/i18n/messages";
import { limitedByDailyLimits } from "@/lib/srs/queue";
import { getPrefs } from "@/lib/i18n/prefs";
import { newSeed, tryDrawnExercise } from "@/lib/exercises/server";
import { schedulerFor } from "@/lib/srs/config";
import { GRADES, previewDue } from "@/lib/srs/schedule";
import { ReviewSession } from "./review-session";
import { UNDONE_COOKIE } from "./undone-cookie";

export const dynamic = "force-dynamic";

export default async function ReviewPage() {
  const now = new Date();
  const db = getDb();
  const [prefs, settings] = await Promise.all([getPrefs(), getSettings(db)]);
  const m = messages(prefs.locale);
  const session = await sessionCounts(db, now, settings, prefs.study);
  // The card an undo just restored comes first, as in Anki.
  const preferId = (await cookies()).get(UNDONE_COOKIE.name)?.value;
  const card = await nextDueCard(db, now, prefs.study, session, preferId);
  const header = { counts: session.counts, done: session.done.total, progress: session.progress };
  if (!card) {
    // Cards left but held back by the daily limits?
    const limited = limitedByDailyLimits(session);
    return (
      <section className="empty" data-testid="nothing-due">
        <h1>{limited ? m.review.doneForToday : m.review.nothingDue}</h1>
        {limited ? (
          <p data-testid="limit-reached">{m.review.limitReached}</p>
        ) : session.nextDue ? (
          <p>
            {m.review.nextDue} <LocalTime iso={session.nextDue.toISOString()} />.
          </p>
        ) : (
          <p className="muted">{m.review.noCards}</p>
        )}
        <p className="muted">
          {m.review.press} <kbd>u</kbd> {m.review.undoHint}
        </p>
        <ReviewSession card={null} header={header} />
        <Link href="/">{m.review.backHome}</Link>
      </section>
    );
  }
  const scheduler = schedulerFor(settings);
  const due = previewDue(scheduler, card.schedule, now, card.id);
  const intervals = GRADES.map((g) => formatInterval(due[g].getTime() - now.getTime(), prefs.locale));
  // A card whose exercise cannot be drawn is shown as an error card the learner can bury or suspend.
  const exercise = card.exercise ? tryDrawnExercise(card.id, card.exercise, newSeed(), card.noteLocale) : null;
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
        exercise,
        brokenMessage: card.exercise && !exercise ? m.review.brokenCard : null,
      }}
      header={header}
    />
  );
}
