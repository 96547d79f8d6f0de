"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise/exercise-runner";
import { useLocale, useMessages } from "@/components/i18n";
import { formatDuration } from "@/lib/i18n/interval";
import { CardFace, GradeButtons, ShowAnswer, type GradeValue } from "@/components/flashcard";
import { KeyList } from "@/components/key-list";
import { gradeOf, useStudyKeys } from "@/components/study-keys";
import type { DrawnExercise } from "@/lib/exercises/server";
import { suggestedGrade } from "@/lib/srs/exercise-grade";

export interface CramCardView {
  id: string;
  noteTitle: string;
  frontHtml: string;
  backHtml: string;
  exercise: DrawnExercise | null;
}


/** Where a card graded Again / Hard goes back into the queue (positions ahead). */
const REQUEUE: Record<GradeValue, number | null> = { 1: 3, 2: 8, 3: null, 4: null };

function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Cram: the chosen cards in random order, same keys as review (Space/Enter
 * shows the answer, 1–4 grade, ? keys). Again and Hard send the card back a
 * few places; Good and Easy retire it for this session. Nothing is sent to
 * the server except exercise answers (stored as attempts with context "exercise"), so the
 * schedule cannot change.
 */
export function CramSession({ title, cards }: { title: string; cards: CramCardView[] }) {
  const m = useMessages();
  const locale = useLocale();
  const [queue, setQueue] = useState<CramCardView[]>(() => cards);
  const [round, setRound] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [suggested, setSuggested] = useState<GradeValue>(3);
  const [tally, setTally] = useState<[number, number, number, number]>([0, 0, 0, 0]);
  const firstTry = useRef(new Map<string, GradeValue>());
  const started = useRef(Date.now());
  const [elapsed, setElapsed] = useState(0);

  // Shuffle on the client only (the server render keeps note order, so hydration matches).
  useEffect(() => {
    setQueue(shuffled(cards));
  }, [cards, round]);

  const card = queue[0] ?? null;
  const grade = useCallback(
    (g: GradeValue) => {
      if (!card || !revealed) return;
      if (!firstTry.current.has(card.id)) firstTry.current.set(card.id, g);
      setTally((t) => t.map((x, i) => (i === g - 1 ? x + 1 : x)) as typeof t);
      const rest = queue.slice(1);
      const back = REQUEUE[g];
      if (back === null && rest.length === 0) setElapsed(Date.now() - started.current);
      setQueue(back === null ? rest : [...rest.slice(0, back), card, ...rest.slice(back)]);
      setRevealed(false);
      setSuggested(3);
    },
    [card, revealed, queue],
  );

  const { showKeys, toggleKeys } = useStudyKeys((key) => {
    const g = gradeOf(key);
    if (!card) return false;
    if (key === "answer" && !revealed && !card.exercise) setRevealed(true);
    else if (key === "answer" && revealed) grade(suggested);
    else if (g && revealed) grade(g);
    else return false;
    return true;
  });

  const right = useMemo(() => [...firstTry.current.values()].filter((g) => g >= 3).length, [tally]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!card) {
    return (
      <section data-testid="cram-done">
        <h1>{m.cram.doneTitle}</h1>
        <p>
          {title} — {m.cram.summary(cards.length, formatDuration(elapsed / 1000, locale))}{" "}
          <strong data-testid="cram-first-right">
            {right}/{cards.length}
          </strong>{" "}
          {m.cram.once}.
        </p>
        <ul className="inline-list" data-testid="cram-tally">
          {m.review.grades.map((label, i) => (
            <li key={label}>
              {label}: {tally[i]}
            </li>
          ))}
        </ul>
        <p className="muted">{m.cram.untouched}</p>
        <div className="actions">
          <button
            className="primary"
            onClick={() => {
              firstTry.current.clear();
              started.current = Date.now();
              setTally([0, 0, 0, 0]);
              setRound((r) => r + 1);
            }}
          >
            {m.cram.restart}
          </button>
          <Link className="button" href="/cram">
            {m.cram.choose}
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section data-testid="cram">
      <div className="review-meta">
        <span>
          {m.cram.title}: {title}
          {title !== card.noteTitle ? ` · ${card.noteTitle}` : null}
        </span>
        <span data-testid="cram-left">{m.cram.left(queue.length)}</span>
      </div>
      <p className="muted small">{m.cram.intro}</p>
      <div className="review-card" data-testid="review-card" data-card-id={card.id}>
        {card.exercise ? (
          <ExerciseRunner
            key={`${card.id}-${tally.join()}`}
            initial={card.exercise}
            context="exercise"
            allowNewVariant={false}
            onDone={(r: ExerciseResult) => {
              setSuggested(suggestedGrade(r));
              setRevealed(true);
            }}
          />
        ) : (
          <CardFace frontHtml={card.frontHtml} backHtml={card.backHtml} revealed={revealed} />
        )}
      </div>
      {revealed ? (
        <GradeButtons onGrade={grade} highlight={card.exercise ? suggested : null}>
          {m.cram.again}
        </GradeButtons>
      ) : card.exercise ? null : (
        <ShowAnswer onClick={() => setRevealed(true)} />
      )}
      <KeyList rows={m.cram.keys} open={showKeys} onToggle={toggleKeys} />
    </section>
  );
}
