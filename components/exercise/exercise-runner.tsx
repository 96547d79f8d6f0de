"use client";

import { mathOptions } from "@/lib/content/math-options";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { parseAnswer } from "@/lib/answer";
import { drawExerciseAction, revealSolutionAction, submitAnswerAction } from "./actions";
import { inline } from "./inline-html";
import { StepAnswers } from "./step-answers";
import type { DrawnExercise, ExerciseError, SubmitResult } from "@/lib/exercises/server";
import { useMessages } from "@/components/i18n";
import { isPageKey } from "@/components/key-list";
import { PredictionOutcomeView } from "@/components/lab/prediction-outcome";
import { LAB_PREDICT_ID } from "@/lib/exercises/generators/lab-predict/id";
import type { ExerciseOutcome } from "@/lib/srs/exercise-grade";

export interface ExerciseResult extends ExerciseOutcome {
  /** Recognised mistakes, with their explanation as HTML. */
  mistakes: { id: string; html: string }[];
}

type Feedback = Extract<SubmitResult, { ok: true }> | { ok: false; error: ExerciseError };

/**
 * One live exercise: prompt, answer box, verdict with the recognised mistake or
 * a hint, retry, reveal, and the worked solution. The answer is checked on the
 * server; this component never sees the expected value before it is earned.
 */
