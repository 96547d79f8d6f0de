import { getDb } from "@/lib/db/client";
import { ankiExportChunks } from "@/lib/db/export";
import { downloadHeaders, exportFileName, textStream } from "@/lib/export/download";

export const dynamic = "force-dynamic";

/** Streamed a batch of notes at a time: 100,000 cards never sit in memory at once. */
export async function GET() {
  const chunks = ankiExportChunks(getDb());
  const first = await chunks.next();
  return new Response(textStream(first, chunks), { headers: downloadHeaders(exportFileName("anki", new Date()), "text/plain; charset=utf-8") });
}
