import { describe, expect, it } from "vitest";
import { LEARN_AHEAD_MS } from "@/lib/srs/limits";
import { mixQueue, pickNext, QueueGatherer, siblingsToBury, type HeldCard, type NextPick, type QueueCard } from "@/lib/srs/queue";
import { State } from "@/lib/srs/schedule";

const now = new Date("2026-12-03T12:00:00Z");
const dayEnd = new Date("2026-12-04T04:00:00Z");
const MIN = 60_000;

const card = (id: string, o: Partial<QueueCard & { suspended: boolean; buriedUntil: Date | null }> = {}) => ({
  id,
  noteId: id.split(":")[0]!,
  state: State.New,
  due: now,
  exercise: false,
  suspended: false,
  buriedUntil: null,
  ...o,
});

describe("sibling burying (Anki)", () => {
  const note = [
    card("n:speeds-1"),
    card("n:speeds-2"),
    card("n:speeds-3"),
    card("n:review-today", { state: State.Review, due: new Date("2026-12-03T20:00:00Z") }),
    card("n:review-later", { state: State.Review, due: new Date("2026-12-10T00:00:00Z") }),
    card("n:learning", { state: State.Learning }),
    card("n:suspended", { suspended: true }),
    card("n:buried", { buriedUntil: dayEnd }),
    card("other:new"),
  ];
  const answered = { id: "n:speeds-1", noteId: "n" };

  it("answering a card buries its note's new siblings and review siblings due today, and nothing else", () => {
    expect(siblingsToBury(answered, note, { newSiblings: true, reviewSiblings: true }, dayEnd, now)).toEqual(["n:speeds-2", "n:speeds-3", "n:review-today"]);
  });

  it("each kind follows its own setting", () => {
    expect(siblingsToBury(answered, note, { newSiblings: true, reviewSiblings: false }, dayEnd, now)).toEqual(["n:speeds-2", "n:speeds-3"]);
    expect(siblingsToBury(answered, note, { newSiblings: false, reviewSiblings: true }, dayEnd, now)).toEqual(["n:review-today"]);
    expect(siblingsToBury(answered, note, { newSiblings: false, reviewSiblings: false }, dayEnd, now)).toEqual([]);
  });
});

describe("gathering today's queue", () => {
  const bothOn = { newSiblings: true, reviewSiblings: true };

  it("one card per note while siblings are buried: the clozes of one paragraph never come back to back", () => {
    const g = new QueueGatherer({ newLeft: 20, reviewsLeft: 200, exercisesLeft: 10 }, bothOn);
    const offered = ["a:speeds-1", "a:speeds-2", "a:speeds-3", "b:x", "b:y", "c:z"].map((id) => g.offerNew(card(id)));
    expect(offered).toEqual([null, "sibling", "sibling", null, "sibling", null]);
    expect(g.fresh.map((c) => c.id)).toEqual(["a:speeds-1", "b:x", "c:z"]);
    expect(g.skipped.sibling).toBe(3);
  });

  it("a learning or review card of a note keeps its new siblings out; with burying off they all come", () => {
    const g = new QueueGatherer({ newLeft: 20, reviewsLeft: 200, exercisesLeft: 10 }, bothOn);
    g.addLearning(card("a:l", { state: State.Learning }));
    expect(g.offerReview(card("a:r", { state: State.Review }))).toBe("sibling");
    expect(g.offerReview(card("b:r", { state: State.Review }))).toBeNull();
    expect(g.offerNew(card("b:n"))).toBe("sibling");
    const off = new QueueGatherer({ newLeft: 20, reviewsLeft: 200, exercisesLeft: 10 }, { newSiblings: false, reviewSiblings: false });
    for (const id of ["a:1", "a:2", "a:3"]) expect(off.offerNew(card(id))).toBeNull();
  });

  it("the daily limits, and the exercise cap across the review and new queues", () => {
    const g = new QueueGatherer({ newLeft: 2, reviewsLeft: 3, exercisesLeft: 2 }, { newSiblings: false, reviewSiblings: false });
    const reviews = ["r:1", "r:2", "r:3", "r:4"].map((id, i) => g.offerReview(card(id, { state: State.Review, exercise: i < 3 })));
    expect(reviews).toEqual([null, null, "exercise-cap", null]);
    expect(g.reviews.map((c) => c.id)).toEqual(["r:1", "r:2", "r:4"]);
    expect(g.reviewsFull).toBe(true);
    expect(g.offerReview(card("r:5", { state: State.Review }))).toBe("full");
    // The cap is shared: no exercise is left for the new queue.
    expect(g.offerNew(card("n:ex", { exercise: true }))).toBe("exercise-cap");
    expect(g.offerNew(card("n:1"))).toBeNull();
    expect(g.offerNew(card("n:2"))).toBeNull();
    expect(g.offerNew(card("n:3"))).toBe("full");
    expect(g.skipped["exercise-cap"]).toBe(2);
  });

  it("new cards are spread through the reviews, as newCardNext decides", () => {
    expect(mixQueue(["r1", "r2", "r3", "r4"], ["n1", "n2"], { newCards: 0, reviews: 0 })).toEqual(["r1", "n1", "r2", "r3", "n2", "r4"]);
    expect(mixQueue([], ["n1", "n2"], { newCards: 0, reviews: 0 })).toEqual(["n1", "n2"]);
    expect(mixQueue(["r1"], [], { newCards: 0, reviews: 0 })).toEqual(["r1"]);
  });
});

