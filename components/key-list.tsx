"use client";

import { useMessages } from "./i18n";

/** A toggle button and, when open, the table of keyboard shortcuts. */
export function KeyList({ rows, open, onToggle }: { rows: readonly (readonly [string, string])[]; open: boolean; onToggle: () => void }) {
  const m = useMessages();
  return (
    <>
      <p className="muted small">
        <button type="button" className="link" onClick={onToggle} aria-expanded={open}>
          {m.review.keysTitle} <kbd>?</kbd>
        </button>
      </p>
      {open ? <KeyTable rows={rows} caption={m.review.keysTitle} testId="keys" /> : null}
    </>
  );
}

/** The table of keyboard shortcuts: a key, what it does. */
export function KeyTable({ rows, caption, testId }: { rows: readonly (readonly [string, string])[]; caption?: string; testId?: string }) {
  return (
    <table className="keys" data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <tbody>
        {rows.map(([k, what]) => (
          <tr key={k}>
            <th scope="row">
              <kbd>{k}</kbd>
            </th>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whether a key press belongs to the page rather than to a focused control. */
export function isPageKey(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return false;
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target?.isContentEditable) return false;
  // A focused button or link handles its own Space/Enter.
  if ((tag === "BUTTON" || tag === "A") && (e.key === " " || e.key === "Enter")) return false;
  return true;
}
