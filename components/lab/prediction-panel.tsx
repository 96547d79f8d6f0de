"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { drawExerciseAction } from "@/components/exercise/actions";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise/exercise-runner";
import { GradeButtons, type GradeValue } from "@/components/flashcard";
import { useMessages } from "@/components/i18n";
import type { DrawnExercise } from "@/lib/exercises/server";
import { suggestedGrade } from "@/lib/srs/exercise-grade";

/** A prediction card of the current experiment, as the page found it in the learner's notes. */
export interface PredictionCard {
  cardId: string;
  title: string;
  /** A showing token when the card can be graded now (new or due); null when it is scheduled for later. */
  token: string | null;
}

/**
 * Predict, then reveal: the experiment's prediction card drawn as a live
 * exercise and checked by the same runner and server actions as every
 * exercise (components/exercise). When it is done, its verdict suggests a
 * grade, and grading goes through the review session's own API
 * (app/review/api, op "grade"), so the answer is the card's review and the
 * card is in the schedule. A card that is not due is answered as practice.
 */
export function PredictionPanel({ cards, onOpenSetup }: { cards: PredictionCard[]; onOpenSetup: (href: string) => void }) {
  const m = useMessages();
  const router = useRouter();
  const [index, setIndex] = useState(0);
  const [item, setItem] = useState<DrawnExercise | null>(null);
  const [outcome, setOutcome] = useState<ExerciseResult | null>(null);
  const [graded, setGraded] = useState<"saved" | "failed" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const card = cards[index];

  if (!card) return <p className="muted">{m.lab.predict.none}</p>;

  const open = (i: number) => {
    const c = cards[i];
    if (!c) return;
    startTransition(async () => {
      const r = await drawExerciseAction({ cardId: c.cardId });
      if (!r.ok) return setError(m.exercise.errors[r.error]);
      setIndex(i);
      setItem(r.item);
      setOutcome(null);
      setGraded(null);
      setError(null);
    });
  };

  // The guess beside the measured value, and the drawn setup to run, come with the runner's answer (PredictionOutcomeView).
  const done = (r: ExerciseResult) => setOutcome(r);

  const grade = (g: GradeValue) => {
    if (!card.token || !outcome) return;
    startTransition(async () => {
      try {
        const res = await fetch("/review/api", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ op: "grade", cardId: card.cardId, token: card.token, rating: g, durationMs: Math.min(86_400_000, Math.round(outcome.durationMs)) }),
        });
        const body = (await res.json()) as { ok: boolean };
        setGraded(body.ok ? "saved" : "failed");
        // A fresh showing token for the next answer.
        if (body.ok) router.refresh();
      } catch {
        setGraded("failed");
      }
    });
  };

  return (
    <div className="lab-predict" data-testid="prediction">
      {cards.length > 1 ? (
        <p className="muted small">{m.lab.predict.cardOf(index + 1, cards.length)}</p>
      ) : null}
      {!item ? (
        <div className="actions">
          {cards.map((c, i) => (
            <button key={c.cardId} type="button" className={i === 0 ? "primary" : undefined} onClick={() => open(i)} disabled={pending} data-testid="open-prediction">
              {cards.length > 1 ? c.title : m.lab.predict.open}
            </button>
          ))}
        </div>
      ) : (
        <>
          <ExerciseRunner
            key={`${item.cardId}:${item.seed}`}
            initial={item}
            context={card.token ? "review" : "exercise"}
            allowNewVariant={false}
            focusOnMount
            onDone={done}
            onOpenLabSetup={onOpenSetup}
          />
          {outcome ? (
            card.token ? (
              graded === "saved" ? (
                <p className="notice" role="status" data-testid="prediction-scheduled">
                  {m.lab.predict.scheduled} <Link href="/review">{m.lab.predict.review}</Link>
                </p>
              ) : (
                <div className="lab-grade">
                  <p>{m.lab.predict.schedule}</p>
                  <GradeButtons onGrade={grade} highlight={suggestedGrade(outcome)} disabled={pending} />
                  {graded === "failed" ? <p className="error" role="alert">{m.lab.predict.gradeFailed}</p> : null}
                </div>
              )
            ) : (
              <p className="muted" data-testid="prediction-practice">
                {m.lab.predict.notDue}
              </p>
            )
          ) : null}
          {cards.length > 1 && outcome ? (
            <div className="actions">
              <button type="button" onClick={() => open((index + 1) % cards.length)} disabled={pending}>
                {m.exerciseRun.next}
              </button>
            </div>
          ) : null}
        </>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
