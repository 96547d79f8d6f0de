import { backupStream, BackupError } from "@/lib/db/backup";
import { downloadHeaders, exportFileName } from "@/lib/export/download";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { stream, size } = await backupStream();
    return new Response(stream, { headers: downloadHeaders(exportFileName("backup", new Date()), "application/vnd.sqlite3", size) });
  } catch (err) {
    if (err instanceof BackupError) return new Response(`Backup failed: ${err.message}\n`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
