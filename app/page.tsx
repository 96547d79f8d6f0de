import Link from "next/link";
import { Suspense } from "react";
import { LocalTime } from "@/components/local-time";
import { HomeProgress, HomeProgressLoading } from "@/components/progress/home-progress";
import { getDb } from "@/lib/db/client";
import { cardTotal, NOTES_PER_PAGE, notesPage } from "@/lib/db/queries";
import { todayCounts } from "@/lib/db/queue";
import { getSettings } from "@/lib/db/settings";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ notes?: string | string[] }> }) {
  const now = new Date();
  const db = getDb();
  const [prefs, settings, query] = await Promise.all([getPrefs(), getSettings(db), searchParams]);
  const m = messages(prefs.locale);
  const [session, total, list] = await Promise.all([
    todayCounts(db, { now, settings, langs: prefs.study }),
    cardTotal(db, prefs.study),
    notesPage(db, now, prefs.study, Number(query.notes) || 1),
  ]);
  const { notes } = list;
  const first = (list.page - 1) * NOTES_PER_PAGE + 1;
  const pageHref = (page: number) => (page === 1 ? "/#notes" : `/?notes=${page}#notes`);
  // What today's session will show, counted by the review session's own gathering (the numbers of its header).
  const dueToday = session.counts.learning + session.counts.review;
  return (
    <>
      <h1>{m.home.title}</h1>
      <section className="stats" aria-label={m.home.today}>
        <div className="stat">
          <div className="value" data-testid="due-count">{dueToday}</div>
          <div className="label">{m.home.dueNow}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="new-count">{session.counts.new}</div>
          <div className="label">{m.home.new}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="total-count">{total}</div>
          <div className="label">{m.home.cardsInAll}</div>
        </div>
      </section>
      {dueToday + session.counts.new > 0 ? (
        <Link href="/review" className="button primary">
          {m.home.startReview}
        </Link>
      ) : session.limited ? (
        <p className="muted" data-testid="limit-reached">
          {m.review.limitReached}
        </p>
      ) : session.nextDue ? (
        <p className="muted" data-testid="next-due">
          {m.home.nothingDueNext} <LocalTime iso={session.nextDue.toISOString()} />
        </p>
      ) : null}
      <p className="muted small" data-testid="studying">
        {m.home.studying} {prefs.study.map((l) => messages(l).languageName).join(", ")} · <Link href="/settings">{m.home.change}</Link>
      </p>
      <Suspense fallback={<HomeProgressLoading locale={prefs.locale} />}>
        <HomeProgress locale={prefs.locale} langs={prefs.study} />
      </Suspense>
      <h2 id="notes">{m.home.notes}</h2>
      {list.pages > 1 ? (
        <nav aria-label={m.home.notePages} className="muted small" data-testid="note-pages">
          {m.home.notesShown(first, first + notes.length - 1, list.total)}
          {list.page > 1 ? (
            <>
              {" · "}
              <Link href={pageHref(list.page - 1)} rel="prev">
                ← {m.home.previousPage}
              </Link>
            </>
          ) : null}
          {list.page < list.pages ? (
            <>
              {" · "}
              <Link href={pageHref(list.page + 1)} rel="next">
                {m.home.nextPage} →
              </Link>
            </>
          ) : null}
        </nav>
      ) : null}
      {notes.length === 0 ? (
        <p className="muted">{m.home.noNotes}</p>
      ) : (
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <span>
                <Link href={`/notes/${n.id.split("/").map(encodeURIComponent).join("/")}`} lang={messages(n.lang === "zh" ? "zh" : "en").htmlLang}>
                  {n.title}
                </Link>{" "}
                <span className="tag">{n.lang}</span>
              </span>
              <span className="muted">
                {m.home.cards(n.cards)}
                {n.due ? ` · ${m.home.due(n.due)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
