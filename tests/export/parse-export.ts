/**
 * Readers for the exported files, written from the formats' rules (Anki's
 * text import manual, RFC 4180-style quoting; the FSRS review-log schema),
 * not from the exporter's code, so that tests read the files back the way
 * the other tools would.
 */

export interface AnkiFile {
  headers: string[];
  rows: string[][];
}

/** Leading `#key:value` lines are headers; then tab-separated records, a field in "…" may hold anything, "" is a quote. */
export function parseAnkiText(text: string): AnkiFile {
  const lines = text.split("\n");
  const headers: string[] = [];
  while (lines.length && lines[0]!.startsWith("#")) headers.push(lines.shift()!);
  const body = lines.join("\n");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < body.length) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === "\t") {
      row.push(field);
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { headers, rows };
}

/** The few HTML character references the exporter may write, decoded. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

export interface RevlogRow {
  card_id: number;
  review_time: number;
  review_rating: number;
  review_state: number;
  review_duration: number;
}

/** Header line, then one comma-separated line of integers per review. */
export function parseRevlogCsv(text: string): { header: string[]; rows: RevlogRow[] } {
  if (!text.endsWith("\n")) throw new Error("CSV does not end with a newline");
  const [head, ...lines] = text.slice(0, -1).split("\n");
  const header = head!.split(",");
  const rows = lines.map((line) => {
    const cells = line.split(",");
    if (cells.length !== header.length) throw new Error(`row "${line}" has ${cells.length} cells, header has ${header.length}`);
    const nums = cells.map((c) => {
      if (!/^-?\d+$/.test(c)) throw new Error(`cell "${c}" in "${line}" is not an integer`);
      return Number(c);
    });
    return Object.fromEntries(header.map((h, k) => [h, nums[k]])) as unknown as RevlogRow;
  });
  return { header, rows };
}
