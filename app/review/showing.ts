import "server-only";
import type { FSRS } from "ts-fsrs";
import { renderMarkdown } from "@/lib/content/render";
import type { QueuedCard, StudyBatch } from "@/lib/db/queue";
import { newSeed, tryDrawnExercise } from "@/lib/exercises/server";
import { formatInterval } from "@/lib/i18n/interval";
import type { Locale } from "@/lib/i18n/locale";
import { GRADES, previewDue } from "@/lib/srs/schedule";
import type { SessionBatch, ShownCard } from "./session-types";

/** How a showing is drawn: the scheduler for the interval previews, the interface language, and the broken-exercise message in it. */
export interface ShowContext {
  scheduler: FSRS;
  now: Date;
  locale: Locale;
  brokenMessage: string;
}

/** A queued card ready to paint: Markdown rendered, intervals previewed, its exercise drawn. */
export function toShownCard(card: QueuedCard, ctx: ShowContext): ShownCard {
  const due = previewDue(ctx.scheduler, card.schedule, ctx.now, card.id);
  const intervalMs = GRADES.map((g) => due[g].getTime() - ctx.now.getTime());
  // A card whose exercise cannot be drawn is shown as an error card the learner can bury or suspend.
  const exercise = card.exercise ? tryDrawnExercise(card.id, card.exercise, newSeed(), card.noteLocale) : null;
  return {
    id: card.id,
    token: card.token,
    noteTitle: card.noteTitle,
    kind: card.kind,
    frontHtml: renderMarkdown(card.front).html,
    backHtml: renderMarkdown(card.back).html,
    intervals: intervalMs.map((ms) => formatInterval(ms, ctx.locale)),
    intervalMs,
    exercise,
    brokenMessage: card.exercise && !exercise ? ctx.brokenMessage : null,
    queue: card.queue,
    due: card.schedule.due.getTime(),
    failed: card.failed,
  };
}

export function toSessionBatch(batch: StudyBatch, ctx: ShowContext): SessionBatch {
  return {
    cards: batch.cards.map((c) => toShownCard(c, ctx)),
    counts: batch.counts,
    done: batch.done.total,
    more: batch.more,
    drop: batch.drop,
    limited: batch.limited,
    nextDue: batch.nextDue?.toISOString() ?? null,
    serverNow: ctx.now.getTime(),
  };
}
