import { loadContent } from "@/lib/content/load";
import { formatIssue } from "@/lib/content/types";
import { contentParseOptions } from "@/lib/content/options";

const { notes, issues } = loadContent(process.argv[2], contentParseOptions());
const cards = notes.reduce((n, note) => n + note.cards.length, 0);
for (const issue of issues) console.error(formatIssue(issue));
console.log(`${notes.length} notes, ${cards} cards, ${issues.length} problem(s)`);
process.exit(issues.length ? 1 : 0);
