import { getDb } from "@/lib/db/client";
import { exportCounts } from "@/lib/db/export";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

export const dynamic = "force-dynamic";

export default async function ExportPage() {
  const [{ locale }, counts] = await Promise.all([getPrefs(), exportCounts(getDb())]);
  const m = messages(locale).export;
  // Plain <a download>: these are file responses, not pages for client-side navigation.
  const items = [
    { href: "/export/anki", label: m.anki, help: m.ankiHelp, testId: "export-anki" },
    { href: "/export/reviews", label: m.reviews, help: m.reviewsHelp, testId: "export-reviews" },
    { href: "/export/backup", label: m.backup, help: m.backupHelp, testId: "export-backup" },
  ];
  return (
    <section>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <p data-testid="export-counts">{m.counts(counts.cards, counts.reviews)}</p>
      <ul className="export-list">
        {items.map((it) => (
          <li key={it.href}>
            <a className="button" href={it.href} download data-testid={it.testId}>
              {it.label}
            </a>
            <p className="muted small">{it.help}</p>
          </li>
        ))}
      </ul>
      <p className="muted small" data-testid="export-empty-note">
        {m.empty}
      </p>
    </section>
  );
}
