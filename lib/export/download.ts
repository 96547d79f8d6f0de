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

/**
 * A download's body from text pieces, read one piece at a time as the client
 * takes them (a slow client pauses the reading instead of filling memory).
 * `first` is the piece already read, so that an error before the first byte
 * could still become an error response.
 */
export function textStream(first: IteratorResult<string>, rest: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: IteratorResult<string> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = pending ?? (await rest.next());
      pending = null;
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await rest.return?.();
    },
  });
}
