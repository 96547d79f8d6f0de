import type { ContentIssue } from "./types";

/**
 * Turns a note file's bytes into text, or says why it is not a note. Pure.
 *
 * Node's `readFileSync(…, "utf8")` replaces every invalid byte with U+FFFD,
 * so a Latin-1 "Café" or a GBK note would load as garbage and write-back
 * would save that garbage over the file. Here a file that is not valid UTF-8
 * is refused, naming the first bad byte; so is a binary file that happens to
 * end in `.md` (a NUL byte never occurs in a text note).
 */
export type DecodeResult = { ok: true; text: string } | { ok: false; issue: ContentIssue };

const NUL = 0;
const LF = 0x0a;

/** 1-based line of byte `offset` (the number of LF bytes before it, plus one). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === LF) line++;
  return line;
}

/** Offset where the first invalid UTF-8 sequence starts. */
function firstInvalidByte(bytes: Uint8Array): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      // A fresh decoder each time: a streaming one keeps a partial character.
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // Longest prefix that is valid UTF-8 or a valid start of it (a prefix may
  // end inside a character): validity of prefixes is monotone, so halve.
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (decodes(mid, true)) lo = mid;
    else hi = mid;
  }
  // The bad sequence starts where the last complete character ends (at most 3 bytes back).
  for (let s = lo; s >= Math.max(0, lo - 3); s--) if (decodes(s, false)) return s;
  return lo;
}

export function decodeNote(bytes: Uint8Array, file: string): DecodeResult {
  const nul = bytes.indexOf(NUL);
  if (nul >= 0) {
    return {
      ok: false,
      issue: { file, line: lineAt(bytes, nul), field: "file", message: `binary file, not a text note (NUL byte at byte offset ${nul})` },
    };
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text, so write-back keeps it in the file.
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
    return {
      ok: false,
      issue: {
        file,
        line: lineAt(bytes, at),
        field: "encoding",
        message: `not valid UTF-8 at byte offset ${at} (byte 0x${hex}); save the file as UTF-8 (it is not loaded, and never written back)`,
      },
    };
  }
}
