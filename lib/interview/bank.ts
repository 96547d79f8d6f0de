import type { KeyPoint, Lang, ParsedNote } from "@/lib/content/types";

/**
 * The interview bank: every card of one language that has key points
 * (content/README.md, "Interview questions"). Pure: parsed notes in.
 */

export interface InterviewQuestion {
  /** The question card's global id. */
  id: string;
  /** The note the question is written in, and its language. */
  noteId: string;
  lang: Lang;
  /** The note most of its points' cards come from (the first on a tie): what the question is about. */
  topic: { id: string; title: string };
  /** Markdown: the question (the card's front). */
  question: string;
  /** Markdown: the model answer (the card's back). */
  answer: string;
  points: KeyPoint[];
}

/** The note id of a global card id `<note id>:<card id>` (note ids may hold colons; card ids may not). */
export function noteOfCard(cardId: string): string {
  return cardId.slice(0, cardId.lastIndexOf(":"));
}

/** The topic: the note that most of the points' cards belong to; ties go to the one named first. */
export function topicOf(points: readonly KeyPoint[]): string {
  const counts = new Map<string, number>();
  for (const p of points) for (const c of p.cards) counts.set(noteOfCard(c), (counts.get(noteOfCard(c)) ?? 0) + 1);
  let best = "";
  let most = 0;
  // Map keeps insertion order, so on a tie the first note named wins.
  for (const [note, n] of counts) if (n > most) [best, most] = [note, n];
  return best;
}

/**
 * The questions of `lang`. Points naming a card that does not exist are
 * dropped (content:check reports them), and so is a question left with none.
 */
export function interviewBank(notes: readonly ParsedNote[], lang: Lang): InterviewQuestion[] {
  const inLang = notes.filter((n) => n.lang === lang);
  const titles = new Map(inLang.map((n) => [n.id, n.title]));
  const known = new Set(inLang.flatMap((n) => n.cards.map((c) => c.id)));
  const questions: InterviewQuestion[] = [];
  for (const note of inLang) {
    for (const card of note.cards) {
      if (!card.interview) continue;
      const points = card.interview.points
        .filter((p) => p.cards.every((c) => known.has(c)))
        .map((p) => (p.followUp?.kind === "exercise" && !known.has(p.followUp.cardId) ? { ...p, followUp: null } : p));
      if (points.length === 0) continue;
      const topic = topicOf(points);
      questions.push({ id: card.id, noteId: note.id, lang, topic: { id: topic, title: titles.get(topic) ?? topic }, question: card.front, answer: card.back, points });
    }
  }
  return questions;
}

/**
 * The questions of every language studied. The same question in two
 * languages (the same card id under `en/…` and `zh/…`) is asked once, in
 * `prefer` (the interface language) when that is studied.
 */
export function interviewBankFor(notes: readonly ParsedNote[], langs: readonly Lang[], prefer: Lang): InterviewQuestion[] {
  return mergeBanks((lang) => interviewBank(notes, lang), langs, prefer);
}

/** interviewBankFor over banks already made per language (`bankOf(lang)`: interviewBank's result). */
export function mergeBanks(bankOf: (lang: Lang) => readonly InterviewQuestion[], langs: readonly Lang[], prefer: Lang): InterviewQuestion[] {
  const ordered = langs.includes(prefer) ? [prefer, ...langs.filter((l) => l !== prefer)] : [...langs];
  const seen = new Set<string>();
  const out: InterviewQuestion[] = [];
  for (const lang of ordered) {
    for (const q of bankOf(lang)) {
      const twin = q.id.startsWith(`${lang}/`) ? q.id.slice(lang.length + 1) : q.id;
      if (seen.has(twin)) continue;
      seen.add(twin);
      out.push(q);
    }
  }
  return out;
}
