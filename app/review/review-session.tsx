"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
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
}

const GRADE_LABELS = ["Again", "Hard", "Good", "Easy"] as const;

/**
 * One card at a time, Anki keys: Space/Enter shows the answer, 1–4 grade,
 * u undoes the last grade. The server re-renders the page with the next card.
 */
export function ReviewSession({ card, remaining }: { card: ShownCard | null; remaining?: { due: number; new: number } }) {
  const [revealed, setRevealed] = useState(false);
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
        setError(r.error ?? "Something went wrong.");
        busy.current = false;
      } else setError(null);
    });
  }, []);

  const grade = useCallback(
    (rating: 1 | 2 | 3 | 4) => {
      if (!card || !revealed) return;
      const durationMs = Date.now() - shownAt.current;
      run(() => gradeAction({ cardId: card.id, token: card.token, rating, durationMs }));
    },
    [card, revealed, run],
  );

  const undo = useCallback(() => run(() => undoAction()), [run]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
      if (e.key === "u") {
        e.preventDefault();
        undo();
      } else if (card && !revealed && (e.key === " " || e.key === "Enter")) {
        e.preventDefault();
        setRevealed(true);
      } else if (card && revealed && ["1", "2", "3", "4"].includes(e.key)) {
        e.preventDefault();
        grade(Number(e.key) as 1 | 2 | 3 | 4);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [card, revealed, grade, undo]);

  if (!card) return error ? <p className="error" role="alert">{error}</p> : null;
  return (
    <section aria-busy={pending}>
      <div className="review-meta">
        <span>{card.noteTitle}</span>
        {remaining ? (
          <span data-testid="remaining">
            {remaining.due} due · {remaining.new} new
          </span>
        ) : null}
      </div>
      <div className="review-card" data-testid="review-card" data-card-id={card.id}>
        <div className="front" dangerouslySetInnerHTML={{ __html: card.frontHtml }} />
        {revealed ? <div className="answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: card.backHtml }} /> : null}
      </div>
      {revealed ? (
        <div className="grades" role="group" aria-label="Grade your answer">
          {GRADE_LABELS.map((label, i) => (
            <button key={label} className={label.toLowerCase()} disabled={pending} onClick={() => grade((i + 1) as 1 | 2 | 3 | 4)}>
              <span>
                {label} <kbd>{i + 1}</kbd>
              </span>
              <span className="interval">{card.intervals[i]}</span>
            </button>
          ))}
        </div>
      ) : (
        <div className="actions">
          <button className="primary" onClick={() => setRevealed(true)}>
            Show answer <kbd>Space</kbd>
          </button>
        </div>
      )}
      <div className="actions">
        <button onClick={undo} disabled={pending}>
          Undo <kbd>u</kbd>
        </button>
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </section>
  );
}
