"use client";

import Link from "next/link";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ExerciseRunner, type ExerciseResult } from "@/components/exercise/exercise-runner";
import { CardFace, GradeButtons, ShowAnswer } from "@/components/flashcard";
import { useMessages } from "@/components/i18n";
import { KeyList } from "@/components/key-list";
import { LocalTime } from "@/components/local-time";
import { gradeOf, useStudyKeys } from "@/components/study-keys";
import { suggestedGrade } from "@/lib/srs/exercise-grade";
import { ownValue } from "@/lib/own-key";
import { idleOutbox, tabOutbox, type Outbox, type OutboxStatus } from "./outbox";
import { SessionController, type Command, type SessionNotice, type SessionView } from "./session-controller";
import type { SessionBatch } from "./session-types";

type Messages = ReturnType<typeof useMessages>;

/**
 * The review session: Anki's keys (Space/Enter shows the answer and on the
 * answer side takes the default grade, 1–4 grade, b buries, s suspends, u
 * undoes, ? lists the keys). The browser holds the next cards and paints the
 * next one as soon as a key is pressed (session-controller.ts); grades are
 * saved in the background, and the header says when some are still waiting
 * or cannot be saved. A live exercise is answered first; its verdict
 * suggests the grade, which the learner may override.
 */
export function ReviewSession({ initial }: { initial: SessionBatch }) {
  const m = useMessages();
  // The first view is drawn from the server's batch alone, on the server and in the first
  // browser render alike; the session (with the tab's outbox) starts once the page is live.
  const [preview] = useState(() => new SessionController(initial, idleOutbox).getView());
  const [session, setSession] = useState<{ ctl: SessionController; outbox: Outbox } | null>(null);
  useEffect(() => {
    const outbox = tabOutbox();
    const ctl = new SessionController(initial, outbox);
    setSession({ ctl, outbox });
    const stop = ctl.start();
    // Back after a while (another tab, the next morning): ask the server what changed meanwhile.
    let hiddenAt = 0;
    const onVisibility = () => {
      if (document.visibilityState === "hidden") hiddenAt = Date.now();
      else if (hiddenAt && Date.now() - hiddenAt > RESYNC_AFTER_HIDDEN_MS) ctl.resync();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      stop();
    };
  }, [initial]);
  const ctl = session?.ctl ?? null;
  const view = useSyncExternalStore(ctl?.subscribe ?? noSubscribe, ctl?.getView ?? (() => preview), () => preview);

  const dispatch = (c: Command) => ctl?.dispatch(c);
  // These buttons stay while the cards change: a focused one would take the next Space for itself.
  const act = (c: Command) => (e: React.MouseEvent<HTMLButtonElement>) => {
    e.currentTarget.blur();
    dispatch(c);
  };
  const { showKeys, toggleKeys } = useStudyKeys((key) => {
    if (!ctl) return false;
    const g = gradeOf(key);
    ctl.dispatch(g ? { type: "grade", rating: g } : key === "answer" ? { type: "answer" } : key === "undo" ? { type: "undo" } : key === "bury" ? { type: "bury" } : { type: "suspend" });
    return true;
  });

  const card = view.current;
  const left = view.counts.new + view.counts.learning + view.counts.review;
  return (
    <>
      <div role="status" aria-live="polite">
        {view.notice && view.notice.code !== "error" ? (
          <p className="notice" data-testid="notice">
            {noticeText(view.notice, m)}
          </p>
        ) : null}
      </div>
      <div role="alert">
        {view.notice?.code === "error" ? (
          <p className="error" data-testid="review-error">
            {noticeText(view.notice, m)}
          </p>
        ) : null}
      </div>
      {card ? (
        <section aria-busy={view.undoing}>
          <div className="review-meta">
            <span>{card.noteTitle}</span>
            <SaveStatus outbox={session?.outbox ?? null} />
            <span className="queue-counts" data-testid="queue-counts">
              <span className="new" title={m.review.queue.new} data-testid="count-new">
                {view.counts.new} <span className="sr-label">{m.review.queue.new}</span>
              </span>
              <span className="learning" title={m.review.queue.learning} data-testid="count-learning">
                {view.counts.learning} <span className="sr-label">{m.review.queue.learning}</span>
              </span>
              <span className="review" title={m.review.queue.review} data-testid="count-review">
                {view.counts.review} <span className="sr-label">{m.review.queue.review}</span>
              </span>
            </span>
          </div>
          <progress className="session-progress" max={1} value={view.progress} aria-label={m.review.doneToday(view.done, left)} data-testid="session-progress" />
          <div className="review-card" key={view.showing} data-testid="review-card" data-card-id={card.id} data-kind={card.kind}>
            {card.brokenMessage ? (
              <p className="error" role="alert" data-testid="broken-card">
                {card.brokenMessage}
              </p>
            ) : card.exercise ? (
              <ExerciseRunner
                initial={card.exercise}
                context="review"
                allowNewVariant={false}
                onDone={exerciseDone(ctl, view.showing)}
              />
            ) : (
              <CardFace frontHtml={card.frontHtml} backHtml={card.backHtml} revealed={view.revealed} />
            )}
          </div>
          {view.revealed ? (
            <GradeButtons onGrade={(g) => dispatch({ type: "grade", rating: g })} intervals={card.intervals} highlight={card.exercise ? view.suggested : null}>
              {card.exercise ? (
                <span data-testid="suggested">
                  {m.review.suggested} <strong>{m.review.grades[view.suggested - 1]}</strong> — {m.review.acceptOrChoose[0]} <kbd>Enter</kbd> {m.review.acceptOrChoose[1]}{" "}
                  <kbd>1</kbd>–<kbd>4</kbd> {m.review.acceptOrChoose[2]}
                </span>
              ) : null}
            </GradeButtons>
          ) : card.exercise || card.brokenMessage ? null : (
            <ShowAnswer onClick={() => dispatch({ type: "reveal" })} />
          )}
          <div className="actions">
            <button onClick={act({ type: "undo" })}>
              {m.review.undo} <kbd>u</kbd>
            </button>
            <button onClick={act({ type: "bury" })} data-testid="bury">
              {m.review.bury} <kbd>b</kbd>
            </button>
            <button onClick={act({ type: "suspend" })} data-testid="suspend">
              {m.review.suspend} <kbd>s</kbd>
            </button>
          </div>
          <KeyList rows={m.review.keys} open={showKeys} onToggle={toggleKeys} />
        </section>
      ) : view.phase === "loading" ? (
        <section className="empty" data-testid="queue-loading" aria-busy="true">
          <p className="muted">{m.review.loading}</p>
          <SaveStatus outbox={session?.outbox ?? null} />
        </section>
      ) : (
        <EmptyQueue view={view} outbox={session?.outbox ?? null} />
      )}
    </>
  );
}

