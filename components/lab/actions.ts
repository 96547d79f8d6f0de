"use server";

import { z } from "zod";
import { renderMarkdown } from "@/lib/content/render";
import { labComparison, labUrl } from "@/lib/exercises/generators/lab-predict";
import type { PredictionComparison } from "@/lib/exercises/generators/lab-predict/compare";
import { attemptsForCard } from "@/lib/db/attempts";
import { getDb } from "@/lib/db/client";
import { getCardWithLocale } from "@/lib/db/queries";
import { instanceFor } from "@/lib/exercises/server";
import { inline } from "@/components/exercise/inline-html";

const input = z.object({ cardId: z.string().min(1).max(500), seed: z.number().int().min(1).max(2 ** 31 - 1), difficulty: z.number().int().min(1).max(3) });

/** The comparison with its TeX drawn as HTML (the browser has no maths renderer of its own for it). */
export interface PredictionOutcome {
  href: string;
  guess: { letter: string; optionHtml: string } | null;
  right: { letter: string; optionHtml: string };
  measuredHtml: string;
  measuredValue: number | null;
  gap: PredictionComparison["gap"];
}

export type PredictionOutcomeResult = { ok: true; outcome: PredictionOutcome } | { ok: false; error: "invalid" | "gone" | "not-answered" };

const tex = (t: string) => inline(renderMarkdown(`$${t}$`).html);

/**
 * A drawn prediction's guess beside the lab's measured value, and the address
 * of its setup. The measurement is the answer, so it is given only once the
 * server has stored the end of that very instance (a right answer or a
 * reveal); the guess is the last answer it accepted for it (input it could
 * not read is never stored, so it is never shown as a guess).
 */
export async function predictionOutcomeAction(req: z.input<typeof input>): Promise<PredictionOutcomeResult> {
  const p = input.safeParse(req);
  if (!p.success) return { ok: false, error: "invalid" };
  const db = getDb();
  const card = await getCardWithLocale(db, p.data.cardId);
  if (!card?.exercise) return { ok: false, error: "gone" };
  try {
    const inst = instanceFor(card.exercise, p.data.seed, p.data.difficulty, card.noteLocale);
    const mine = (await attemptsForCard(db, card.id)).filter((a) => a.seed === inst.seed && a.generator === inst.generator && a.params.difficulty === inst.params.difficulty);
    if (!mine.some((a) => a.verdict === "correct" || a.verdict === "revealed")) return { ok: false, error: "not-answered" };
    const lastGuess = mine.filter((a) => a.verdict !== "revealed" && typeof a.parsedValue === "string").at(-1);
    const c = labComparison(inst, typeof lastGuess?.parsedValue === "string" ? lastGuess.parsedValue : null);
    const href = labUrl(inst);
    if (!c || !href) return { ok: false, error: "gone" };
    return {
      ok: true,
      outcome: {
        href,
        guess: c.guess ? { letter: c.guess.letter, optionHtml: tex(c.guess.optionTex) } : null,
        right: { letter: c.right.letter, optionHtml: tex(c.right.optionTex) },
        measuredHtml: tex(c.measuredTex),
        measuredValue: c.measuredValue,
        gap: c.gap,
      },
    };
  } catch {
    return { ok: false, error: "gone" };
  }
}
