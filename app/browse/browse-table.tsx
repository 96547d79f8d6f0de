"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useLocale, useMessages } from "@/components/i18n";
import { browseAction, undoBrowseActionAction, type BrowseActionError } from "./actions";

/** One card as the list shows it: every value already worded by the server. */
export interface BrowseRowView {
  id: string;
  question: string;
  noteTitle: string;
  /** The list narrowed to this card's note. */
  noteHref: string;
  lang: string;
  state: string;
  flags: { key: "suspended" | "buried" | "leech"; label: string }[];
  due: string;
  interval: string;
  stability: string;
  difficulty: string;
  retrievability: string;
  lapses: number;
  /** This page with the card's info open. */
  infoHref: string;
}

export interface ColumnHead {
  key: string;
  label: string;
  /** Link that sorts by this column (toggling the direction when it is the current sort); null when it cannot sort. */
  href: string | null;
  sort: "ascending" | "descending" | null;
  numeric: boolean;
}

type Pending = "suspend" | "unsuspend" | "bury" | "reset" | "reschedule";

/**
 * The browser's list: a grid with one tab stop. ↑/↓ move, Space selects,
 * Enter opens card info, Shift+↑/↓ extend, Ctrl+A selects the page, Esc clears,
 * PageUp/PageDown change page. The actions apply to the selection, or, with
 * nothing selected, say so.
 */
