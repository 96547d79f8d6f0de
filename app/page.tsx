import Link from "next/link";
import { Suspense } from "react";
import { LocalTime } from "@/components/local-time";
import { HomeProgress, HomeProgressLoading } from "@/components/progress/home-progress";
import { getDb } from "@/lib/db/client";
import { listNotes, reviewCounts } from "@/lib/db/queries";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/prefs/server";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const now = new Date();
  const db = getDb();
  const prefs = await getPrefs();
  const m = messages(prefs.locale);
  const [counts, notes] = await Promise.all([reviewCounts(db, now, prefs.study), listNotes(db, now, prefs.study)]);
  return (
    <>
      <h1>{m.home.title}</h1>
      <section className="stats" aria-label={m.home.today}>
        <div className="stat">
          <div className="value" data-testid="due-count">{counts.due}</div>
          <div className="label">{m.home.dueNow}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="new-count">{counts.new}</div>
          <div className="label">{m.home.new}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="total-count">{counts.total}</div>
          <div className="label">{m.home.cardsInAll}</div>
        </div>
      </section>
      {counts.due + counts.new > 0 ? (
        <Link href="/review" className="button primary">
          {m.home.startReview}
        </Link>
      ) : counts.nextDue ? (
        <p className="muted" data-testid="next-due">
          {m.home.nothingDueNext} <LocalTime iso={counts.nextDue.toISOString()} />
        </p>
      ) : null}
      <p className="muted small" data-testid="studying">
        {m.home.studying} {prefs.study.map((l) => messages(l).languageName).join(", ")} · <Link href="/settings">{m.home.change}</Link>
      </p>
      <Suspense fallback={<HomeProgressLoading locale={prefs.locale} />}>
        <HomeProgress locale={prefs.locale} langs={prefs.study} />
      </Suspense>
      <h2>{m.home.notes}</h2>
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
