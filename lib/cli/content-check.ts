import { loadContent } from "@/lib/content/load";
import { formatIssue, isError } from "@/lib/content/types";
import { contentParseOptions } from "@/lib/content/options";

const { notes, issues } = loadContent(process.argv[2], contentParseOptions());
const cards = notes.reduce((n, note) => n + note.cards.length, 0);
for (const issue of issues) console.error(formatIssue(issue));
const errors = issues.filter(isError).length;
const warnings = issues.length - errors;
console.log(`${notes.length} notes, ${cards} cards, ${errors} problem(s)${warnings ? `, ${warnings} warning(s)` : ""}`);
// A warning (a deprecated form that still loads) does not fail the check.
process.exit(errors ? 1 : 0);