export function ExerciseRunner({
  initial,
  context,
  onDone,
  allowNewVariant = true,
  focusOnMount = false,
  onOpenLabSetup,
}: {
  initial: DrawnExercise;
  context: "exercise" | "review";
  /** Off in review, where a graded card must stay the instance that was answered. */
  allowNewVariant?: boolean;
  onDone?: (result: ExerciseResult) => void;
  /** Focus the answer box when shown: only when it follows a learner's action (e.g. "Next"). */
  focusOnMount?: boolean;
  /** A lab prediction's "open this setup" (the /lab page opens it in place); a link to /lab when absent. */
  onOpenLabSetup?: (href: string) => void;
}) {
  const m = useMessages();
  const f = m.exercise.formats;
  const [item, setItem] = useState(initial);
  const [input, setInput] = useState("");
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [solutionHtml, setSolutionHtml] = useState<string | null>(null);
  const [expectedHtml, setExpectedHtml] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const track = useRef({ wrongTries: 0, hintShown: false, revealed: false, mistakes: [] as ExerciseResult["mistakes"], started: Date.now() });
  const inputRef = useRef<HTMLInputElement>(null);

  // The answer box takes focus only after the learner asked for something:
  // "New variant", "Next", or Enter on the page. Never on load: on a phone that
  // scrolls the question away and opens the keyboard.
  const firstSeed = useRef(initial.seed);
  useEffect(() => {
    if (item.seed !== firstSeed.current || focusOnMount) inputRef.current?.focus();
  }, [item.seed, focusOnMount]);
  useEffect(() => {
    if (done) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Enter" || !isPageKey(e)) return;
      e.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [done]);

  const finish = (correct: boolean) => {
    setDone(true);
    const t = track.current;
    onDone?.({ correct, wrongTries: t.wrongTries, hintShown: t.hintShown, revealed: t.revealed, durationMs: Date.now() - t.started, mistakes: t.mistakes });
  };

  const submit = () => {
    if (done || pending || !input.trim()) return;
    const tryNumber = track.current.wrongTries + 1;
    startTransition(async () => {
      const r = await submitAnswerAction({ cardId: item.cardId, seed: item.seed, difficulty: item.difficulty, input, tryNumber, elapsedMs: Date.now() - track.current.started, context });
      setFeedback(r);
      if (!r.ok || r.status !== "answered") return;
      if (r.verdict === "correct") {
        setSolutionHtml(r.solutionHtml);
        finish(true);
      } else {
        track.current.wrongTries++;
        if (r.mistakeId) track.current.mistakes.push({ id: r.mistakeId, html: r.feedbackHtml ?? "" });
        else track.current.hintShown = true;
        inputRef.current?.select();
      }
    });
  };

  const reveal = () => {
    if (done || pending) return;
    startTransition(async () => {
      const r = await revealSolutionAction({ cardId: item.cardId, seed: item.seed, difficulty: item.difficulty, tryNumber: track.current.wrongTries + 1, elapsedMs: Date.now() - track.current.started, context });
      if (!r.ok) return setFeedback(r);
      track.current.revealed = true;
      setSolutionHtml(r.solutionHtml);
      setExpectedHtml(r.expectedHtml);
      finish(false);
    });
  };

  const newVariant = () => {
    if (pending) return;
    startTransition(async () => {
      const r = await drawExerciseAction({ cardId: item.cardId, difficulty: item.difficulty });
      if (!r.ok) return setFeedback(r);
      setItem(r.item);
      setInput("");
      setFeedback(null);
      setSolutionHtml(null);
      setExpectedHtml(null);
      setDone(false);
      track.current = { wrongTries: 0, hintShown: false, revealed: false, mistakes: [], started: Date.now() };
    });
  };

  const hint =
    item.answerKind === "choice"
      ? f.choice(item.options.join(", "))
      : item.answerKind === "boolean"
        ? f.boolean
        : item.answerKind === "vector"
          ? f.vector(item.vectorLength)
          : item.answerKind === "set"
            ? f.set(item.setMax)
            : f.number;

  return (
    <div className="exercise" data-testid="exercise" data-seed={item.seed} aria-busy={pending}>
      <div className="prompt" dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
      <form
        className="answer-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={`answer-${item.seed}`} className="muted">
          {m.exercise.yourAnswer} <span className="small">({hint})</span>
        </label>
        <div className="answer-row">
          <input
            id={`answer-${item.seed}`}
            ref={inputRef}
            data-testid="answer-input"
            value={input}
            onChange={(e) => {
              setInput(e.target.value);
              setFeedback(null);
            }}
            // Escape leaves the box, so that the page's keys (b, s, u, ?) work again.
            onKeyDown={(e) => {
              if (e.key === "Escape") e.currentTarget.blur();
            }}
            disabled={done}
            autoComplete="off"
            spellCheck={false}
            maxLength={300}
          />
          <button type="submit" className="primary" disabled={done || pending || !input.trim()} data-testid="check">
            {pending ? m.exercise.checking : m.exercise.check} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
      {!done && input.trim() && !feedback ? <Preview input={input} spec={item.answer} /> : null}
      {item.steps && !done ? (
        <StepAnswers
          key={item.seed}
          item={{ ...item, steps: item.steps }}
          disabled={done}
          onAllRight={(last) => {
            setInput(last);
            setFeedback(null);
            inputRef.current?.focus();
          }}
        />
      ) : null}
      {feedback ? <FeedbackView feedback={feedback} /> : null}
      <div className="actions">
        {!done ? (
          <button type="button" onClick={reveal} disabled={pending} data-testid="reveal">
            {m.exercise.showSolution}
          </button>
        ) : null}
        {allowNewVariant ? (
          <button type="button" onClick={newVariant} disabled={pending} data-testid="new-variant">
            {m.exercise.newVariant}
          </button>
        ) : null}
      </div>
      {done && item.generator === LAB_PREDICT_ID ? <PredictionOutcomeView key={item.seed} item={item} onOpenSetup={onOpenLabSetup} /> : null}
      {solutionHtml ? (
        <section className="solution" data-testid="solution">
          <h3>{m.exercise.workedSolution}</h3>
          {expectedHtml ? (
            <p>
              {m.exercise.answer} <span dangerouslySetInnerHTML={{ __html: inline(expectedHtml) }} />
            </p>
          ) : null}
          <div dangerouslySetInnerHTML={{ __html: solutionHtml }} />
        </section>
      ) : null}
    </div>
  );
}

function FeedbackView({ feedback }: { feedback: Feedback }) {
  const m = useMessages();
  if (!feedback.ok) return <p className="error" role="alert">{m.exercise.errors[feedback.error]}</p>;
  if (feedback.status === "not-understood") {
    return (
      <p className="verdict not-understood" role="status" data-testid="verdict" data-verdict="not-understood">
        {m.exercise.notUnderstood(m.answer.notUnderstood(feedback.reason))}
      </p>
    );
  }
  const label = feedback.verdict === "correct" ? m.exercise.correct : m.exercise.wrong;
  return (
    <div className={`verdict ${feedback.verdict}`} role="status" data-testid="verdict" data-verdict={feedback.verdict}>
      <p>
        {m.exercise.youEntered} <span dangerouslySetInnerHTML={{ __html: inline(feedback.echoHtml) }} /> — <strong>{label}</strong>
      </p>
      {feedback.feedbackHtml ? <div className="feedback" data-testid="feedback" dangerouslySetInnerHTML={{ __html: feedback.feedbackHtml }} /> : null}
      {feedback.hintHtml ? <HintView html={feedback.hintHtml} /> : null}
    </div>
  );
}

/** The hint after a wrong answer that is no known mistake, labelled in the interface language. */
function HintView({ html }: { html: string }) {
  const m = useMessages();
  const body = inline(html);
  return (
    <div className="feedback" data-testid="feedback">
      {body !== html ? (
        <p>
          <strong>{m.exercise.hint}</strong> <span dangerouslySetInnerHTML={{ __html: body }} />
        </p>
      ) : (
        <>
          <p>
            <strong>{m.exercise.hint}</strong>
          </p>
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </>
      )}
    </div>
  );
}

/**
 * How the input will be understood, before it is checked: the same safe
 * parser the server uses, run in the browser (the spec holds no answer).
 */
function Preview({ input, spec }: { input: string; spec: DrawnExercise["answer"] }) {
  const m = useMessages();
  const r = useMemo(() => parseAnswer(input, spec), [input, spec]);
  if (!r.ok) {
    return (
      <p className="preview muted small" data-testid="preview" data-ok="false">
        {m.exercise.notUnderstoodYet(m.answer.notUnderstood(r.reason))}
      </p>
    );
  }
  return (
    <p className="preview muted small" data-testid="preview" data-ok="true">
      {m.exercise.readAs} <TexPreview tex={r.parsed.tex} />
    </p>
  );
}

type Temml = typeof import("temml").default;

/**
 * The echo's TeX drawn by the same Temml as the server's maths. Temml is
 * loaded on first use, so pages without an answer box never download it;
 * until it arrives the TeX itself is shown.
 */
function TexPreview({ tex }: { tex: string }) {
  const [temml, setTemml] = useState<Temml | null>(null);
  useEffect(() => {
    let live = true;
    void import("temml").then((mod) => live && setTemml(() => mod.default));
    return () => {
      live = false;
    };
  }, []);
  if (!temml) return <code>{tex}</code>;
  return <span dangerouslySetInnerHTML={{ __html: temml.renderToString(tex, { ...mathOptions, throwOnError: false }) }} />;
}
