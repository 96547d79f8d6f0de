import { backupStream, BackupError } from "@/lib/db/backup";
import { downloadHeaders, exportFileName } from "@/lib/export/download";

export const dynamic = "force-dynamic";

/**
 * HEAD answers with the download's headers and makes no snapshot. Without
 * it, Next runs GET for a HEAD request and drops the body unread, which
 * left a full copy of the database and an open descriptor behind each time.
 * The size is not known without a snapshot, so there is no Content-Length.
 */
export function HEAD() {
  return new Response(null, { headers: downloadHeaders(exportFileName("backup", new Date()), "application/vnd.sqlite3") });
}

export async function GET() {
  try {
    const { stream, size } = await backupStream();
    return new Response(stream, { headers: downloadHeaders(exportFileName("backup", new Date()), "application/vnd.sqlite3", size) });
  } catch (err) {
    if (err instanceof BackupError) return new Response(`Backup failed: ${err.message}\n`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
