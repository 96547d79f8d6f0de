import type { Metadata } from "next";
import Link from "next/link";
import "./_math/temml.css";
import "./globals.css";
import { I18nProvider } from "@/components/i18n";
import { LanguageSwitch } from "@/components/language/language-switch";
import { StatusNoticeProvider } from "@/components/status-notice";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";

export const metadata: Metadata = {
  title: "GradPrep — vanishing & exploding gradients",
  description: "Study notes, flashcards and live computed exercises, scheduled with FSRS.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // getPrefs first: it reads the request, which keeps `next build` away from the database.
  const { locale } = await getPrefs();
  const { theme } = await getSettings(getDb());
  const m = messages(locale);
  return (
    <html lang={m.htmlLang} data-theme={theme}>
      <body>
        <I18nProvider locale={locale}>
          <header className="site-header">
            <Link href="/" className="brand">
              GradPrep
            </Link>
            <nav>
              <Link href="/">{m.nav.home}</Link>
              <Link href="/review">{m.nav.review}</Link>
              <Link href="/cram">{m.nav.cram}</Link>
              <Link href="/browse">{m.browse.nav}</Link>
              <Link href="/interview">{m.interview.nav}</Link>
              <Link href="/settings">{m.nav.settings}</Link>
              <Link href="/export">{m.export.nav}</Link>
              <Link href="/stats">{m.stats.nav}</Link>
              <Link href="/lab">{m.lab.nav}</Link>
            </nav>
            {/* Outside the nav, so that on a phone it stays beside the brand instead of wrapping alone. */}
            <LanguageSwitch />
          </header>
          <StatusNoticeProvider>
            <main>{children}</main>
          </StatusNoticeProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
