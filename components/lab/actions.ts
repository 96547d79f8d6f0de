"use server";

import { z } from "zod";
import { labUrl } from "@/lib/exercises/generators/lab-predict";
import { getDb } from "@/lib/db/client";
import { getCardWithLocale } from "@/lib/db/queries";
import { instanceFor } from "@/lib/exercises/server";

const input = z.object({ cardId: z.string().min(1).max(500), seed: z.number().int().min(1).max(2 ** 31 - 1), difficulty: z.number().int().min(1).max(3) });

/**
 * The /lab address of a drawn prediction's setup (lab-predict's labUrl), so
 * that after answering the learner can run exactly that setup and see the
 * measured value. Only once answered is it worth asking: the setup is in the
 * prompt already, the measured value is not in the address.
 */
export async function predictionSetupAction(req: z.input<typeof input>): Promise<{ ok: true; href: string } | { ok: false }> {
  const p = input.safeParse(req);
  if (!p.success) return { ok: false };
  const card = await getCardWithLocale(getDb(), p.data.cardId);
  if (!card?.exercise) return { ok: false };
  try {
    const href = labUrl(instanceFor(card.exercise, p.data.seed, p.data.difficulty, card.noteLocale));
    return href ? { ok: true, href } : { ok: false };
  } catch {
    return { ok: false };
  }
}
