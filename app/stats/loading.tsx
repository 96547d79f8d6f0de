import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

export default async function StatsLoading() {
  const { locale } = await getPrefs();
  const m = messages(locale);
  return (
    <>
      <h1>{m.stats.title}</h1>
      <p className="muted" role="status" aria-live="polite">
        {m.stats.loading}
      </p>
    </>
  );
}
