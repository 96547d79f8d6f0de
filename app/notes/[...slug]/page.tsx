import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { getDb } from "@/lib/db/client";
import { getNote } from "@/lib/db/queries";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/prefs/server";

export const dynamic = "force-dynamic";

const href = (base: string, id: string) => `${base}/${id.split("/").map(encodeURIComponent).join("/")}`;

export default async function NotePage({ params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const id = slug.map(decodeURIComponent).join("/");
  const db = getDb();
  const [note, prefs] = await Promise.all([getNote(db, id, new Date()), getPrefs()]);
  if (!note) notFound();
  const m = messages(prefs.locale);
  const quizCount = note.cardList.filter((c) => c.quiz).length;
  const related = (await Promise.all(note.relatedOutlines.map((r) => getNote(db, r, new Date())))).filter((n) => n !== null);
  return (
    <article lang={note.lang === "zh" ? "zh-CN" : "en"}>
      <p className="muted">
        {note.path} · {m.home.cards(note.cards)}
        {note.due ? ` · ${m.home.due(note.due)}` : ""}{" "}
        {note.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </p>
      {quizCount ? (
        <p>
          <Link className="button" href={href("/quiz", note.id)} data-testid="practise">
            {m.note.practise(quizCount)}
          </Link>
        </p>
      ) : null}
      <Markdown source={note.prose} className="prose" />
      <h2 id="cards">{m.note.cardsHeading(note.cards)}</h2>
      {note.cardList.length === 0 ? (
        <p className="muted">{m.note.noCards}</p>
      ) : (
        <ul className="card-list">
          {note.cardList.map((c) => (
            <li key={c.id} data-card-id={c.id}>
              <Markdown source={c.front} className="q" />
              {c.kind === "quiz" ? <p className="a muted">{m.note.liveExercise(c.quiz?.generator ?? "")}</p> : <Markdown source={c.back} className="a" />}
            </li>
          ))}
        </ul>
      )}
      {related.length ? (
        <>
          <h2>{m.note.related}</h2>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <Link href={href("/notes", r.id)}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link href="/">{m.note.allNotes}</Link>
      </p>
    </article>
  );
}
