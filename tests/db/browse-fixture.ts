import type { Db } from "@/lib/db/client";
import { State } from "@/lib/srs/schedule";

/**
 * A small collection for the browser's tests, written straight into a real
 * database: notes in English and Chinese (one retired), and cards in every
 * state the browser filters on, with known text, dues and memory states.
 */

export const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
export const daysFromNow = (d: number) => new Date(NOW.getTime() + d * DAY);

interface CardSpec {
  id: string;
  note: string;
  front: string;
  back?: string;
  kind?: string;
  exercise?: object;
  state?: State;
  due?: Date;
  stability?: number;
  difficulty?: number;
  scheduledDays?: number;
  lapses?: number;
  reps?: number;
  lastReview?: Date | null;
  suspended?: boolean;
  buriedUntil?: Date | null;
  leech?: boolean;
  retired?: boolean;
}

const review = (lastDaysAgo: number, stability: number, difficulty: number, scheduledDays: number, lapses = 0) => ({
  state: State.Review,
  lastReview: daysFromNow(-lastDaysAgo),
  due: daysFromNow(scheduledDays - lastDaysAgo),
  stability,
  difficulty,
  scheduledDays,
  lapses,
  reps: 3 + lapses,
});

export const CARDS: CardSpec[] = [
  { id: "en:new-1", note: "en/basics", front: "What is the Sigmoid derivative at zero?", back: "one quarter" },
  { id: "en:new-2", note: "en/basics", front: "Why do gradients vanish?", back: "A product of factors below one: 50% each" },
  { id: "en:rev-1", note: "en/basics", front: "Name the GRADIENT clipping threshold rule", back: "rescale when the norm exceeds c", ...review(10, 20, 5, 18) },
  { id: "en:rev-2", note: "en/basics", front: "What does ReLU do for x < 0?", back: "outputs 0", ...review(40, 12, 7.5, 12, 2) },
  { id: "en:rev-3", note: "en/basics", front: "He initialisation variance", back: "2 / fan_in", ...review(2, 300, 2.5, 280) },
  { id: "en:learn", note: "en/basics", front: "Residual connections add the identity", back: "gradient highway", state: State.Learning, lastReview: daysFromNow(0), due: daysFromNow(0.01), stability: 0.4, difficulty: 6, reps: 1 },
  { id: "en:relearn", note: "en/basics", front: "LSTM gates", back: "forget, input, output", state: State.Relearning, lastReview: daysFromNow(-1), due: daysFromNow(0.2), stability: 1.5, difficulty: 8.9, lapses: 8, reps: 12, leech: true },
  { id: "en:suspended", note: "en/basics", front: "BatchNorm at inference", back: "running statistics", ...review(5, 8, 4, 8), suspended: true },
  { id: "en:buried", note: "en/basics", front: "Gradient norm per layer", back: "shrinks towards the input", ...review(3, 6, 5.5, 6), buriedUntil: daysFromNow(0.5) },
  { id: "en:was-buried", note: "en/basics", front: "Exploding gradients in RNNs", back: "powers of W", ...review(4, 9, 5, 9), buriedUntil: daysFromNow(-0.5) },
  { id: "en:retired", note: "en/basics", front: "A removed gradient card", back: "gone", retired: true },
  {
    id: "en:exercise",
    note: "en/exercise",
    kind: "exercise",
    front: "sigmoid-derivative",
    back: "",
    exercise: { generator: "sigmoid-derivative", difficulty: 1, params: { mode: "value" }, title: "Evaluate the sigmoid derivative" },
    ...review(6, 7, 5, 7),
  },
  { id: "zh:rev", note: "zh/chain", front: "梯度消失的根本原因是什么？", back: "多个小于一的因子连乘", ...review(20, 15, 6, 16, 1) },
  { id: "zh:new", note: "zh/chain", front: "Sigmoid 导数的最大值是多少？", back: "$\\tfrac14$" },
  { id: "old:card", note: "old/gone", front: "A card of a retired note about gradients", back: "still here" },
];

export const NOTES = [
  { id: "en/basics", title: "Basics", lang: "en", tags: ["e2e", "grad"], retired: false },
  { id: "en/exercise", title: "Exercise note", lang: "en", tags: ["e2e2"], retired: false },
  { id: "zh/chain", title: "链式法则", lang: "zh", tags: ["梯度"], retired: false },
  { id: "old/gone", title: "Gone", lang: "en", tags: ["grad"], retired: true },
];

/** Writes NOTES and CARDS (created in list order, so rowids follow it). */
export async function seedBrowseFixture(db: Db): Promise<void> {
  for (const n of NOTES) {
    await db.note.create({
      data: {
        id: n.id,
        path: `${n.id}.md`,
        title: n.title,
        lang: n.lang,
        tags: JSON.stringify(n.tags),
        relatedOutlines: "[]",
        difficulty: "medium",
        prose: "",
        contentHash: "h",
        retired: n.retired,
        syncedAt: daysFromNow(-100),
      },
    });
  }
  let ord = 0;
  for (const c of CARDS) {
    await db.card.create({
      data: {
        id: c.id,
        noteId: c.note,
        kind: c.kind ?? "basic",
        front: c.front,
        back: c.back ?? "",
        line: ord + 1,
        ord: ord++,
        exercise: c.exercise ? JSON.stringify(c.exercise) : null,
        retired: c.retired ?? false,
        suspended: c.suspended ?? false,
        buriedUntil: c.buriedUntil ?? null,
        leech: c.leech ?? false,
        due: c.due ?? daysFromNow(-100),
        stability: c.stability ?? 0,
        difficulty: c.difficulty ?? 0,
        scheduledDays: c.scheduledDays ?? 0,
        lapses: c.lapses ?? 0,
        reps: c.reps ?? 0,
        state: c.state ?? State.New,
        lastReview: c.lastReview ?? null,
        createdAt: daysFromNow(-100),
      },
    });
  }
}
