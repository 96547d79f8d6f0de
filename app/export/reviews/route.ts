import { revlogCsvChunks } from "@/lib/db/export";
import { downloadHeaders, exportFileName, textStream } from "@/lib/export/download";
import { RevlogExportError } from "@/lib/export/revlog-csv";

export const dynamic = "force-dynamic";

/** Streamed a batch of cards at a time; what would make the file wrong is found before the first byte, as a 500. */
export async function GET() {
  const chunks = revlogCsvChunks();
  try {
    const first = await chunks.next();
    return new Response(textStream(first, chunks), { headers: downloadHeaders(exportFileName("reviews", new Date()), "text/csv; charset=utf-8") });
  } catch (err) {
    if (err instanceof RevlogExportError) return new Response(`Review log export failed: ${err.message}\n`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
