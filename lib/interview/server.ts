import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_CONTENT_DIR, loadContent, scanNoteFiles } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { renderMarkdown } from "@/lib/content/render";
import type { Lang, ParsedCard, ParsedNote } from "@/lib/content/types";
import { getDb } from "@/lib/db/client";
import { keyPointStanding } from "@/lib/db/interview";
import { getSettings } from "@/lib/db/settings";
import { schedulerFor } from "@/lib/srs/config";
import { interviewBank, mergeBanks, noteOfCard, type InterviewQuestion } from "./bank";
import { pickQuestions } from "./pick";
import type { SessionQuestion, SessionCard } from "./session";

/**
 * The interview's server side. Key points live only in the Markdown (the
 * database has no place for them), so the bank is read from the notes. They
 * are parsed again only when a file changed (its size or modification time),
 * which costs one stat per note on each request instead of a full parse
 * (30–150 ms for the 30 notes here on a busy two-core machine).
 *
 * What is kept between requests is the bank of each language and the cards
 * its points name, not the parsed notes: at 100,000 cards those held 75 MB
 * of the server's heap for as long as it ran (issue 12's memory target).
 */

interface Bank {
  signature: string;
  banks: ReadonlyMap<Lang, readonly InterviewQuestion[]>;
  /** The cards the questions' points and follow-up exercises name. */
  cards: ReadonlyMap<string, ParsedCard>;
}

let cached: Bank | null = null;

function readBank(): Bank {
  const dir = process.env.CONTENT_DIR || DEFAULT_CONTENT_DIR;
  const signature = [dir, ...scanNoteFiles(dir).files.map((f) => {
    const st = statSync(path.join(dir, f));
    return `${f}\0${st.size}\0${st.mtimeMs}`;
  })].join("\n");
  if (cached?.signature !== signature) cached = bankOf(signature, loadContent(dir, contentParseOptions()).notes);
  return cached;
}

function bankOf(signature: string, notes: readonly ParsedNote[]): Bank {
  const banks = new Map((["en", "zh"] as const).map((lang) => [lang, interviewBank(notes, lang)] as const));
  const named = new Set<string>();
  for (const bank of banks.values()) {
    for (const q of bank) {
      for (const p of q.points) {
        p.cards.forEach((c) => named.add(c));
        if (p.followUp?.kind === "exercise") named.add(p.followUp.cardId);
      }
    }
  }
  const cards = new Map(notes.flatMap((n) => n.cards.filter((c) => named.has(c.id)).map((c) => [c.id, c] as const)));
  return { signature, banks, cards };
}

const bankFor = (langs: InterviewLangs): InterviewQuestion[] => {
  const { banks } = readBank();
  return mergeBanks((lang) => banks.get(lang) ?? [], langs.study, langs.prefer);
};

export interface BankSummary {
  questions: number;
  topics: number;
}

/** The languages studied, and the interface language (preferred for a question written in both). */
export interface InterviewLangs {
  study: readonly Lang[];
  prefer: Lang;
}

export function bankSummary(langs: InterviewLangs): BankSummary {
  const bank = bankFor(langs);
  return { questions: bank.length, topics: new Set(bank.map((q) => q.topic.id)).size };
}

/** Picks the questions of a new interview: a fresh session id and seed, weighted by the schedule now. */
export async function startInterview(langs: InterviewLangs, count: number, now: Date = new Date()): Promise<{ session: string; questionIds: string[] }> {
  const bank = bankFor(langs);
  const db = getDb();
  const scheduler = schedulerFor(await getSettings(db));
  const standing = await keyPointStanding(db, bank.flatMap((q) => q.points.flatMap((p) => p.cards)), now, scheduler);
  const picked = pickQuestions(bank, standing, { count, seed: randomInt(1, 2 ** 31) });
  return { session: randomUUID(), questionIds: picked.map((q) => q.id) };
}

const html = (markdown: string) => renderMarkdown(markdown).html;

/** Rendered for use inside a heading or label: one paragraph loses its <p> wrapper. */
function inlineHtml(markdown: string): string {
  const out = html(markdown).trim();
  const inner = out.startsWith("<p>") && out.endsWith("</p>") ? out.slice(3, -4) : null;
  return inner !== null && !inner.includes("<p>") && !inner.includes("<p ") ? inner : out;
}

/** How a card is named in the list of cards to grade: a cloze shows its whole text, an exercise its title. */
function cardLabel(card: ParsedCard): string {
  if (card.kind === "exercise") return card.exercise?.title ?? card.front;
  return card.kind === "cloze" ? card.back : card.front;
}

const exerciseHref = (cardId: string) => `/exercise/${noteOfCard(cardId).split("/").map(encodeURIComponent).join("/")}?card=${encodeURIComponent(cardId)}`;

/**
 * The questions `ids` (in that order) rendered for the browser, with the
 * cards behind their points. Ids no longer in the bank are left out.
 */
export function sessionQuestions(langs: InterviewLangs, ids: readonly string[]): { questions: SessionQuestion[]; cards: SessionCard[] } {
  const bank = new Map<string, InterviewQuestion>(bankFor(langs).map((q) => [q.id, q]));
  const cardsById = readBank().cards;
  const questions: SessionQuestion[] = [];
  const cardIds = new Set<string>();
  for (const id of new Set(ids)) {
    const q = bank.get(id);
    if (!q) continue;
    questions.push({
      id: q.id,
      lang: q.lang,
      topic: q.topic,
      questionHtml: inlineHtml(q.question),
      answerHtml: html(q.answer),
      points: q.points.map((p) => {
        p.cards.forEach((c) => cardIds.add(c));
        const f = p.followUp;
        return {
          html: inlineHtml(p.text),
          cards: p.cards,
          followUp: !f
            ? null
            : f.kind === "question"
              ? { kind: "question" as const, html: inlineHtml(f.text) }
              : { kind: "exercise" as const, title: cardsById.get(f.cardId)?.exercise?.title ?? f.cardId, href: exerciseHref(f.cardId) },
        };
      }),
    });
  }
  const cards = [...cardIds].flatMap((id) => {
    const c = cardsById.get(id);
    return c ? [{ id, html: inlineHtml(cardLabel(c)) }] : [];
  });
  return { questions, cards };
}

/** Every card some key point (of either language) rests on: the only cards the interview may grade. */
export function keyPointCardIds(): Set<string> {
  const { banks } = readBank();
  return new Set([...banks.values()].flatMap((bank) => bank.flatMap((q) => q.points.flatMap((p) => p.cards))));
}
