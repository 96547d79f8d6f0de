"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { optimizeSummary, optimizeWeights, resetWeights, type OptimizeReport, type OptimizeSummary } from "@/lib/db/optimize-weights";

export type OptimizeActionResult = { ok: true; report: OptimizeReport } | { ok: false; error: string };

/** "Optimise my parameters": fits, compares, adopts only if better (see lib/db/optimize-weights). */
export async function optimizeAction(): Promise<OptimizeActionResult> {
  try {
    const report = await optimizeWeights(getDb(), { now: new Date() });
    if (report.status === "done" && report.adopted) revalidatePath("/", "layout");
    return { ok: true, report };
  } catch (err) {
    console.error("FSRS optimisation failed", err);
    return { ok: false, error: (err as Error).message };
  }
}

export type ResetActionResult = { ok: true; summary: OptimizeSummary } | { ok: false; error: string };

export async function resetWeightsAction(): Promise<ResetActionResult> {
  try {
    const db = getDb();
    await resetWeights(db, new Date());
    revalidatePath("/", "layout");
    return { ok: true, summary: await optimizeSummary(db) };
  } catch (err) {
    console.error("resetting FSRS weights failed", err);
    return { ok: false, error: (err as Error).message };
  }
}