describe("the next card to show", () => {
  const t = now.getTime();
  const held = (id: string, o: Partial<HeldCard> = {}): HeldCard => ({ id, due: t, isExercise: false, failed: false, ready: true, ...o });

  it("learning due now, then the review/new queue in order, then learn-ahead by due time", () => {
    const learning = [held("ahead-late", { due: t + 15 * MIN }), held("due", { due: t - MIN }), held("ahead-soon", { due: t + 2 * MIN })];
    const main = [held("m1"), held("m2")];
    const order: string[] = [];
    let l = learning;
    let m = main;
    for (;;) {
      const p = pickNext(l, m, t, null);
      if (!p.card) break;
      order.push(p.card.id);
      l = l.filter((c) => c !== p.card);
      m = m.filter((c) => c !== p.card);
    }
    expect(order).toEqual(["due", "m1", "m2", "ahead-soon", "ahead-late"]);
  });

  it("a card due later than the learn-ahead window waits; nothing held, nothing to wait for", () => {
    const later = held("later", { due: t + LEARN_AHEAD_MS + MIN });
    expect(pickNext([later], [], t, null)).toEqual({ card: null, wakeAt: later.due });
    expect(pickNext([], [], t, null)).toEqual({ card: null, wakeAt: null });
  });

  it("a card whose next showing has not arrived yet is not shown, but is waited for", () => {
    const waiting = held("x", { ready: false, due: t + MIN });
    expect(pickNext([waiting], [], t, null)).toEqual({ card: null, wakeAt: waiting.due });
  });

  it("the card just answered is not shown again straight away when another can be, else it is (Anki)", () => {
    const x = held("x", { due: t + MIN });
    const y = held("y", { due: t + 5 * MIN });
    expect(pickNext([x, y], [], t, "x").card?.id).toBe("y");
    expect(pickNext([x], [], t, "x").card?.id).toBe("x");
  });

  it("two failing exercises at the end of a session wait out their 1-minute step instead of alternating", () => {
    // Grade whatever is shown Again at once, at a fixed clock, and count the showings.
    let learning: HeldCard[] = [held("ex-a", { isExercise: true, due: t + 3 * MIN }), held("ex-b", { isExercise: true, due: t + 4 * MIN })];
    let last: string | null = null;
    const shown: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p: NextPick<HeldCard> = pickNext(learning, [], t, last);
      if (!p.card) break;
      const id: string = p.card.id;
      shown.push(id);
      last = id;
      learning = [...learning.filter((c) => c.id !== id), held(id, { isExercise: true, failed: true, due: t + MIN })];
    }
    expect(shown).toEqual(["ex-a", "ex-b"]);
    // A minute later both are due and each is shown once more.
    const later = t + MIN;
    const p = pickNext(learning, [], later, last);
    expect(p.card?.id).toBe("ex-a");
  });

  it("flashcards failed in learn-ahead come back at once, as in Anki; a passed exercise is learned ahead", () => {
    expect(pickNext([held("f", { failed: true, due: t + MIN })], [], t, "f").card?.id).toBe("f");
    expect(pickNext([held("e", { isExercise: true, failed: false, due: t + 10 * MIN })], [], t, null).card?.id).toBe("e");
  });
});
