import { createRng } from "@/lib/engine/rng";
import type { InterviewQuestion } from "./bank";

/**
 * Which questions a mock interview asks. Pure and deterministic: the bank,
 * what the schedule knows about the cards behind each question, and a seed in.
 */

/** What the schedule says about one card behind a key point. */
export interface CardStanding {
  /** Probability of recall now (FSRS retrievability); 0 for a card never studied. */
  retrievability: number;
  /** Due now or overdue. */
  due: boolean;
  /** Times the learner forgot it after having learned it. */
  lapses: number;
  /** Never studied. */
  isNew: boolean;
}

export const DEFAULT_QUESTION_COUNT = 5;
export const MIN_MINUTES = 2;
export const MAX_MINUTES = 5;
export const DEFAULT_MINUTES = 3;
/** The most questions one interview asks. */
export const MAX_QUESTION_COUNT = 10;

/** A card the database does not know yet counts as never studied. */
const UNSEEN: CardStanding = { retrievability: 0, due: true, lapses: 0, isNew: true };

/**
 * How much the schedule wants a card rehearsed, about 0 (just learned, far
 * from due) to 3: forgetting probability $1 - R$, plus 1 when it is due, plus
 * 0.2 per lapse up to five. A card never studied counts as half forgotten and
 * not due: it is weak, but no more than one the learner keeps forgetting.
 *
 * $$ w = (1 - R) + [\text{due}] + 0.2\,\min(\text{lapses}, 5) $$
 */
export function cardWeakness(c: CardStanding): number {
  if (c.isNew) return 0.5;
  return 1 - Math.min(1, Math.max(0, c.retrievability)) + (c.due ? 1 : 0) + 0.2 * Math.min(c.lapses, 5);
}

/**
 * A question's weight: a floor of 0.1 (every question can come up) plus the
 * mean weakness of the distinct cards behind its points.
 */
export function questionWeight(q: InterviewQuestion, standing: ReadonlyMap<string, CardStanding>): number {
  const ids = [...new Set(q.points.flatMap((p) => p.cards))];
  if (ids.length === 0) return 0.1;
  const mean = ids.reduce((s, id) => s + cardWeakness(standing.get(id) ?? UNSEEN), 0) / ids.length;
  return 0.1 + mean;
}

/** Index drawn with probability proportional to its weight (weights > 0). */
function drawIndex(weights: readonly number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Picks `count` questions (fewer when the bank is smaller), spread across
 * topics: a topic comes up a second time only once every topic has come up
 * once (and so on), so no two questions share a topic while another topic
 * is unused. Each pick first draws a topic among the least used, with
 * probability proportional to its weakest (heaviest) remaining question,
 * then a question of that topic in proportion to its weight. The order is
 * the order of the picks. The same inputs and seed give the same questions.
 */
export function pickQuestions(
  bank: readonly InterviewQuestion[],
  standing: ReadonlyMap<string, CardStanding>,
  options: { count: number; seed: number },
): InterviewQuestion[] {
  const rng = createRng(options.seed);
  const weight = new Map(bank.map((q) => [q.id, questionWeight(q, standing)]));
  const remaining = new Map<string, InterviewQuestion[]>();
  for (const q of bank) remaining.set(q.topic.id, [...(remaining.get(q.topic.id) ?? []), q]);
  const used = new Map<string, number>([...remaining.keys()].map((t) => [t, 0]));
  const picked: InterviewQuestion[] = [];
  const count = Math.max(0, Math.min(Math.floor(options.count), bank.length));
  while (picked.length < count) {
    const open = [...remaining].filter(([, qs]) => qs.length > 0).map(([t]) => t);
    const fewest = Math.min(...open.map((t) => used.get(t)!));
    const topics = open.filter((t) => used.get(t) === fewest);
    const topic = topics[drawIndex(topics.map((t) => Math.max(...remaining.get(t)!.map((q) => weight.get(q.id)!))), rng.next())]!;
    const qs = remaining.get(topic)!;
    const i = drawIndex(qs.map((q) => weight.get(q.id)!), rng.next());
    picked.push(qs[i]!);
    qs.splice(i, 1);
    used.set(topic, fewest + 1);
  }
  return picked;
}
