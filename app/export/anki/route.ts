import { getDb } from "@/lib/db/client";
import { cardsForAnki } from "@/lib/db/export";
import { formatAnkiExport } from "@/lib/export/anki";
import { downloadHeaders, exportFileName } from "@/lib/export/download";

export const dynamic = "force-dynamic";

export async function GET() {
  const text = formatAnkiExport(await cardsForAnki(getDb()));
  return new Response(text, { headers: downloadHeaders(exportFileName("anki", new Date()), "text/plain; charset=utf-8") });
}
