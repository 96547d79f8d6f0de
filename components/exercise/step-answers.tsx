"use client";

import { useRef, useState, useTransition } from "react";
import { useMessages } from "@/components/i18n";
import type { DrawnExercise, StepsCheck } from "@/lib/exercises/server";
import { checkStepsAction } from "./actions";
import { inline } from "./inline-html";

/**
 * Step-by-step answering for a multi-factor exercise (as STACK and Numbas
 * offer it): one box per intermediate, checked on the server with error
 * carried forward, so the feedback points at the first wrong step and the
 * steps after it are judged on the learner's own value. Nothing here is
 * recorded; when every step is right, the last step goes into the answer box,
 * where the final answer is checked and recorded as usual.
 */
export function StepAnswers({
  item,
  disabled,
  onAllRight,
}: {
  item: DrawnExercise & { steps: NonNullable<DrawnExercise["steps"]> };
  disabled: boolean;
  onAllRight: (last: string) => void;
}) {
  const m = useMessages();
  const t = m.exercise.steps;
  const [inputs, setInputs] = useState<string[]>(() => item.steps.map(() => ""));
  const [result, setResult] = useState<StepsCheck | null>(null);
  const [pending, startTransition] = useTransition();
  const boxes = useRef<(HTMLInputElement | null)[]>([]);

  // The steps filled so far, from the first: checking stops at the first empty box.
  const filled = (() => {
    const n = inputs.findIndex((v) => !v.trim());
    return inputs.slice(0, n === -1 ? inputs.length : n);
  })();

  const check = () => {
    if (disabled || pending || filled.length === 0) return;
    startTransition(async () => {
      const r = await checkStepsAction({ cardId: item.cardId, seed: item.seed, difficulty: item.difficulty, inputs: filled });
      setResult(r);
      if (r.ok && r.steps.length === item.steps.length && r.steps.every((s) => s.verdict === "correct")) onAllRight(filled[filled.length - 1] as string);
    });
  };

  const verdicts = result?.ok ? result.steps : [];
  return (
    <details className="steps" data-testid="steps">
      <summary>{t.toggle}</summary>
      <p className="muted small">{t.intro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <ol className="step-list">
          {item.steps.map((step, i) => {
            const v = verdicts[i];
            const id = `step-${item.seed}-${step.id}`;
            return (
              <li key={step.id} data-testid="step" data-verdict={v?.verdict ?? "none"}>
                <label htmlFor={id}>
                  <span className="muted small">{t.step(i + 1)}</span> <span dangerouslySetInnerHTML={{ __html: inline(step.html) }} />
                </label>
                <input
                  id={id}
                  ref={(el) => {
                    boxes.current[i] = el;
                  }}
                  value={inputs[i]}
                  disabled={disabled}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={300}
                  aria-invalid={v?.verdict === "wrong" || v?.verdict === "not-understood" ? true : undefined}
                  onChange={(e) => {
                    const next = [...inputs];
                    next[i] = e.target.value;
                    setInputs(next);
                    setResult(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") e.currentTarget.blur();
                    // Enter moves on to the next empty step, and checks from the last one.
                    if (e.key === "Enter" && i < item.steps.length - 1 && !inputs[i + 1]?.trim()) {
                      e.preventDefault();
                      boxes.current[i + 1]?.focus();
                    }
                  }}
                />
                {v ? (
                  <span className={`step-verdict ${v.verdict}`} role="status">
                    {v.verdict === "correct" ? `✓ ${t.right}` : v.verdict === "wrong" ? `✗ ${t.wrongHere}` : t.notUnderstood(v.reason ? m.answer.notUnderstood(v.reason) : "")}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="submit" disabled={disabled || pending || filled.length === 0} data-testid="check-steps">
          {pending ? m.exercise.checking : t.check}
        </button>
      </form>
      {result && !result.ok ? (
        <p className="error" role="alert">
          {m.exercise.errors[result.error]}
        </p>
      ) : null}
      {result?.ok && result.firstWrong !== null ? (
        <p className="verdict wrong" data-testid="steps-first-wrong">
          {t.firstWrong(result.firstWrong + 1)}
        </p>
      ) : null}
      {result?.ok && result.steps.length === item.steps.length && result.firstWrong === null && result.steps.every((s) => s.verdict === "correct") ? (
        <p className="verdict correct" data-testid="steps-all-right">
          {t.allRight}
        </p>
      ) : null}
    </details>
  );
}
