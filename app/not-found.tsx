import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

/** Unknown URLs, and notes or exercise pages that do not exist, in the interface language and theme. */
export default async function NotFound() {
  const m = messages((await getPrefs()).locale);
  return (
    <section className="empty" data-testid="not-found">
      <h1>{m.notFound.title}</h1>
      <p className="muted">{m.notFound.text}</p>
      <Link href="/">{m.notFound.home}</Link>
    </section>
  );
}
