"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise-runner";
import { useMessages } from "@/components/i18n";
import type { DrawnExercise } from "@/lib/quiz/exercise";
import { suggestedGrade } from "@/lib/srs/quiz-grade";
import { gradeAction, undoAction } from "./actions";

export interface ShownCard {
  id: string;
  token: string;
  noteTitle: string;
  kind: string;
  frontHtml: string;
  backHtml: string;
  /** Interval previews for Again, Hard, Good, Easy. */
  intervals: string[];
  /** A fresh instance when the card is a live exercise. */
  exercise: DrawnExercise | null;
}

type GradeValue = 1 | 2 | 3 | 4;
/** CSS classes of the four grade buttons (colours), whatever the interface language. */
const GRADE_CLASSES = ["again", "hard", "good", "easy"] as const;

/**
 * One card at a time, Anki keys: Space/Enter shows the answer (and on the
 * answer side takes the default grade), 1–4 grade, u undoes the last grade.
 * A live exercise is answered first; its verdict suggests the grade, which the
 * learner may override before it is saved. The server then re-renders the
 * page with the next card.
 */
export function ReviewSession({ card, remaining }: { card: ShownCard | null; remaining?: { due: number; new: number } }) {
  const m = useMessages();
  const [revealed, setRevealed] = useState(false);
  const [suggested, setSuggested] = useState<GradeValue>(3);
  const [showKeys, setShowKeys] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const shownAt = useRef(Date.now());
  // Guards against a second key press before the first grade has landed.
  const busy = useRef(false);

  useEffect(() => {
    shownAt.current = Date.now();
    busy.current = false;
  }, [card?.token]);

  const run = useCallback((action: () => Promise<{ ok: boolean; error?: string }>) => {
    if (busy.current) return;
    busy.current = true;
    startTransition(async () => {
      const r = await action();
      if (!r.ok) {
        setError(r.error ?? m.review.failed);
        busy.current = false;
      } else setError(null);
    });
  }, [m]);

  const grade = useCallback(
    (rating: GradeValue) => {
      if (!card || !revealed) return;
      const durationMs = Date.now() - shownAt.current;
      run(() => gradeAction({ cardId: card.id, token: card.token, rating, durationMs }));
    },
    [card, revealed, run],
  );

  const undo = useCallback(() => run(() => undoAction()), [run]);

  const exerciseDone = useCallback((r: ExerciseResult) => {
    setSuggested(suggestedGrade(r));
    setRevealed(true);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA") return;
      // A focused button handles its own Space/Enter.
      if (tag === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
      if (e.key === "?") {
        e.preventDefault();
        setShowKeys((v) => !v);
      } else if (e.key === "Escape") {
        setShowKeys(false);
      } else if (e.key === "u") {
        e.preventDefault();
        undo();
      } else if (card && !revealed && !card.exercise && (e.key === " " || e.key === "Enter")) {
        e.preventDefault();
        setRevealed(true);
      } else if (card && revealed && (e.key === " " || e.key === "Enter")) {
        e.preventDefault();
        grade(suggested);
      } else if (card && revealed && ["1", "2", "3", "4"].includes(e.key)) {
        e.preventDefault();
        grade(Number(e.key) as GradeValue);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [card, revealed, grade, undo, suggested]);

  if (!card) return error ? <p className="error" role="alert">{error}</p> : null;
  return (
    <section aria-busy={pending}>
      <div className="review-meta">
        <span>{card.noteTitle}</span>
        {remaining ? (
          <span data-testid="remaining">{m.review.remaining(remaining.due, remaining.new)}</span>
        ) : null}
      </div>
      <div className="review-card" data-testid="review-card" data-card-id={card.id} data-kind={card.kind}>
        {card.exercise ? (
          <ExerciseRunner initial={card.exercise} context="review" onDone={exerciseDone} allowNewVariant={false} />
        ) : (
          <>
            <div className="front" dangerouslySetInnerHTML={{ __html: card.frontHtml }} />
            {revealed ? <div className="answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: card.backHtml }} /> : null}
          </>
        )}
      </div>
      {revealed ? (
        <div className="grades" role="group" aria-label={m.review.gradeGroup}>
          {m.review.grades.map((label, i) => (
            <button
              key={label}
              className={`${GRADE_CLASSES[i]}${card.exercise && suggested === i + 1 ? " suggested" : ""}`}
              disabled={pending}
              onClick={() => grade((i + 1) as GradeValue)}
              data-testid={`grade-${i + 1}`}
            >
              <span>
                {label} <kbd>{i + 1}</kbd>
              </span>
              <span className="interval">{card.intervals[i]}</span>
            </button>
          ))}
          {card.exercise ? (
            <p className="muted small" style={{ gridColumn: "1 / -1" }} data-testid="suggested">
              {m.review.suggested} <strong>{m.review.grades[suggested - 1]}</strong> — {m.review.acceptOrChoose[0]} <kbd>Enter</kbd> {m.review.acceptOrChoose[1]}{" "}
              <kbd>1</kbd>–<kbd>4</kbd> {m.review.acceptOrChoose[2]}
            </p>
          ) : null}
        </div>
      ) : card.exercise ? null : (
        <div className="actions">
          <button className="primary" onClick={() => setRevealed(true)}>
            {m.review.showAnswer} <kbd>Space</kbd>
          </button>
        </div>
      )}
      <div className="actions">
        <button onClick={undo} disabled={pending}>
          {m.review.undo} <kbd>u</kbd>
        </button>
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <p className="muted small">
        <button type="button" className="link" onClick={() => setShowKeys((v) => !v)} aria-expanded={showKeys}>
          {m.review.keysTitle} <kbd>?</kbd>
        </button>
      </p>
      {showKeys ? (
        <table className="keys" data-testid="keys">
          <caption>{m.review.keysTitle}</caption>
          <tbody>
            {m.review.keys.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