export function BrowseTable({
  rows,
  columns,
  prevHref,
  nextHref,
  today,
}: {
  rows: BrowseRowView[];
  columns: ColumnHead[];
  prevHref: string | null;
  nextHref: string | null;
  /** The study day today (YYYY-MM-DD): the earliest date to reschedule to. */
  today: string;
}) {
  const m = useMessages();
  const b = m.browse;
  const locale = useLocale();
  const router = useRouter();
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [confirmReset, setConfirmReset] = useState(false);
  const [date, setDate] = useState(today);
  const [notice, setNotice] = useState<{ text: string; error: boolean; batch: string | null } | null>(null);
  const [pending, start] = useTransition();
  const grid = useRef<HTMLTableElement>(null);

  // After a refresh (an action, an undo) some cards may have left the list: keep the rest.
  const ids = rows.map((r) => r.id).join("\n");
  useEffect(() => {
    const present = new Set(ids.split("\n"));
    setSelected((s) => (Array.from(s).every((id) => present.has(id)) ? s : new Set(Array.from(s).filter((id) => present.has(id)))));
    setActive((a) => Math.min(a, Math.max(0, present.size - 1)));
  }, [ids]);

  useEffect(() => {
    grid.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const toggle = (id: string, on?: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  function onKeyDown(e: React.KeyboardEvent<HTMLTableElement>) {
    if (e.target !== e.currentTarget || e.altKey) return;
    const last = rows.length - 1;
    const move = (to: number) => {
      const i = Math.max(0, Math.min(last, to));
      if (e.shiftKey && rows[active] && rows[i]) {
        toggle(rows[active].id, true);
        toggle(rows[i].id, true);
      }
      setActive(i);
    };
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && key.toLowerCase() === "a") {
      setSelected(new Set(rows.map((r) => r.id)));
    } else if (e.ctrlKey || e.metaKey) {
      return;
    } else if (key === "ArrowDown") move(active + 1);
    else if (key === "ArrowUp") move(active - 1);
    else if (key === "Home") move(0);
    else if (key === "End") move(last);
    else if (key === " ") {
      const row = rows[active];
      if (row) toggle(row.id);
    } else if (key === "Enter") {
      const row = rows[active];
      if (row) router.push(row.infoHref, { scroll: false });
    } else if (key === "Escape") setSelected(new Set());
    else if (key === "PageDown" && nextHref) router.push(nextHref);
    else if (key === "PageUp" && prevHref) router.push(prevHref);
    else return;
    e.preventDefault();
  }

  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const fail = (error: BrowseActionError) => {
    setNotice({ text: b.actions.errors[error] ?? m.review.failed, error: true, batch: null });
    if (error === "not-found") router.refresh();
  };
  const dayLabel = (ymd: string) => new Intl.DateTimeFormat(m.htmlLang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${ymd}T00:00:00Z`));

  function run(kind: Pending) {
    setConfirmReset(false);
    if (chosen.length === 0) {
      setNotice({ text: b.actions.noneSelected, error: true, batch: null });
      return;
    }
    start(async () => {
      const r = kind === "reschedule" ? await browseAction({ kind, cardIds: chosen, date }) : await browseAction({ kind, cardIds: chosen });
      if (!r.ok) return fail(r.error);
      const done = kind === "reschedule" ? b.actions.done.reschedule(r.changed, dayLabel(date)) : b.actions.done[kind](r.changed);
      setNotice({ text: r.unchanged ? `${done} ${b.actions.unchanged(r.unchanged)}` : done, error: false, batch: r.changed ? r.batch : null });
      router.refresh();
    });
  }

  function undo(batch: string) {
    start(async () => {
      const r = await undoBrowseActionAction(batch);
      if (!r.ok) return fail(r.error);
      setNotice({ text: b.actions.undone(r.restored), error: false, batch: null });
      router.refresh();
    });
  }

  return (
    <>
      <div className="browse-actions" role="group" aria-label={b.actions.legend} data-testid="browse-actions">
        <span className="muted" data-testid="selected-count" aria-live="polite">
          {b.selected(chosen.length)}
        </span>
        <button type="button" className="small-button" disabled={pending} onClick={() => run("suspend")} data-testid="action-suspend">
          {b.actions.suspend}
        </button>
        <button type="button" className="small-button" disabled={pending} onClick={() => run("unsuspend")} data-testid="action-unsuspend">
          {b.actions.unsuspend}
        </button>
        <button type="button" className="small-button" disabled={pending} onClick={() => run("bury")} data-testid="action-bury">
          {b.actions.bury}
        </button>
        <button
          type="button"
          className="small-button"
          disabled={pending}
          aria-expanded={confirmReset}
          onClick={() => (chosen.length ? setConfirmReset(true) : run("reset"))}
          data-testid="action-reset"
        >
          {b.actions.reset}
        </button>
        <span className="browse-reschedule">
          <label>
            <span className="sr-label">{b.actions.rescheduleDate}</span>
            <input type="date" value={date} min={today} onChange={(e) => setDate(e.target.value)} data-testid="reschedule-date" aria-label={b.actions.rescheduleDate} />
          </label>
          <button type="button" className="small-button" disabled={pending || !date} onClick={() => run("reschedule")} data-testid="action-reschedule">
            {b.actions.reschedule}
          </button>
        </span>
      </div>
      {confirmReset ? (
        <div className="notice browse-confirm" role="alert" data-testid="confirm-reset">
          <p>{b.actions.confirmReset(chosen.length)}</p>
          <p className="actions">
            <button type="button" className="small-button primary" disabled={pending} onClick={() => run("reset")} data-testid="confirm-reset-yes">
              {b.actions.confirm}
            </button>
            <button type="button" className="small-button" onClick={() => setConfirmReset(false)}>
              {b.actions.cancel}
            </button>
          </p>
        </div>
      ) : null}
      <div aria-live="polite" aria-atomic="true">
        {notice ? (
          <p className={`notice browse-notice${notice.error ? " error-notice" : ""}`} data-testid="browse-notice">
            <span>{notice.text}</span>{" "}
            {notice.batch ? (
              <button type="button" className="small-button" disabled={pending} onClick={() => undo(notice.batch!)} data-testid="browse-undo">
                {b.actions.undo}
              </button>
            ) : null}
            <button type="button" className="link" onClick={() => setNotice(null)} aria-label={m.note.dismiss}>
              ×
            </button>
          </p>
        ) : null}
      </div>
      <div className="browse-scroll browse-list">
        <table
          ref={grid}
          id="browse-grid"
          className="browse-table"
          role="grid"
          aria-multiselectable="true"
          aria-label={b.listLabel}
          aria-rowcount={rows.length + 1}
          aria-activedescendant={rows[active] ? `browse-row-${active}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="browse-grid"
          lang={locale === "zh" ? "zh-CN" : "en"}
        >
          <thead>
            <tr>
              <th scope="col" className="check">
                <span className="sr-label">{b.columns.select}</span>
              </th>
              {columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={c.sort ?? undefined} className={c.numeric ? "num" : undefined}>
                  {c.href ? (
                    <Link href={c.href} tabIndex={-1} data-testid={`sort-${c.key}`}>
                      {c.label}
                      {c.sort ? <span aria-hidden="true">{c.sort === "ascending" ? " ▲" : " ▼"}</span> : null}
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={r.id}
                id={`browse-row-${i}`}
                data-index={i}
                data-card-id={r.id}
                aria-selected={selected.has(r.id)}
                className={i === active ? "active" : undefined}
                onClick={() => {
                  // A click makes the row the active one and leaves the keys with the list.
                  setActive(i);
                  grid.current?.focus({ preventScroll: true });
                }}
              >
                <td className="check">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    onMouseDown={(e) => e.preventDefault()}
                    checked={selected.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    aria-label={`${b.columns.select}: ${r.question}`}
                  />
                </td>
                <td className="question" lang={r.lang === "zh" ? "zh-CN" : "en"}>
                  <Link href={r.infoHref} scroll={false} tabIndex={-1}>
                    {r.question}
                  </Link>
                  {r.flags.map((f) => (
                    <span key={f.key} className={`tag${f.key === "leech" ? " leech" : ""}`} data-flag={f.key}>
                      {f.label}
                    </span>
                  ))}
                </td>
                <td className="note-title" lang={r.lang === "zh" ? "zh-CN" : "en"}>
                  <Link href={r.noteHref} tabIndex={-1}>
                    {r.noteTitle}
                  </Link>
                </td>
                <td className="state">{r.state}</td>
                <td className="num">{r.due}</td>
                <td className="num">{r.interval}</td>
                <td className="num">{r.stability}</td>
                <td className="num">{r.difficulty}</td>
                <td className="num">{r.retrievability}</td>
                <td className="num">{r.lapses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
