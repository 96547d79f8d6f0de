/** Download names carry the local date, e.g. gradprep-anki-2026-03-01.txt. */
export function exportFileName(kind: "anki" | "reviews" | "backup", now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const ext = { anki: "txt", reviews: "csv", backup: "db" }[kind];
  return `gradprep-${kind}-${date}.${ext}`;
}

/** Headers for a file download that must not be cached (it is a snapshot of now). */
export function downloadHeaders(fileName: string, contentType: string, size?: number): Headers {
  const h = new Headers({
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
  });
  if (size !== undefined) h.set("Content-Length", String(size));
  return h;
}
