/**
 * What tests/e2e/fixtures/content holds; keep in step with those files.
 * Card ids are `<note id>:<marker>`.
 */
export const FIXTURE_NOTES = [
  {
    id: "e2e/basics",
    title: "E2E basics",
    lang: "en",
    cards: ["e2e/basics:first", "e2e/basics:second", "e2e/basics:third"],
  },
  {
    id: "e2e/zh-chain-rule",
    title: "链式法则（E2E）",
    lang: "zh",
    cards: ["e2e/zh-chain-rule:zh-max", "e2e/zh-chain-rule:zh-cause"],
  },
  {
    id: "e2e/an-exercise",
    title: "E2E live exercise",
    lang: "en",
    cards: ["e2e/an-exercise:sigma-prime"],
  },
  {
    id: "e2e/interview",
    title: "E2E interview",
    lang: "en",
    cards: ["e2e/interview:q-one", "e2e/interview:q-two", "e2e/interview:q-three"],
  },
] as const;

/** The one live exercise card; its note id sorts first, so review shows it first. */
export const EXERCISE_CARD_ID = "e2e/an-exercise:sigma-prime";

export const FIXTURE_CARD_IDS: readonly string[] = FIXTURE_NOTES.flatMap((n) => n.cards);

export function notePath(id: string): string {
  return `/notes/${id.split("/").map(encodeURIComponent).join("/")}`;
}
