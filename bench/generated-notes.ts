/**
 * A seeded collection of Markdown notes, parsed the way the app parses
 * content/, for sync tests and `npm run bench:sync`. Built in memory: no
 * files, so thousands of notes cost a parse and nothing else.
 */
import { parseNote } from "../lib/content/parse";
import type { ParsedNote } from "../lib/content/types";
import { createRng } from "../lib/engine/rng";

const TOPICS = ["sigmoid saturation", "ReLU", "BatchNorm", "residual blocks", "LSTM gates", "gradient clipping", "Xavier init", "BPTT"];

/** The Markdown of generated note `n`: basic, multi-line and cloze cards, each with a stable marker. */
export function generatedNoteText(n: number, cards: number, seed: number, edit = 0): string {
  const rng = createRng(seed * 1_000_003 + n);
  const topic = rng.pick(TOPICS);
  const lines = ["---", `id: gen/note-${n}`, `title: Generated note ${n} on ${topic}`, "lang: en", `tags: [generated, t${n % 17}]`, "---", `# ${topic}`, "", `Prose about ${topic}, edit ${edit}.`, ""];
  for (let i = 0; i < cards; i++) {
    const a = rng.int(1, 999);
    const b = rng.uniform(0, 1).toFixed(4);
    switch (i % 3) {
      case 0:
        lines.push(`What is factor ${i} of ${topic} in layer ${a}?::$\\sigma'(z) = ${b}$ ^c${i}`);
        break;
      case 1:
        lines.push(`Why does ${topic} matter at depth ${a} (${i})?`, "?", `Because the product of ${a} factors of ${b} shrinks.`, `Worked through in detail. ^c${i}`);
        break;
      default:
        lines.push(`At depth ${a} the gradient norm of ${topic} is ==${b}== and grows by ==${a}== (${i}). ^c${i}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** `count` parsed notes of about `cards` cards each; throws if a generated note does not parse cleanly. */
export function generatedNotes(count: number, cards: number, seed = 1): ParsedNote[] {
  return Array.from({ length: count }, (_, n) => {
    const r = parseNote(generatedNoteText(n, cards, seed), `gen/note-${n}.md`);
    if (!r.note || r.issues.length) throw new Error(`generated note ${n} does not parse: ${JSON.stringify(r.issues[0])}`);
    return r.note;
  });
}
