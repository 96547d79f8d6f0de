import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

export default async function InterviewLoading() {
  const { locale } = await getPrefs();
  const m = messages(locale).interview;
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted" role="status" aria-live="polite">
        {m.loading}
      </p>
    </>
  );
}