const noSubscribe = () => () => undefined;

/** A tab hidden this long asks the server for its view of the queue when it is shown again. */
const RESYNC_AFTER_HIDDEN_MS = 5 * 60_000;

/** The runner's verdict, for the showing it belongs to only (an answer still on its way must not reveal the next card). */
function exerciseDone(ctl: SessionController | null, showing: number) {
  return (r: ExerciseResult) => {
    if (ctl?.isShowing(showing)) ctl.exerciseDone(suggestedGrade(r));
  };
}

function EmptyQueue({ view, outbox }: { view: SessionView; outbox: Outbox | null }) {
  const m = useMessages();
  return (
    <section className="empty" data-testid="nothing-due">
      <h1>{view.limited ? m.review.doneForToday : m.review.nothingDue}</h1>
      <SaveStatus outbox={outbox} />
      {view.limited ? (
        <p data-testid="limit-reached">{m.review.limitReached}</p>
      ) : view.nextDue ? (
        <p>
          {m.review.nextDue} <LocalTime iso={view.nextDue} />.
        </p>
      ) : (
        <p className="muted">{m.review.noCards}</p>
      )}
      <p className="muted">
        {m.review.press} <kbd>u</kbd> {m.review.undoHint}
      </p>
      <Link href="/">{m.review.backHome}</Link>
    </section>
  );
}

const idleStatus: OutboxStatus = { waiting: 0, failing: false, retryAt: null, since: null };

/** How long grades may wait before the header says so (a quick save should not flicker). */
const SAY_WAITING_AFTER_MS = 400;

/** "2 grades waiting to be saved", or that saving fails and is retried. Nothing while all is saved. */
function SaveStatus({ outbox }: { outbox: Outbox | null }) {
  const m = useMessages();
  const status = useSyncExternalStore(
    outbox ? (l) => outbox.subscribe(l) : noSubscribe,
    () => outbox?.status ?? idleStatus,
    () => idleStatus,
  );
  const [, rerender] = useState(0);
  const waitedEnough = status.since !== null && Date.now() - status.since >= SAY_WAITING_AFTER_MS;
  useEffect(() => {
    if (status.since === null || waitedEnough) return;
    const t = setTimeout(() => rerender((n) => n + 1), SAY_WAITING_AFTER_MS - (Date.now() - status.since) + 10);
    return () => clearTimeout(t);
  }, [status.since, waitedEnough]);
  if (status.failing) {
    return (
      <span className="error" role="alert" data-testid="save-status" data-state="failing">
        {m.review.saving.failed(status.waiting)}{" "}
        <button type="button" className="link" onClick={() => outbox?.retryNow()}>
          {m.review.saving.retry}
        </button>
      </span>
    );
  }
  if (status.waiting > 0 && waitedEnough) {
    return (
      <span className="muted" data-testid="save-status" data-state="waiting">
        {m.review.saving.waiting(status.waiting)}
      </span>
    );
  }
  return null;
}

function noticeText(n: SessionNotice, m: Messages): string {
  switch (n.code) {
    case "leech":
      return m.review.leech;
    case "buried":
      return m.review.buried;
    case "suspended":
      return m.review.suspended;
    case "undone":
      return ownValue(m.review.undone, n.what) ?? m.review.undone.grade!;
    case "error":
      if (n.error === "graded-elsewhere" && n.rating) return m.review.gradedElsewhere(m.review.grades[n.rating - 1] ?? "", n.noteTitle ?? "");
      return ownValue(m.review.errors, n.error) ?? m.review.failed;
  }
}
