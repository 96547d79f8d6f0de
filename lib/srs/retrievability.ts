import type { FSRS } from "ts-fsrs";
import { State, toFsrs, type CardState } from "./schedule";

/**
 * Probability of recalling a card at `now` under the scheduler's forgetting
 * curve (FSRS). A card never studied has no memory yet: 0.
 */
export function retrievability(scheduler: FSRS, state: CardState, now: Date): number {
  if (state.state === State.New || state.stability <= 0) return 0;
  return scheduler.get_retrievability(toFsrs(state), now, false);
}
