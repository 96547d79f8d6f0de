import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { LocalTime } from "@/components/local-time";
import { RestoreCardButton } from "../restore-card-button";
import { recentAttemptsForNote } from "@/lib/db/attempts";
import { getDb } from "@/lib/db/client";
import { getNote } from "@/lib/db/queries";
import { idFromSlug } from "@/lib/http/path-segments";
import { messages } from "@/lib/i18n/messages";
import { isBuried, isSetAside } from "@/lib/srs/queue";
import { getPrefs } from "@/lib/i18n/prefs";
import { ownValue } from "@/lib/own-key";

export const dynamic = "force-dynamic";

/** A card's question as a short plain label (for a button's accessible name): no Markdown or TeX markers. */
function plainLabel(markdown: string): string {
  const text = markdown.replace(/\$+/g, "").replace(/[*_`=#>]+/g, "").replace(/\\([a-zA-Z]+)/g, "$1").replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

const href = (base: string, id: string) => `${base}/${id.split("/").map(encodeURIComponent).join("/")}`;

export default async function NotePage({ params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const id = idFromSlug(slug) ?? notFound();
  const db = getDb();
  const now = new Date();
  const [note, prefs] = await Promise.all([getNote(db, id, now), getPrefs()]);
  if (!note) notFound();
  const m = messages(prefs.locale);
  const exerciseCount = note.cardList.filter((c) => c.exercise).length;
  const [related, attempts] = await Promise.all([
    Promise.all(note.relatedOutlines.map((r) => getNote(db, r, new Date()))).then((ns) => ns.filter((n) => n !== null)),
    exerciseCount ? recentAttemptsForNote(db, note.id) : Promise.resolve([]),
  ]);
  const exerciseTitle = (cardId: string) => note.cardList.find((c) => c.id === cardId)?.exercise?.title ?? cardId;
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
      <p className="actions">
        {exerciseCount ? (
          <Link className="button" href={href("/exercise", note.id)} data-testid="exercises-link">
            {m.note.exercises(exerciseCount)}
          </Link>
        ) : null}
        {note.cards ? (
          <Link className="button" href={`/cram?note=${encodeURIComponent(note.id)}`} data-testid="cram-note">
            {m.cram.cramThis}
          </Link>
        ) : null}
      </p>
      <Markdown source={note.prose} className="prose" />
      <h2 id="cards">{m.note.cardsHeading(note.cards)}</h2>
      {note.cardList.length === 0 ? (
        <p className="muted">{m.note.noCards}</p>
      ) : (
        <ul className="card-list">
          {note.cardList.map((c) => (
            <li key={c.id} data-card-id={c.id}>
              {isSetAside(c, now) || c.leech ? (
                <p className="card-flags">
                  {c.suspended ? (
                    <>
                      <span className="tag" data-testid="flag-suspended">{m.note.suspended}</span> <RestoreCardButton cardId={c.id} cardLabel={plainLabel(c.front)} kind="unsuspend" />
                    </>
                  ) : null}
                  {isBuried(c, now) ? (
                    <>
                      <span className="tag" data-testid="flag-buried">{m.note.buried}</span> <RestoreCardButton cardId={c.id} cardLabel={plainLabel(c.front)} kind="unbury" />
                    </>
                  ) : null}
                  {c.leech ? <span className="tag leech" data-testid="flag-leech">{m.note.leech}</span> : null}
                </p>
              ) : null}
              <Markdown source={c.front} className="q" />
              {c.kind === "exercise" ? <p className="a muted">{m.note.liveExercise}</p> : <Markdown source={c.back} className="a" />}
            </li>
          ))}
        </ul>
      )}
      {attempts.length ? (
        <>
          <h2>{m.note.recentAttempts}</h2>
          <ul className="attempts" data-testid="attempts">
            {attempts.map((a) => (
              <li key={a.id}>
                <LocalTime iso={a.createdAt.toISOString()} /> · {exerciseTitle(a.cardId)} · <strong>{ownValue(m.note.verdicts, a.verdict) ?? a.verdict}</strong>
                {a.input ? (
                  <>
                    {" "}
                    · <code>{a.input}</code>
                  </>
                ) : null}{" "}
                ·{" "}
                <Link href={`${href("/exercise", note.id)}?card=${encodeURIComponent(a.cardId)}&seed=${a.seed}&level=${a.params.difficulty}`}>{m.note.showAgain}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
