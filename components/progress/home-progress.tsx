import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { HBarChart } from "@/components/charts/hbar-chart";
import { getDb } from "@/lib/db/client";
import { homeProgress } from "@/lib/db/stats";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";

/** The home page's progress: due later today, streak, 14-day forecast, weakest notes. Streams in after the counts. */
export async function HomeProgress({ locale, langs }: { locale: Locale; langs: readonly string[] }) {
  const m = messages(locale);
  const p = m.progress;
  const data = await homeProgress(getDb(), new Date(), langs);
  const date = new Intl.DateTimeFormat(m.htmlLang, { month: "short", day: "numeric", weekday: "short", timeZone: "UTC" });
  const utc = (key: string) => new Date(`${key}T00:00:00Z`);
  const total = data.forecast.reduce((s, d) => s + d.count, 0);
  const { streak } = data;
  return (
    <section aria-labelledby="progress-heading" className="progress-section">
      <h2 id="progress-heading">{p.heading}</h2>
      <div className="stats">
        <div className="stat">
          <div className="value" data-testid="due-later-count">
            {data.dueLaterToday}
          </div>
          <div className="label">{p.dueLater}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="streak-count">
            {streak.current}
          </div>
          <div className="label">
            {p.streak}
            {streak.since ? ` · ${p.streakSince(streak.since)}` : ""}
            {streak.longest > streak.current ? ` · ${p.longest(streak.longest)}` : ""}
          </div>
        </div>
      </div>
      <p className="muted small">{p.streakHelp(data.dayStartHour)}</p>

      <h3>{p.forecastTitle}</h3>
      <BarChart
        testId="forecast-chart"
        label={p.forecastLabel(total)}
        columns={[m.stats.day, m.stats.cards]}
        empty={p.forecastEmpty}
        bars={data.forecast.map((d) => ({
          label: d.offset === 0 ? "●" : d.day.slice(8).replace(/^0/, ""),
          name: d.offset === 0 ? `${p.today} (${date.format(utc(d.day))})` : date.format(utc(d.day)),
          value: d.count,
          tone: d.offset === 0 ? "today" : undefined,
        }))}
      />

      <h3>{p.masteryTitle}</h3>
      <p className="muted small">
        {p.masteryHelp}
        {data.notesWithCards > data.mastery.length ? ` ${p.masteryShown(data.mastery.length, data.notesWithCards)}` : ""}
      </p>
      <HBarChart
        testId="mastery-chart"
        label={p.masteryLabel}
        columns={[m.home.notes, p.masteryColumn]}
        empty={p.masteryEmpty}
        rows={data.mastery.map((n) => ({ name: n.title, value: n.mastery, note: p.studiedOf(n.studied, n.cards) }))}
      />
      <p>
        <Link href="/stats">{p.allStats} →</Link>
      </p>
    </section>
  );
}

export function HomeProgressLoading({ locale }: { locale: Locale }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {messages(locale).progress.loading}
    </p>
  );
}
