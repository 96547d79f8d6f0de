import Link from "next/link";
import { renderMarkdown } from "@/lib/content/render";
import { getDb } from "@/lib/db/client";
import { cramCards, listNotes, listTags } from "@/lib/db/queries";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { newSeed, tryDrawnExercise } from "@/lib/exercises/server";
import { CramSession } from "./cram-session";

export const dynamic = "force-dynamic";

/** Cram mode: /cram lists notes and tags; /cram?note=ID or ?tag=TAG drills them without touching the schedule. */
export default async function CramPage({ searchParams }: { searchParams: Promise<{ note?: string; tag?: string }> }) {
  const { note, tag } = await searchParams;
  const db = getDb();
  const prefs = await getPrefs();
  const m = messages(prefs.locale);
  if (!note && !tag) {
    const [notes, tags] = await Promise.all([listNotes(db, new Date(), prefs.study), listTags(db, prefs.study)]);
    return (
      <section data-testid="cram-chooser">
        <h1>{m.cram.title}</h1>
        <p className="muted">{m.cram.intro}</p>
        <h2>{m.cram.byNote}</h2>
        {notes.length === 0 ? <p className="muted">{m.home.noNotes}</p> : null}
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <Link href={`/cram?note=${encodeURIComponent(n.id)}`}>{n.title}</Link>
              <span className="muted">{m.cram.cards(n.cards)}</span>
            </li>
          ))}
        </ul>
        {tags.length ? (
          <>
            <h2>{m.cram.byTag}</h2>
            <p>
              {tags.map((t) => (
                <Link key={t.tag} className="tag" href={`/cram?tag=${encodeURIComponent(t.tag)}`}>
                  {t.tag} ({t.cards})
                </Link>
              ))}
            </p>
          </>
        ) : null}
      </section>
    );
  }
  const cards = await cramCards(db, note ? { noteId: note } : { tag: tag! }, prefs.study);
  if (cards.length === 0) {
    return (
      <section className="empty" data-testid="cram-empty">
        <h1>{m.cram.title}</h1>
        <p>{m.cram.nothing}</p>
        <Link href="/cram">{m.cram.choose}</Link>
      </section>
    );
  }
  const title = note ? cards[0]!.noteTitle : `#${tag}`;
  return (
    <CramSession
      title={title}
      cards={cards.map((c) => {
        const exercise = c.exercise ? tryDrawnExercise(c.id, c.exercise, newSeed(), c.noteLocale) : null;
        // An exercise that cannot be drawn becomes a card saying so: the drill goes on past it.
        const broken = c.exercise && !exercise ? `<p class="error" role="alert" data-testid="broken-card">${escapeHtml(m.review.brokenCard)}</p>` : null;
        return {
          id: c.id,
          noteTitle: c.noteTitle,
          frontHtml: broken ?? renderMarkdown(c.front).html,
          backHtml: broken ?? renderMarkdown(c.back).html,
          exercise,
        };
      })}
    />
  );
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
