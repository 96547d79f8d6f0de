"use client";

import { useEffect, useMemo, useState } from "react";
import { useMessages } from "@/components/i18n";
import {
  checkExplodeThenClip,
  type ExplodedSetup,
  type ExplodeThenClipVerdict,
  parseExplodedSetup,
  type RnnSettingKey,
} from "@/lib/lab/experiments/explode-then-clip";
import { ownValue } from "@/lib/own-key";
import type { ExperimentResult } from "@/lib/lab/experiments/types";
import type { ChallengeState } from "./protocol";
import type { Settings } from "./registry";

/**
 * Solved challenges live in this browser's localStorage under one key, as a
 * JSON list of challenge ids: a personal record, not study data, so it needs
 * no account or server. A storage that is full or blocked only means they
 * are not remembered.
 */
const STORAGE_KEY = "gradprep.lab.solved";
/** Stage 1 of explodeThenClip: the last exploding RNN setup, as JSON `{ settings, h0 }`. */
const EXPLODED_KEY = "gradprep.lab.exploded";
const TWO_STAGE = "explodeThenClip";

function readExploded(): ExplodedSetup | null {
  try {
    return parseExplodedSetup(JSON.parse(window.localStorage.getItem(EXPLODED_KEY) ?? "null"));
  } catch {
    return null;
  }
}

function writeExploded(setup: ExplodedSetup) {
  try {
    window.localStorage.setItem(EXPLODED_KEY, JSON.stringify(setup));
  } catch {
    // Not remembered across visits; kept for this one.
  }
}

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

/**
 * The experiment's break-it challenges; `states` are lib/lab's verdicts on
 * what the worker last computed. explodeThenClip has two stages and the
 * worker cannot know the first, so it is judged here, by lib/lab's pure
 * checker, on the settings and the facts the worker computed for exactly
 * those settings: a result is paired with the query on screen when it
 * arrives (the worker drops answers to settings changed since), and nothing
 * is judged while an answer is on its way.
 */
export function ChallengeList({
  ids,
  states,
  settings = null,
  query = "",
  result = null,
  busy = false,
}: {
  ids: readonly string[];
  states: readonly ChallengeState[];
  settings?: Settings | null;
  query?: string;
  result?: ExperimentResult | null;
  busy?: boolean;
}) {
  const m = useMessages();
  const [solved, setSolved] = useState<ReadonlySet<string>>(() => new Set());
  const [fresh, setFresh] = useState<string | null>(null);
  const [exploded, setExploded] = useState<ExplodedSetup | null>(null);
  const [paired, setPaired] = useState<{ result: ExperimentResult | null; query: string }>({ result: null, query });
  // Derived from the previous render (React's pattern for it): the query on screen when this result arrived.
  if (paired.result !== result) setPaired({ result, query });
  const current = useMemo(
    () => (settings && result && !busy && paired.result === result && paired.query === query ? { settings, facts: result.facts } : null),
    [settings, result, busy, paired, query],
  );

  // localStorage exists only in the browser: read it after hydration.
  useEffect(() => {
    setSolved(readSolved());
    setExploded(readExploded());
  }, []);

  const twoStage = ids.includes(TWO_STAGE);
  const verdict = useMemo((): ExplodeThenClipVerdict | null => {
    if (!twoStage || !current) return null;
    const settings = parseExplodedSetup({ settings: current.settings, h0: 0 })?.settings;
    return settings ? checkExplodeThenClip(exploded, settings, current.facts) : null;
  }, [twoStage, current, exploded]);

  // Stage 1 reached (again): this setup is the one to stop with one change.
  useEffect(() => {
    if (!verdict?.exploded || !current || (exploded && verdict.changes.length === 0)) return;
    const setup = parseExplodedSetup({ settings: current.settings, h0: verdict.measured });
    if (!setup) return;
    writeExploded(setup);
    setExploded(setup);
  }, [verdict, current, exploded]);

  const judged = useMemo(
    () => states.map((c) => (c.id === TWO_STAGE ? { ...c, solved: verdict?.solved === true, measured: verdict?.measured ?? c.measured } : c)),
    [states, verdict],
  );

  useEffect(() => {
    const now = judged.filter((c) => c.solved && !solved.has(c.id));
    if (!now.length) return;
    const next = new Set([...readSolved(), ...solved, ...now.map((c) => c.id)]);
    writeSolved(next);
    setSolved(next);
    setFresh(now[0]!.id);
  }, [judged, solved]);

  if (!ids.length) return <p className="muted">{m.lab.challenges.none}</p>;
  return (
    <ul className="lab-challenges" data-testid="challenges">
      {ids.map((id) => {
        const done = solved.has(id);
        const measured = judged.find((s) => s.id === id)?.measured;
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
              {id === TWO_STAGE ? (
                <span className="lab-challenge-stage small" data-testid="challenge-stage" aria-live="polite">
                  {stageText(m, exploded, verdict, current?.settings ?? null)}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

type Messages = ReturnType<typeof useMessages>;

/** Where the learner is in explodeThenClip, from the remembered setup and the verdict on the current one. */
function stageText(m: Messages, exploded: ExplodedSetup | null, verdict: ExplodeThenClipVerdict | null, now: Settings | null): string {
  const c = m.lab.challenges;
  if (!exploded) return c.explodeStage1;
  const changes = verdict?.exploded ? [] : (verdict?.changes ?? []);
  if (changes.length === 0 || !verdict) {
    const s = exploded.settings;
    return c.exploded(String(s.scale), ownValue(m.lab.options, s.activation) ?? s.activation, s.steps, formatMeasured(exploded.h0));
  }
  const what = changes.map((k) => `${settingLabel(m, k)} ${shown(m, exploded.settings[k])} → ${shown(m, now ? ownValue(now, k) : undefined)}`).join(", ");
  if (changes.length > 1) return c.tooMany(changes.length, what);
  return verdict.solved ? c.stoppedWith(what) : c.tooShort;
}

function settingLabel(m: Messages, key: RnnSettingKey): string {
  return ownValue(m.lab.controls, `rnn.${key}`) ?? ownValue(m.lab.controls, key) ?? key;
}

/** A setting's value as the controls show it: on/off, an activation's name, a number. */
function shown(m: Messages, v: unknown): string {
  if (typeof v === "boolean") return ownValue(m.lab.options, v ? "on" : "off") ?? String(v);
  if (typeof v === "string") return ownValue(m.lab.options, v) ?? v;
  return typeof v === "number" ? String(v) : "?";
}

function formatMeasured(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}
