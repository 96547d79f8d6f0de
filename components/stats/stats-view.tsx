import { BarChart } from "@/components/charts/bar-chart";
import { CalendarHeatmap } from "@/components/charts/calendar-heatmap";
import { HBarChart, percent } from "@/components/charts/hbar-chart";
import type { StatsOverview } from "@/lib/db/stats";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import type { Bin } from "@/lib/stats/histogram";
import { rate, RETENTION_PERIODS, type RetentionCounts } from "@/lib/stats/retention";
import { ownValue } from "@/lib/own-key";

/** Everything the stats page shows, from one StatsOverview. */
export function StatsView({
  data,
  locale,
  mistakeText,
  generatorTitles,
}: {
  data: StatsOverview;
  locale: Locale;
  /** Per entry of data.mistakes: the explanation (HTML, from its latest instance) and the exercise's title. */
  mistakeText?: ({ title: string; html: string } | null)[];
  /** Exercise titles by generator id. */
  generatorTitles?: Record<string, string>;
}) {
  const m = messages(locale);
  const s = m.stats;
  const utc = (key: string) => new Date(`${key}T00:00:00Z`);
  const dayName = new Intl.DateTimeFormat(m.htmlLang, { month: "short", day: "numeric", weekday: "short", timeZone: "UTC" });
  const minutes = (ms: number) => (Math.round(ms / 6000) / 10).toFixed(1);
  const totalDaily = data.daily.reduce((a, d) => a + d.count, 0);
  const totalMs = data.daily.reduce((a, d) => a + d.ms, 0);
  const grades = ["learning", "young", "mature"] as const;
  const perGrade = [0, 1, 2, 3].map((i) => grades.reduce((a, g) => a + data.buttons[g][i]!, 0));
  const graded = perGrade.reduce((a, b) => a + b, 0);
  const tones = ["again", "hard", "good", "easy"];

  return (
    <>
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">{s.heatmapTitle}</h2>
        {data.totalReviews === 0 ? (
          <p className="muted chart-empty" data-testid="heatmap-empty">
            {s.noReviews}
          </p>
        ) : (
          <CalendarHeatmap
            testId="heatmap"
            data={data.heatmap}
            text={{
              label: s.heatmapLabel(data.heatmap.total, data.heatmap.activeDays),
              monthsCaption: s.heatmapMonths,
              columns: [s.month, s.count],
              less: s.less,
              more: s.more,
              reviews: s.reviews,
              lang: m.htmlLang,
            }}
          />
        )}
      </section>

      <section aria-labelledby="daily-heading">
        <h2 id="daily-heading">{s.dailyTitle}</h2>
        <h3>{s.reviewsPerDay}</h3>
        <BarChart
          testId="reviews-per-day"
          label={s.reviewsPerDayLabel(totalDaily)}
          columns={[s.day, s.count]}
          empty={s.noReviews}
          labelEvery={5}
          bars={data.daily.map((d) => ({ label: d.day.slice(5), name: dayName.format(utc(d.day)), value: d.count }))}
        />
        <h3>{s.minutesPerDay}</h3>
        <BarChart
          testId="minutes-per-day"
          label={s.minutesPerDayLabel(minutes(totalMs))}
          columns={[s.day, s.minutes]}
          empty={s.noReviews}
          labelEvery={5}
          bars={data.daily.map((d) => ({ label: d.day.slice(5), name: dayName.format(utc(d.day)), value: d.ms, valueText: minutes(d.ms) }))}
        />
      </section>

      <section aria-labelledby="retention-heading">
        <h2 id="retention-heading">{s.retentionTitle}</h2>
        <p className="muted small">{s.retentionHelp}</p>
        <div className="table-scroll"><table className="data" data-testid="true-retention">
          <thead>
            <tr>
              <th scope="col">{s.period}</th>
              <th scope="col">{s.young}</th>
              <th scope="col">{s.mature}</th>
              <th scope="col">{s.total}</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION_PERIODS.map((p) => {
              const c: RetentionCounts = data.retention[p];
              return (
                <tr key={p}>
                  <th scope="row">{s.periods[p]}</th>
                  <RateCell passed={c.youngPassed} failed={c.youngFailed} of={s.passedOf} />
                  <RateCell passed={c.maturePassed} failed={c.matureFailed} of={s.passedOf} />
                  <RateCell passed={c.youngPassed + c.maturePassed} failed={c.youngFailed + c.matureFailed} of={s.passedOf} />
                </tr>
              );
            })}
          </tbody>
        </table></div>
      </section>

      <section aria-labelledby="buttons-heading">
        <h2 id="buttons-heading">{s.buttonsTitle}</h2>
        <BarChart
          testId="answer-buttons"
          label={s.buttonsLabel(graded)}
          columns={[s.buttonsTitle, s.count]}
          empty={s.noReviews}
          bars={m.review.grades.map((g, i) => ({ label: g, value: perGrade[i]!, tone: tones[i] }))}
        />
        {graded > 0 ? (
          <div className="table-scroll"><table className="data">
            <thead>
              <tr>
                <th scope="col">{s.group}</th>
                {m.review.grades.map((g) => (
                  <th key={g} scope="col">
                    {g}
                  </th>
                ))}
                <th scope="col">{s.correct}</th>
              </tr>
            </thead>
            <tbody>
              {grades.map((g) => {
                const row = data.buttons[g];
                const r = rate(row[1] + row[2] + row[3], row[0]);
                return (
                  <tr key={g}>
                    <th scope="row">{s.groups[g]}</th>
                    {row.map((n, i) => (
                      <td key={i}>{n}</td>
                    ))}
                    <td>{r === null ? "—" : percent(r)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table></div>
        ) : null}
      </section>

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">{s.distributionsTitle}</h2>
        <p className="muted small">{data.studiedCards > 0 ? s.studiedCards(data.studiedCards) : s.noStudied}</p>
        {data.studiedCards > 0 ? (
          <div className="chart-grid">
            <div>
              <h3>{s.stability}</h3>
              <BarChart testId="stability" label={s.stabilityLabel} columns={[s.range, s.cards]} empty={s.noStudied} bars={binBars(data.stability, "d")} />
            </div>
            <div>
              <h3>{s.difficulty}</h3>
              <BarChart testId="difficulty" label={s.difficultyLabel} columns={[s.range, s.cards]} empty={s.noStudied} bars={binBars(data.difficulty, "")} />
            </div>
            <div>
              <h3>{s.retrievability}</h3>
              <BarChart
                testId="retrievability"
                label={s.retrievabilityLabel}
                columns={[s.range, s.cards]}
                empty={s.noStudied}
                bars={binBars(data.retrievability, "%")}
              />
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">{s.exercisesTitle}</h2>
        {data.attempts === 0 ? (
          <p className="muted chart-empty" data-testid="exercises-empty">
            {s.exercisesEmpty}
          </p>
        ) : (
          <>
            <p className="muted small">{s.exercisesHelp}</p>
            <HBarChart
              testId="exercise-accuracy"
              label={s.exercisesLabel}
              columns={[s.generator, s.accuracy]}
              empty={s.exercisesEmpty}
              rows={data.exercises.map((q) => ({ name: (generatorTitles ? ownValue(generatorTitles, q.generator) : undefined) ?? q.generator, value: q.accuracy, note: `${q.correct} / ${q.attempts}` }))}
            />
            <h3>{s.mistakesTitle}</h3>
            {data.mistakes.length === 0 ? (
              <p className="muted">{s.noMistakes}</p>
            ) : (
              <div className="table-scroll"><table className="data" data-testid="mistakes">
                <thead>
                  <tr>
                    <th scope="col">{s.mistake}</th>
                    <th scope="col">{s.generator}</th>
                    <th scope="col">{s.times}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.mistakes.map((x, i) => (
                    <tr key={`${x.generator}/${x.mistakeId}`}>
                      <th scope="row">
                        {mistakeText?.[i] ? (
                          <div className="mistake-text" dangerouslySetInnerHTML={{ __html: mistakeText[i]!.html }} />
                        ) : null}{" "}
                        <code className="muted small">{x.mistakeId}</code>
                      </th>
                      <td>{mistakeText?.[i]?.title ?? x.generator}</td>
                      <td>{x.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            )}
          </>
        )}
      </section>
    </>
  );
}

function RateCell({ passed, failed, of }: { passed: number; failed: number; of: (p: number, n: number) => string }) {
  const r = rate(passed, failed);
  return <td>{r === null ? "—" : `${percent(r)} (${of(passed, passed + failed)})`}</td>;
}

function binBars(bins: Bin[], unit: string) {
  const fmt = (x: number) => String(x);
  return bins.map((b) => ({
    label: b.to === null ? `${fmt(b.from)}+` : `${fmt(b.from)}`,
    name: b.to === null ? `≥ ${fmt(b.from)}${unit}` : `${fmt(b.from)}–${fmt(b.to)}${unit}`,
    value: b.count,
  }));
}

