import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getNote } from "@/lib/db/queries";
import { idFromSlug } from "@/lib/http/path-segments";
import { messages } from "@/lib/i18n/messages";
import { noteLocale } from "@/lib/i18n/locale";
import { getPrefs } from "@/lib/i18n/prefs";
import { newSeed, tryDrawnExercise } from "@/lib/exercises/server";
import { ExerciseRun } from "./exercise-run";

export const dynamic = "force-dynamic";

const LEVELS = [
  { value: "", key: "asWritten" },
  { value: "1", key: "gentle" },
  { value: "2", key: "standard" },
  { value: "3", key: "hard" },
] as const;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A run through the live exercises of one note, each drawn fresh.
 * `?level=1|2|3` overrides every item's difficulty; `?card=ID&seed=N` shows
 * one stored instance again (the seed of a past attempt).
 */
export default async function ExercisePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  // A malformed path is a 404 before the database is touched.
  const id = idFromSlug(slug) ?? notFound();
  const [note, prefs] = await Promise.all([getNote(getDb(), id, new Date()), getPrefs()]);
  const m = messages(prefs.locale);
  if (!note) notFound();
  const levelParam = one(query.level);
  const level = levelParam && /^[123]$/.test(levelParam) ? Number(levelParam) : undefined;
  const onlyCard = one(query.card);
  const seedParam = Number(one(query.seed));
  const replaySeed = Number.isInteger(seedParam) && seedParam >= 1 && seedParam < 2 ** 31 ? seedParam : undefined;
  const exerciseCards = note.cardList.filter((c) => c.exercise && (!onlyCard || c.id === onlyCard));
  const drawn = exerciseCards.map((c) => ({ card: c, item: tryDrawnExercise(c.id, c.exercise!, (onlyCard && replaySeed) || newSeed(), noteLocale(note.lang), level ?? c.exercise!.difficulty) }));
  const items = drawn.flatMap((d) => (d.item ? [d.item] : []));
  // Exercises that cannot be drawn are named, not a 500: the others still run.
  const broken = drawn.filter((d) => !d.item).map((d) => d.card.exercise!.title ?? d.card.exercise!.generator);
  const noteHref = `/notes/${note.id.split("/").map(encodeURIComponent).join("/")}`;
  const exerciseHref = `/exercise/${note.id.split("/").map(encodeURIComponent).join("/")}`;
  return (
    <section lang={note.lang === "zh" ? "zh-CN" : "en"}>
      <p className="muted">
        <Link href={noteHref}>{note.title}</Link> · {m.exerciseRun.liveExercises} · {m.exerciseRun.scheduleNote} <Link href="/review">{m.nav.review}</Link>
      </p>
      <nav className="levels" aria-label={m.exerciseRun.levels.label}>
        {LEVELS.map((l) => {
          const active = (l.value === "" && level === undefined) || l.value === String(level);
          return (
            <Link key={l.value} href={l.value ? `${exerciseHref}?level=${l.value}` : exerciseHref} aria-current={active ? "page" : undefined} className={active ? "active" : undefined}>
              {m.exerciseRun.levels[l.key]}
            </Link>
          );
        })}
      </nav>
      {broken.length ? (
        <p className="error" role="alert" data-testid="broken-exercises">
          {m.exerciseRun.broken(broken.join(", "))}
        </p>
      ) : null}
      {items.length === 0 ? (
        broken.length ? null : <p className="empty">{onlyCard ? m.exerciseRun.gone : m.exerciseRun.noExercises}</p>
      ) : (
        <ExerciseRun items={items} noteHref={noteHref} />
      )}
    </section>
  );
}
