"use client";

import { ownValue } from "@/lib/own-key";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise/exercise-runner";
import { useMessages } from "@/components/i18n";
import { CardFace, GradeButtons, ShowAnswer, type GradeValue } from "@/components/flashcard";
import { isPageKey, KeyList } from "@/components/key-list";
import type { DrawnExercise } from "@/lib/exercises/server";
import { suggestedGrade } from "@/lib/srs/exercise-grade";
import type { QueueCounts } from "@/lib/srs/limits";
import { gradeAction, setAsideAction, undoAction, type ActionResult } from "./actions";
import { useNotice } from "./notice";

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
  /** Set when the card is a live exercise that cannot be drawn: the message to show instead (bury or suspend it to go on). */
  brokenMessage?: string | null;
}

export interface SessionHeader {
  /** What is left today after the daily limits. */
  counts: QueueCounts;
  /** Grades given today. */
  done: number;
  /** 0..1 */
  progress: number;
}

/**
 * One card at a time, Anki keys: Space/Enter shows the answer (and on the
 * answer side takes the default grade), 1–4 grade, b buries, s suspends,
 * u undoes the last grade, bury or suspend (repeatedly), ? lists the keys.
 * A live exercise is answered first; its verdict suggests the grade, which the
 * learner may override before it is saved. The server then re-renders the
 * page with the next card.
 */
export function ReviewSession({ card, header }: { card: ShownCard | null; header?: SessionHeader }) {
  const m = useMessages();
  const [, setNotice] = useNotice();
  const [revealed, setRevealed] = useState(false);
  const [suggested, setSuggested] = useState<GradeValue>(3);
  const [showKeys, setShowKeys] = useState(false);
  const [pending, startTransition] = useTransition();
  const shownAt = useRef(Date.now());
  // Guards against a second key press before the first grade has landed.
  const busy = useRef(false);

  useEffect(() => {
    shownAt.current = Date.now();
    busy.current = false;
  }, [card?.token]);

  /**
   * Runs a server action, one at a time (keys pressed meanwhile are ignored;
   * the server also applies a grade for one showing only once). `onOk` gives
   * the message to show about it; the page then re-renders with the next card.
   */
  const run = useCallback(
    (action: () => Promise<ActionResult>, onOk?: (r: ActionResult & { ok: true }) => string | null) => {
      // `busy` catches a second press in the same tick; `pending` lasts until the next card is on screen.
      if (busy.current || pending) return;
      busy.current = true;
      startTransition(async () => {
        try {
          const r = await action();
          if (!r.ok) setNotice({ text: ownValue(m.review.errors, r.error) ?? m.review.failed, error: true });
          else {
            const text = onOk?.(r) ?? null;
            setNotice(text ? { text, error: false } : null);
          }
        } catch {
          setNotice({ text: m.review.failed, error: true });
        } finally {
          // Also when the same card comes back (an undo can restore a card behind the one shown).
          busy.current = false;
        }
      });
    },
    [m, setNotice, pending],
  );

  const grade = useCallback(
    (rating: GradeValue) => {
      if (!card || !revealed) return;
      const durationMs = Date.now() - shownAt.current;
      run(() => gradeAction({ cardId: card.id, token: card.token, rating, durationMs }), (r) => (r.leech ? m.review.leech : null));
    },
    [card, revealed, run, m],
  );

  const setAside = useCallback(
    (kind: "bury" | "suspend") => {
      if (!card) return;
      run(() => setAsideAction({ cardId: card.id, token: card.token, kind }), () => (kind === "bury" ? m.review.buried : m.review.suspended));
    },
    [card, run, m],
  );

  const undo = useCallback(() => run(() => undoAction(), (r) => m.review.undone[r.undone ?? "grade"] ?? null), [run, m]);

  const exerciseDone = useCallback((r: ExerciseResult) => {
    setSuggested(suggestedGrade(r));
    setRevealed(true);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPageKey(e)) return;
      if (e.key === "?") {
        e.preventDefault();
        setShowKeys((v) => !v);
      } else if (e.key === "Escape") {
        setShowKeys(false);
      } else if (e.key === "u") {
        e.preventDefault();
        undo();
      } else if (card && (e.key === "b" || e.key === "s")) {
        e.preventDefault();
        setAside(e.key === "b" ? "bury" : "suspend");
      } else if (card && !revealed && !card.exercise && !card.brokenMessage && (e.key === " " || e.key === "Enter")) {
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
  }, [card, revealed, grade, undo, setAside, suggested]);

  // Messages and errors are shown by the review layout's NoticeProvider.
  if (!card) return null;
  const left = header ? header.counts.new + header.counts.learning + header.counts.review : 0;
  return (
    <section aria-busy={pending}>
      {header ? (
        <>
          <div className="review-meta">
            <span>{card.noteTitle}</span>
            <span className="queue-counts" data-testid="queue-counts">
              <span className="new" title={m.review.queue.new} data-testid="count-new">
                {header.counts.new} <span className="sr-label">{m.review.queue.new}</span>
              </span>
              <span className="learning" title={m.review.queue.learning} data-testid="count-learning">
                {header.counts.learning} <span className="sr-label">{m.review.queue.learning}</span>
              </span>
              <span className="review" title={m.review.queue.review} data-testid="count-review">
                {header.counts.review} <span className="sr-label">{m.review.queue.review}</span>
              </span>
            </span>
          </div>
          <progress className="session-progress" max={1} value={header.progress} aria-label={m.review.doneToday(header.done, left)} data-testid="session-progress" />
        </>
      ) : (
        <div className="review-meta">
          <span>{card.noteTitle}</span>
        </div>
      )}
      <div className="review-card" data-testid="review-card" data-card-id={card.id} data-kind={card.kind}>
        {card.brokenMessage ? (
          <p className="error" role="alert" data-testid="broken-card">
            {card.brokenMessage}
          </p>
        ) : card.exercise ? (
          <ExerciseRunner initial={card.exercise} context="review" onDone={exerciseDone} allowNewVariant={false} />
        ) : (
          <CardFace frontHtml={card.frontHtml} backHtml={card.backHtml} revealed={revealed} />
        )}
      </div>
      {revealed ? (
        <GradeButtons onGrade={grade} intervals={card.intervals} highlight={card.exercise ? suggested : null} disabled={pending}>
          {card.exercise ? (
            <span data-testid="suggested">
              {m.review.suggested} <strong>{m.review.grades[suggested - 1]}</strong> — {m.review.acceptOrChoose[0]} <kbd>Enter</kbd> {m.review.acceptOrChoose[1]}{" "}
              <kbd>1</kbd>–<kbd>4</kbd> {m.review.acceptOrChoose[2]}
            </span>
          ) : null}
        </GradeButtons>
      ) : card.exercise || card.brokenMessage ? null : (
        <ShowAnswer onClick={() => setRevealed(true)} />
      )}
      <div className="actions">
        <button onClick={undo} disabled={pending}>
          {m.review.undo} <kbd>u</kbd>
        </button>
        <button onClick={() => setAside("bury")} disabled={pending} data-testid="bury">
          {m.review.bury} <kbd>b</kbd>
        </button>
        <button onClick={() => setAside("suspend")} disabled={pending} data-testid="suspend">
          {m.review.suspend} <kbd>s</kbd>
        </button>
      </div>
      <KeyList rows={m.review.keys} open={showKeys} onToggle={() => setShowKeys((v) => !v)} />
    </section>
  );
}
