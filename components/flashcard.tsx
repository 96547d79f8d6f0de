"use client";

import { useMessages } from "./i18n";

/** Again, Hard, Good, Easy. */
export type GradeValue = 1 | 2 | 3 | 4;

/** CSS classes of the four grade buttons (colours), whatever the interface language. */
const GRADE_CLASSES = ["again", "hard", "good", "easy"] as const;

/** A flashcard's question, and its answer once revealed (HTML rendered on the server). */
export function CardFace({ frontHtml, backHtml, revealed }: { frontHtml: string; backHtml: string; revealed: boolean }) {
  return (
    <>
      <div className="front" dangerouslySetInnerHTML={{ __html: frontHtml }} />
      {revealed ? <div className="answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: backHtml }} /> : null}
    </>
  );
}

/** The "Show answer" button (Space). */
export function ShowAnswer({ onClick }: { onClick: () => void }) {
  const m = useMessages();
  return (
    <div className="actions">
      <button className="primary" onClick={onClick}>
        {m.review.showAnswer} <kbd>Space</kbd>
      </button>
    </div>
  );
}

/**
 * The four grade buttons with their keys, optionally each with the interval
 * it would give, one of them highlighted (an exercise's suggested grade), and
 * a line below them.
 */
export function GradeButtons({
  onGrade,
  intervals,
  highlight,
  disabled,
  children,
}: {
  onGrade: (grade: GradeValue) => void;
  intervals?: readonly string[];
  highlight?: GradeValue | null;
  disabled?: boolean;
  children?: React.ReactNode;
}) {
  const m = useMessages();
  return (
    <div className="grades" role="group" aria-label={m.review.gradeGroup}>
      {m.review.grades.map((label, i) => (
        <button
          key={label}
          className={`${GRADE_CLASSES[i]}${highlight === i + 1 ? " suggested" : ""}`}
          disabled={disabled}
          onClick={() => onGrade((i + 1) as GradeValue)}
          data-testid={`grade-${i + 1}`}
        >
          <span>
            {label} <kbd>{i + 1}</kbd>
          </span>
          {intervals ? <span className="interval">{intervals[i]}</span> : null}
        </button>
      ))}
      {children ? (
        <p className="muted small" style={{ gridColumn: "1 / -1" }}>
          {children}
        </p>
      ) : null}
    </div>
  );
}
