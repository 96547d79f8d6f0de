"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useMessages } from "@/components/i18n";
import type { DrawnExercise } from "@/lib/exercises/server";
import { predictionOutcomeAction, type PredictionOutcomeResult } from "./actions";
import { gapText } from "./prediction-text";

/**
 * After a lab prediction is answered (right, or shown): the guess beside what
 * the engine measured for that very instance, how far apart they are, and
 * the way to its setup in the lab. Mounted only once the answer is final, and
 * the server checks that too: before then there is nothing to show.
 *
 * `onOpenSetup` (the /lab page) opens the setup in place; elsewhere it is a
 * plain link, never focused on its own, so the review session's keys stay its own.
 */
export function PredictionOutcomeView({ item, onOpenSetup }: { item: Pick<DrawnExercise, "cardId" | "seed" | "difficulty">; onOpenSetup?: (href: string) => void }) {
  const m = useMessages();
  const t = m.lab.predict;
  const [result, setResult] = useState<PredictionOutcomeResult | null>(null);
  const { cardId, seed, difficulty } = item;
  useEffect(() => {
    let live = true;
    predictionOutcomeAction({ cardId, seed, difficulty }).then(
      (r) => live && setResult(r),
      () => live && setResult({ ok: false, error: "gone" }),
    );
    return () => {
      live = false;
    };
  }, [cardId, seed, difficulty]);

  if (!result) return <div className="lab-outcome" aria-busy="true" data-testid="prediction-outcome" data-state="loading" />;
  if (!result.ok) {
    return (
      <p className="muted small" data-testid="prediction-outcome" data-state="failed">
        {t.outcomeFailed}
      </p>
    );
  }
  const o = result.outcome;
  const right = o.guess !== null && o.guess.letter === o.right.letter;
  const apart = !o.guess ? null : right ? t.inside : o.gap ? gapText(o.gap, t) : null;
  return (
    <section className="lab-outcome" data-testid="prediction-outcome" data-state="ready" aria-label={t.comparison}>
      <dl className="lab-compare">
        <div>
          <dt>{t.yourPrediction}</dt>
          <dd data-testid="outcome-guess" data-letter={o.guess?.letter ?? ""}>
            {o.guess ? (
              <>
                {t.optionLabel(o.guess.letter)} <span dangerouslySetInnerHTML={{ __html: o.guess.optionHtml }} />
              </>
            ) : (
              <span className="muted">{t.noPrediction}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.measuredByEngine}</dt>
          <dd data-testid="outcome-measured" data-value={o.measuredValue ?? ""} data-letter={o.right.letter}>
            <span dangerouslySetInnerHTML={{ __html: o.measuredHtml }} />{" "}
            <span className="muted">
              ({t.optionLabel(o.right.letter)} <span dangerouslySetInnerHTML={{ __html: o.right.optionHtml }} />)
            </span>
          </dd>
        </div>
        {apart ? (
          <div>
            <dt>{t.apart}</dt>
            <dd data-testid="outcome-gap">{apart}</dd>
          </div>
        ) : null}
      </dl>
      <p className="lab-outcome-open">
        {onOpenSetup ? (
          <button type="button" className="primary" onClick={() => onOpenSetup(o.href)} data-testid="open-setup">
            {t.openSetup}
          </button>
        ) : (
          <Link href={o.href} prefetch={false} data-testid="open-in-lab">
            {t.openInLab}
          </Link>
        )}
      </p>
    </section>
  );
}
