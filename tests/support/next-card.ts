import { studyBatch, type QueuedCard, type QueueSettings } from "@/lib/db/queue";
import type { Db } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { pickNext } from "@/lib/srs/queue";
import { reviewToken } from "@/lib/srs/schedule";

/**
 * The card the review session shows next at `now` (what nextDueCard used to
 * return): the first batch of today's queue (studyBatch), picked from as the
 * browser picks (lib/srs pickNext: learning due now, the review/new queue,
 * then learning ahead), with the card an undo restored (`preferId`) first.
 * Settings are the saved ones, changed by `settings`. The card carries a
 * review token (lib/srs reviewToken), as nextDueCard gave, not the batch's
 * showing token: a grade undone can be given again with it. Showing tokens,
 * refused once their grade is undone, are tested in review-session.test.ts.
 */
export async function nextCard(db: Db, now: Date, o: { settings?: Partial<QueueSettings>; preferId?: string; langs?: readonly string[] } = {}): Promise<QueuedCard | null> {
  const settings = { ...(await getSettings(db)), ...o.settings };
  const { cards } = await studyBatch(db, { now, settings, langs: o.langs, preferId: o.preferId, size: 1 });
  if (o.preferId && cards[0]?.id === o.preferId) return { ...cards[0], token: reviewToken(cards[0].id, cards[0].schedule) };
  const held = cards.map((card) => ({ card, id: card.id, due: card.schedule.due.getTime(), isExercise: card.exercise !== null, failed: card.failed, ready: true }));
  const pick = pickNext(
    held.filter((h) => h.card.queue === "learning"),
    held.filter((h) => h.card.queue !== "learning"),
    now.getTime(),
    null,
  );
  const card = pick.card?.card;
  return card ? { ...card, token: reviewToken(card.id, card.schedule) } : null;
}
