/** Content languages a note can be written in. */
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

/** How a card was written in the Markdown. */
export type CardKind = "basic" | "multiline" | "cloze" | "exercise";

/** A live exercise declared in an ```exercise block. */
export interface ExerciseSpec {
  /** Name of an exercise generator in lib/exercises. */
  generator: string;
  /** 1 (gentle) to 3 (hard): the generator's size/depth knob. */
  difficulty: number;
  /** Extra generator parameters, e.g. `{ activation: "tanh" }`. */
  params: Record<string, string | number | boolean>;
  /** Short title shown on the card front. */
  title: string | null;
}

export interface ParsedCard {
  /** Globally unique and stable: `<noteId>:<marker or derived hash>`. */
  id: string;
  /** The author's explicit `^marker`, if any. */
  marker: string | null;
  kind: CardKind;
  /** Markdown (with TeX) shown before the answer. */
  front: string;
  /** Markdown (with TeX) shown as the answer. */
  back: string;
  /** 1-based line in the file where the card starts. */
  line: number;
  /** Position of the card within its note. */
  ord: number;
  exercise: ExerciseSpec | null;
  /** The key points of an interview question (a `Key points:` block right after the card); absent when it has none. */
  interview?: InterviewSpec;
}

/** What a learner should say to a card asked as an interview question, from its `Key points:` block. */
export interface InterviewSpec {
  /** 1-based line of the `Key points:` header. */
  line: number;
  points: KeyPoint[];
}

/** One point of a model answer, and the cards it rests on. */
export interface KeyPoint {
  /** Markdown (with TeX): what the answer should cover. */
  text: string;
  /** Global card ids (`<note id>:<card id>`) this point rests on; never empty. */
  cards: string[];
  /** 1-based line of the point. */
  line: number;
  /** What to ask next when this point was missed. */
  followUp: FollowUp | null;
}

export type FollowUp =
  /** A deeper question, Markdown. */
  | { kind: "question"; text: string; line: number }
  /** A live exercise card (global id) to work through. */
  | { kind: "exercise"; cardId: string; line: number };

/** Review metadata carried in frontmatter (the seed-003 keys). */
export interface NoteMeta {
  created: string | null;
  lastReviewed: string | null;
  nextReview: string | null;
  reviewCount: number;
  difficulty: "easy" | "medium" | "hard";
  /** 0..1 */
  masteryLevel: number;
  tags: string[];
  relatedOutlines: string[];
}

export interface ParsedNote {
  id: string;
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  title: string;
  lang: Lang;
  meta: NoteMeta;
  /** Markdown after the frontmatter, cards included. */
  body: string;
  /** The body with card blocks removed: the explanatory text to render. */
  prose: string;
  cards: ParsedCard[];
  /** Hash of the whole file, to skip unchanged notes and detect edits. */
  contentHash: string;
}

/** A problem found in content, always pointing at file, line and field. */
export interface ContentIssue {
  file: string;
  line: number;
  field: string;
  message: string;
  /** Set for something that still loads but should be changed (a deprecated form); absent for an error. */
  severity?: "warning";
}

export interface ParseResult {
  /** Null when the note cannot be loaded at all (e.g. broken frontmatter). */
  note: ParsedNote | null;
  issues: ContentIssue[];
}

export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}: ${issue.severity ? `${issue.severity}: ` : ""}${issue.field}: ${issue.message}`;
}

/** True for an error, false for a warning (content that loads as written). */
export function isError(issue: ContentIssue): boolean {
  return issue.severity === undefined;
}
