"use client";

import { useMessages } from "@/components/i18n";
import type { LabRun } from "./use-lab-worker";

/** Play, pause, step and reset for an experiment that trains, with the epoch and steps so far. */
export function TrainingBar({ run }: { run: LabRun }) {
  const m = useMessages();
  const t = run.training;
  return (
    <div className="lab-training" role="group" aria-label={m.lab.train.label}>
      <div className="actions">
        {t?.playing ? (
          <button type="button" className="primary" onClick={run.pause} data-testid="lab-pause">
            {m.lab.train.pause}
          </button>
        ) : (
          <button type="button" className="primary" onClick={run.play} disabled={!t} data-testid="lab-play">
            {m.lab.train.play}
          </button>
        )}
        <button type="button" onClick={() => run.step(1)} disabled={!t} data-testid="lab-step">
          {m.lab.train.step}
        </button>
        <button type="button" onClick={run.reset} disabled={!t} data-testid="lab-reset">
          {m.lab.train.reset}
        </button>
      </div>
      <p className="muted small" aria-live="off" data-testid="lab-progress" data-steps={t?.steps ?? 0}>
        {t ? m.lab.train.epoch(t.epoch, t.steps) : "…"}
        {t?.playing && t.rate ? ` · ${m.lab.train.rate(t.rate)}` : ""}
      </p>
    </div>
  );
}
