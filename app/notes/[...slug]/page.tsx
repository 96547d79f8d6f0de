import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { getDb } from "@/lib/db/client";
import { getNote } from "@/lib/db/queries";

export const dynamic = "force-dynamic";

export default async function NotePage({ params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const id = slug.map(decodeURIComponent).join("/");
  const note = await getNote(getDb(), id, new Date());
  if (!note) notFound();
  return (
    <article lang={note.lang === "zh" ? "zh-CN" : "en"}>
      <p className="muted">
        {note.path} · {note.cards} cards{note.due ? ` · ${note.due} due` : ""} {note.tags.map((t) => <span key={t} className="tag">{t}</span>)}
      </p>
      <Markdown source={note.prose} className="prose" />
      <h2 id="cards">Cards ({note.cards})</h2>
      {note.cardList.length === 0 ? (
        <p className="muted">This note has no cards.</p>
      ) : (
        <ul className="card-list">
          {note.cardList.map((c) => (
            <li key={c.id} data-card-id={c.id}>
              <Markdown source={c.front} className="q" />
              {c.kind === "quiz" ? <p className="a muted">Live exercise ({c.quiz?.generator}): a fresh instance is drawn in review.</p> : <Markdown source={c.back} className="a" />}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/">← All notes</Link>
      </p>
    </article>
  );
}
