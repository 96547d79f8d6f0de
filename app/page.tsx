import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { listNotes, reviewCounts } from "@/lib/db/queries";
import { LocalTime } from "@/components/local-time";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const now = new Date();
  const db = getDb();
  const [counts, notes] = await Promise.all([reviewCounts(db, now), listNotes(db, now)]);
  return (
    <>
      <h1>Vanishing &amp; exploding gradients</h1>
      <section className="stats" aria-label="Today">
        <div className="stat">
          <div className="value" data-testid="due-count">{counts.due}</div>
          <div className="label">due now</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="new-count">{counts.new}</div>
          <div className="label">new</div>
        </div>
        <div className="stat">
          <div className="value">{counts.total}</div>
          <div className="label">cards in all</div>
        </div>
      </section>
      {counts.due + counts.new > 0 ? (
        <Link href="/review" className="button primary">
          Start review
        </Link>
      ) : counts.nextDue ? (
        <p className="muted">
          Nothing due. Next card: <LocalTime iso={counts.nextDue.toISOString()} />
        </p>
      ) : null}
      <h2>Notes</h2>
      {notes.length === 0 ? (
        <p className="muted">No notes loaded yet. Add Markdown files to content/ and run <code>npm run content:sync</code>.</p>
      ) : (
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <span>
                <Link href={`/notes/${n.id.split("/").map(encodeURIComponent).join("/")}`}>{n.title}</Link>{" "}
                <span className="tag">{n.lang}</span>
              </span>
              <span className="muted">
                {n.cards} cards{n.due ? ` · ${n.due} due` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
