import { getDb } from "@/lib/db/client";
import { reviewLogForExport } from "@/lib/db/export";
import { downloadHeaders, exportFileName } from "@/lib/export/download";
import { formatRevlogCsv, RevlogExportError } from "@/lib/export/revlog-csv";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const csv = formatRevlogCsv(await reviewLogForExport(getDb()));
    return new Response(csv, { headers: downloadHeaders(exportFileName("reviews", new Date()), "text/csv; charset=utf-8") });
  } catch (err) {
    if (err instanceof RevlogExportError) return new Response(`Review log export failed: ${err.message}\n`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
