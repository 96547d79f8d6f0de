"use client";

import { useEffect, useState } from "react";
import { useMessages } from "@/components/i18n";
import { ownValue } from "@/lib/own-key";
import type { ExperimentId, ExperimentResult } from "./lab-types";
import { challengesFor } from "./registry";
import type { Settings } from "./controls";

/**
 * Solved challenges live in this browser's localStorage under one key, as a
 * JSON list of challenge ids: they are a personal record, not study data, and
 * need no account or server. A storage that is full or blocked only means
 * they are not remembered.
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

export function ChallengeList({ exp, settings, result }: { exp: ExperimentId; settings: Settings; result: ExperimentResult | null }) {
  const m = useMessages();
  const [solved, setSolved] = useState<Set<string>>(() => new Set());
  const [fresh, setFresh] = useState<string | null>(null);
  const challenges = challengesFor(exp);

  // localStorage exists only in the browser: read it after hydration.
  useEffect(() => {
    setSolved(readSolved());
  }, []);

  useEffect(() => {
    if (!result) return;
    const now = challenges.filter((c) => !solved.has(c.id) && c.check(settings, result));
    if (!now.length) return;
    const next = new Set([...readSolved(), ...solved, ...now.map((c) => c.id)]);
    writeSolved(next);
    setSolved(next);
    setFresh(now[0]!.id);
  }, [result, settings, challenges, solved]);

  if (!challenges.length) return <p className="muted">{m.lab.challenges.none}</p>;
  return (
    <ul className="lab-challenges" data-testid="challenges">
      {challenges.map((c) => {
        const done = solved.has(c.id);
        return (
          <li key={c.id} className={done ? "solved" : undefined} data-testid={`challenge-${c.id}`} data-solved={done}>
            <span className="lab-challenge-mark" aria-hidden="true">
              {done ? "✓" : "○"}
            </span>
            <span>{ownValue(m.lab.challenges.text, c.id) ?? c.id}</span>
            <span className="visually-hidden">{done ? m.lab.challenges.solved : m.lab.challenges.open}</span>
            {fresh === c.id ? (
              <strong role="status" className="lab-just-solved">
                {" "}
                {m.lab.challenges.justSolved}
              </strong>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
