"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useMessages } from "@/components/i18n";
import { KeyTable } from "@/components/key-list";
import {
  followUpPoint,
  freshProgress,
  missedCards,
  restoreProgress,
  stopClock,
  topicSummary,
  usedMs,
  type Progress,
  type QuestionProgress,
  type SessionCard,
  type SessionQuestion,
} from "@/lib/interview/session";
import { confirmMisses } from "./actions";

const storeKey = (session: string) => `gradprep:interview:${session}`;
/** Elements whose own Enter/Space/digit handling must not be taken over. */
const OWN_KEYS = "input, textarea, select, button, a, summary, [contenteditable]";

/** The spoken remaining time changes only at these moments, so a screen reader is not told every second. */
function spokenStep(ms: number): number {
  if (ms <= 0) return 0;
  if (ms <= 30_000) return 1;
  return 2 + Math.ceil(ms / 60_000);
}

function Html({ html, className, as = "div" }: { html: string; className?: string; as?: "div" | "span" }) {
  const Tag = as;
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One mock interview: question by question with a countdown, the key-point checklist, a follow-up, then the summary and grading. */
export function InterviewRun({ session, minutes, questions, cards }: { session: string; minutes: number; questions: SessionQuestion[]; cards: SessionCard[] }) {
  const m = useMessages().interview;
  const limitMs = minutes * 60_000;
  const [progress, setProgress] = useState<Progress | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cardLabel = new Map(cards.map((c) => [c.id, c.html]));

  // Restore (a reload goes on where it was), or start afresh.
  useEffect(() => {
    let stored: unknown = null;
    try {
      stored = JSON.parse(sessionStorage.getItem(storeKey(session)) ?? "null");
    } catch {
      stored = null;
    }
    setProgress(restoreProgress(stored, questions) ?? freshProgress(questions));
  }, [session, questions]);

  useEffect(() => {
    if (!progress) return;
    try {
      sessionStorage.setItem(storeKey(session), JSON.stringify(progress));
    } catch {
      // Storage full or off: the interview still runs, a reload starts it over.
    }
  }, [progress, session]);

  const index = progress?.index ?? 0;
  const current = progress && index < questions.length ? progress.questions[index]! : null;
  const answering = current?.phase === "answer";

  const update = useCallback((i: number, change: (p: QuestionProgress) => QuestionProgress) => {
    setProgress((prev) => (prev ? { ...prev, questions: prev.questions.map((q, j) => (j === i ? change(q) : q)) } : prev));
  }, []);

  // The clock runs while the current question is being answered.
  useEffect(() => {
    if (!answering || !current) return;
    if (current.runningSince === null) {
      update(index, (p) => ({ ...p, runningSince: Date.now() }));
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [answering, current, index, update]);

  const remaining = current ? limitMs - usedMs(current, answering ? now : 0, limitMs) : 0;
  useEffect(() => {
    if (answering && current?.runningSince !== null && remaining <= 0) {
      update(index, (p) => ({ ...stopClock(p, Date.now(), limitMs), phase: "check", timedOut: true }));
    }
  }, [answering, current, remaining, index, limitMs, update]);

  // A new step: focus its heading, so keyboard and screen-reader users start there.
  const step = progress ? `${index}:${current?.phase ?? "summary"}` : "";
  const firstStep = useRef(true);
  useEffect(() => {
    if (!step) return;
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const showAnswer = useCallback(() => update(index, (p) => ({ ...stopClock(p, Date.now(), limitMs), phase: "check" })), [index, limitMs, update]);
  const advance = useCallback(() => {
    setProgress((prev) => {
      if (!prev) return prev;
      const q = questions[prev.index]!;
      const p = prev.questions[prev.index]!;
      if (p.phase === "check" && followUpPoint(q, p)) {
        return { ...prev, questions: prev.questions.map((x, j) => (j === prev.index ? { ...x, phase: "follow-up" } : x)) };
      }
      return { ...prev, index: prev.index + 1, questions: prev.questions.map((x, j) => (j === prev.index ? { ...x, phase: "done" } : x)) };
    });
  }, [questions]);
  const toggle = useCallback((point: number) => update(index, (p) => ({ ...p, ticked: p.ticked.map((t, i) => (i === point ? !t : t)) })), [index, update]);

  // Keys: Enter/Space press the step's main button, 1–9 tick points; text fields and buttons keep their own keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!current || e.altKey || e.metaKey || e.ctrlKey || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest(OWN_KEYS)) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        if (current.phase === "answer") showAnswer();
        else advance();
      } else if (current.phase === "check" && /^[1-9]$/.test(e.key)) {
        const i = Number(e.key) - 1;
        if (i < questions[index]!.points.length) {
          e.preventDefault();
          toggle(i);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, index, questions, showAnswer, advance, toggle]);

  if (!progress) {
    return (
      <p className="muted" role="status">
        {m.loading}
      </p>
    );
  }

  if (!current) {
    return <Summary questions={questions} progress={progress} limitMs={limitMs} cardLabel={cardLabel} headingRef={headingRef} saving={saving} saveError={saveError} onUntick={(id, on) => setProgress({ ...progress, unticked: on ? progress.unticked.filter((c) => c !== id) : [...progress.unticked, id] })} onConfirm={async (ids) => {
      setSaving(true);
      setSaveError(false);
      const asked = progress.questions.reduce((s, p) => s + p.usedMs, 0);
      const r = await confirmMisses({ session, cardIds: ids, durationMs: Math.round(asked / Math.max(1, questions.length)) }).catch(() => null);
      setSaving(false);
      if (!r || !r.ok) setSaveError(true);
      else setProgress((prev) => (prev ? { ...prev, graded: r.results } : prev));
    }} />;
  }

  const q = questions[index]!;
  const last = index === questions.length - 1;
  const coveredCount = current.ticked.filter(Boolean).length;
  const follow = current.phase === "follow-up" ? followUpPoint(q, current) : null;
  const willFollow = current.phase === "check" && followUpPoint(q, current) !== null;
  const primaryLabel = current.phase === "answer" ? m.showAnswer : willFollow ? m.continue : last ? m.finish : m.next;

  return (
    <div className="interview-run" data-testid="interview-question" data-question-id={q.id} data-phase={current.phase}>
      <div className="interview-meta">
        <span data-testid="interview-progress">{m.progress(index + 1, questions.length)}</span>
        <span>{m.topicLabel(q.topic.title)}</span>
      </div>
      <progress className="session-progress" max={questions.length} value={index} aria-hidden="true" />
      <div className={`countdown${answering ? "" : " stopped"}${answering && remaining <= 30_000 ? " low" : ""}`} data-testid="countdown">
        {answering ? (
          <>
            <span className="label">{m.remaining}</span>
            {/* role=timer: readable on demand; its changes are not announced (the live region below speaks only at whole minutes). */}
            <span role="timer" aria-label={m.remaining} className="clock">
              {m.clock(Math.max(0, remaining))}
            </span>
          </>
        ) : (
          <>
            <span className="label">{m.timeUsed}</span>
            <span className="clock" data-testid="time-used">
              {m.clock(current.usedMs)}
            </span>
          </>
        )}
        <span className="visually-hidden" aria-live="polite" data-testid="countdown-spoken">
          {answering ? <SpokenTime key={spokenStep(remaining)} ms={remaining} say={m.timeLeftSpoken} /> : current.timedOut ? m.timeUp : null}
        </span>
      </div>
      <h2 ref={headingRef} tabIndex={-1} className="interview-question" data-testid="interview-question-text">
        <span lang={q.lang === "zh" ? "zh-CN" : "en"} dangerouslySetInnerHTML={{ __html: q.questionHtml }} />
      </h2>
      {current.timedOut && current.phase !== "answer" ? <p className="notice">{m.timeUp}</p> : null}

      {current.phase === "answer" ? (
        <div className="answer-form">
          <label htmlFor="interview-notes">{m.notes}</label>
          <textarea
            id="interview-notes"
            data-testid="interview-notes"
            rows={5}
            value={current.notes}
            aria-describedby="interview-notes-help"
            onChange={(e) => update(index, (p) => ({ ...p, notes: e.target.value }))}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                showAnswer();
              }
            }}
          />
          <p id="interview-notes-help" className="muted small">
            {m.notesHelp}
          </p>
        </div>
      ) : (
        <>
          {current.notes ? <p className="interview-notes-shown">{current.notes}</p> : null}
          <section className="model-answer" aria-labelledby="model-answer-h">
            <h3 id="model-answer-h">{m.modelAnswer}</h3>
            <div lang={q.lang === "zh" ? "zh-CN" : "en"} dangerouslySetInnerHTML={{ __html: q.answerHtml }} />
          </section>
          <fieldset className="key-points" data-testid="key-points" disabled={current.phase !== "check"}>
            <legend>{m.checklist}</legend>
            <ol>
              {q.points.map((pt, i) => (
                <li key={i}>
                  <label className="point">
                    <input type="checkbox" checked={current.ticked[i]} onChange={() => toggle(i)} data-testid="key-point" />
                    <span className="key-no" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span lang={q.lang === "zh" ? "zh-CN" : "en"} dangerouslySetInnerHTML={{ __html: pt.html }} />
                  </label>
                </li>
              ))}
            </ol>
            <p className="muted small" aria-live="polite" data-testid="covered-count">
              {m.covered(coveredCount, q.points.length)}
            </p>
          </fieldset>
        </>
      )}

      {follow?.followUp ? (
        <section className="follow-up" data-testid="follow-up" aria-labelledby="follow-up-h">
          <h3 id="follow-up-h">{m.followUp}</h3>
          <p className="muted">{m.followUpIntro}</p>
          <Html className="missed-point" html={follow.html} />
          {follow.followUp.kind === "question" ? (
            <Html className="follow-up-question" html={follow.followUp.html} />
          ) : (
            <p>
              {m.followUpExercise}{" "}
              <a href={follow.followUp.href} target="_blank" rel="noopener" data-testid="follow-up-exercise">
                {follow.followUp.title}
              </a>
            </p>
          )}
        </section>
      ) : null}

      <div className="actions">
        <button type="button" className="primary" data-testid="interview-primary" onClick={current.phase === "answer" ? showAnswer : advance}>
          {primaryLabel}
        </button>
      </div>
      <details className="interview-keys">
        <summary>{m.keys}</summary>
        <KeyTable rows={m.keyList} />
      </details>
    </div>
  );
}

/** Rendered afresh (by key) only when the spoken step changes, so the live region speaks at whole minutes, 30 s and 0. */
function SpokenTime({ ms, say }: { ms: number; say: (ms: number) => string }) {
  const [text] = useState(() => say(ms));
  return <>{text}</>;
}

function Summary({
  questions,
  progress,
  limitMs,
  cardLabel,
  headingRef,
  saving,
  saveError,
  onUntick,
  onConfirm,
}: {
  questions: SessionQuestion[];
  progress: Progress;
  limitMs: number;
  cardLabel: Map<string, string>;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  saving: boolean;
  saveError: boolean;
  onUntick: (cardId: string, on: boolean) => void;
  onConfirm: (ids: string[]) => void;
}) {
  const m = useMessages().interview;
  const used = progress.questions.reduce((s, p) => s + p.usedMs, 0);
  const missed = missedCards(questions, progress);
  const chosen = missed.filter((id) => !progress.unticked.includes(id));
  const graded = progress.graded;
  return (
    <div className="interview-summary" data-testid="interview-summary">
      <h2 ref={headingRef} tabIndex={-1}>
        {m.summary}
      </h2>
      <p data-testid="total-time">{m.totalTime(used, limitMs * questions.length)}</p>

      <h3>{m.perQuestion}</h3>
      <ol className="summary-questions">
        {questions.map((q, i) => {
          const p = progress.questions[i]!;
          const missedPoints = q.points.filter((_, j) => !p.ticked[j]);
          return (
            <li key={q.id} data-testid="summary-question">
              <Html className="q" html={q.questionHtml} />
              <p className="muted small">
                {q.topic.title} · {m.time} {m.clock(p.usedMs)} · {m.covered(p.ticked.filter(Boolean).length, q.points.length)}
              </p>
              {missedPoints.length ? (
                <>
                  <p className="small missed-label">{m.missed}</p>
                  <ul className="missed-points">
                    {missedPoints.map((pt, j) => (
                      <li key={j}>
                        <Html as="span" html={pt.html} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>

      <h3>{m.perTopic}</h3>
      <table className="topic-table" data-testid="topic-summary">
        <thead>
          <tr>
            <th scope="col">{m.topic}</th>
            <th scope="col">{m.questions}</th>
            <th scope="col">{m.points}</th>
          </tr>
        </thead>
        <tbody>
          {topicSummary(questions, progress).map((row) => (
            <tr key={row.topic.id}>
              <th scope="row">{row.topic.title}</th>
              <td>{m.topicRow(row.questions)}</td>
              <td>
                {row.covered}/{row.points}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="grade-missed" aria-labelledby="grade-h" data-testid="grade-missed">
        <h3 id="grade-h">{m.gradeTitle}</h3>
        {missed.length === 0 ? (
          <p>{m.nothingMissed}</p>
        ) : graded ? (
          <>
            <p role="status" data-testid="graded">
              {graded.some((g) => g.outcome === "graded") ? m.graded(graded.filter((g) => g.outcome === "graded").length) : m.already}
            </p>
            <ul className="card-list">
              {graded.map((g) => (
                <li key={g.cardId} data-card-id={g.cardId}>
                  <Html html={cardLabel.get(g.cardId) ?? g.cardId} />
                  {g.outcome === "not-found" ? <span className="muted small"> ({m.notFound})</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p>{m.gradeIntro(missed.length)}</p>
            <ul className="card-list grade-cards">
              {missed.map((id) => (
                <li key={id}>
                  <label className="point">
                    <input type="checkbox" checked={!progress.unticked.includes(id)} onChange={(e) => onUntick(id, e.target.checked)} data-testid="grade-card" data-card-id={id} />
                    <Html as="span" html={cardLabel.get(id) ?? id} />
                  </label>
                </li>
              ))}
            </ul>
            {saveError ? (
              <p className="error" role="alert">
                {m.gradeFailed}
              </p>
            ) : null}
            <button type="button" className="primary" disabled={saving || chosen.length === 0} onClick={() => onConfirm(chosen)} data-testid="grade-confirm">
              {saving ? m.grading : m.gradeButton(chosen.length)}
            </button>
          </>
        )}
      </section>
      <p className="actions">
        <a className="button" href="/interview">
          {m.newInterview}
        </a>
        <a className="button" href="/review">
          {m.review}
        </a>
      </p>
    </div>
  );
}
