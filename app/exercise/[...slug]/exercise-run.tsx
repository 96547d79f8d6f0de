"use client";

import Link from "next/link";
import { useState } from "react";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise/exercise-runner";
import { useLocale, useMessages } from "@/components/i18n";
import { formatDuration } from "@/lib/i18n/interval";
import type { DrawnExercise } from "@/lib/exercises/server";

/**
 * N live items in a row with a progress bar, then a summary: score (right on
 * the first try), time, and the mistakes that were recognised.
 * Answers here are recorded as attempts; the schedule changes in Review.
 */
export function ExerciseRun({ items, noteHref }: { items: DrawnExercise[]; noteHref: string }) {
  const m = useMessages();
  const locale = useLocale();
  const [index, setIndex] = useState(0);
  const [results, setResults] = useState<(ExerciseResult | null)[]>(() => items.map(() => null));
  const current = items[index];
  const finished = index >= items.length;

  if (finished) {
    const firstTry = results.filter((r) => r && r.correct && r.wrongTries === 0 && !r.revealed).length;
    const seconds = Math.round(results.reduce((s, r) => s + (r?.durationMs ?? 0), 0) / 1000);
    const mistakes = results.flatMap((r) => r?.mistakes ?? []);
    return (
      <section data-testid="exercise-summary">
        <h1>{m.exerciseRun.done}</h1>
        <p>
          <strong data-testid="exercise-score">
            {firstTry} / {items.length}
          </strong>{" "}
          {m.exerciseRun.firstTry} · {formatDuration(seconds, locale)}
        </p>
        {mistakes.length ? (
          <>
            <h2>{m.exerciseRun.mistakesMade}</h2>
            <ul>
              {mistakes.map((m, i) => (
                <li key={i} dangerouslySetInnerHTML={{ __html: m.html }} />
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{m.exerciseRun.noMistakes}</p>
        )}
        <div className="actions">
          <button
            className="primary"
            onClick={() => {
              window.location.reload();
            }}
          >
            {m.exerciseRun.anotherRun}
          </button>
          <Link href={noteHref} className="button">
            {m.exerciseRun.backToNote}
          </Link>
        </div>
      </section>
    );
  }

  const done = results[index] !== null;
  return (
    <section>
      <div className="review-meta">
        <span>
          {m.exerciseRun.progress(index + 1, items.length, current!.title)}
        </span>
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={items.length} aria-valuenow={index}>
        <div style={{ width: `${(100 * index) / items.length}%` }} />
      </div>
      <div className="review-card">
        <ExerciseRunner
          key={current!.seed}
          initial={current!}
          context="exercise"
          // The first item waits for the learner (a phone keeps its question in view); the next ones follow "Next".
          focusOnMount={index > 0}
          onDone={(r) => setResults((prev) => prev.map((x, i) => (i === index ? r : x)))}
        />
      </div>
      <div className="actions">
        <button className="primary" disabled={!done} onClick={() => setIndex((i) => i + 1)} data-testid="next-item">
          {index + 1 < items.length ? m.exerciseRun.next : m.exerciseRun.seeSummary}
        </button>
      </div>
    </section>
  );
}
