"use client";

import { useEffect, useState } from "react";
import { useMessages } from "@/components/i18n";
import { ownValue } from "@/lib/own-key";
import type { ChallengeState } from "./protocol";

/**
 * Solved challenges live in this browser's localStorage under one key, as a
 * JSON list of challenge ids: a personal record, not study data, so it needs
 * no account or server. A storage that is full or blocked only means they
 * are not remembered.
 */
const STORAGE_KEY = "gradprep.lab.solved";

function readSolved(): Set<string> {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

function writeSolved(ids: Set<string>) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  } catch {
    // Not remembered; still shown as solved for this visit.
  }
}

/** The experiment's break-it challenges; `states` are lib/lab's verdicts on what the worker last computed. */
export function ChallengeList({ ids, states }: { ids: readonly string[]; states: readonly ChallengeState[] }) {
  const m = useMessages();
  const [solved, setSolved] = useState<ReadonlySet<string>>(() => new Set());
  const [fresh, setFresh] = useState<string | null>(null);

  // localStorage exists only in the browser: read it after hydration.
  useEffect(() => {
    setSolved(readSolved());
  }, []);

  useEffect(() => {
    const now = states.filter((c) => c.solved && !solved.has(c.id));
    if (!now.length) return;
    const next = new Set([...readSolved(), ...solved, ...now.map((c) => c.id)]);
    writeSolved(next);
    setSolved(next);
    setFresh(now[0]!.id);
  }, [states, solved]);

  if (!ids.length) return <p className="muted">{m.lab.challenges.none}</p>;
  return (
    <ul className="lab-challenges" data-testid="challenges">
      {ids.map((id) => {
        const done = solved.has(id);
        const measured = states.find((s) => s.id === id)?.measured;
        return (
          <li key={id} className={done ? "solved" : undefined} data-testid={`challenge-${id}`} data-solved={done}>
            <span className="lab-challenge-mark" aria-hidden="true">
              {done ? "✓" : "○"}
            </span>
            <span>
              {ownValue(m.lab.challenges.text, id) ?? id}
              {measured !== undefined ? (
                <span className="muted small">
                  {" "}
                  ({m.lab.challenges.now}: {formatMeasured(measured)})
                </span>
              ) : null}
              <span className="visually-hidden"> — {done ? m.lab.challenges.solved : m.lab.challenges.open}</span>
              {fresh === id ? (
                <strong role="status" className="lab-just-solved">
                  {" "}
                  {m.lab.challenges.justSolved}
                </strong>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function formatMeasured(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}
