import type { Heatmap } from "@/lib/stats/daily";
import { DataTable } from "./bar-chart";

/**
 * A year of reviews, one square per study day, one column per week (Sunday on
 * top), darker for busier days. The squares are one SVG with an accessible
 * name (each square has a <title> with its day and count) that scales to the
 * page; month and weekday names and the legend are HTML placed beside it, so
 * they keep their CSS size on a phone. A visually hidden table of reviews per
 * month follows.
 */

const CELL = 11;
const GAP = 2;
const STEP = CELL + GAP;

export interface HeatmapText {
  label: string;
  monthsCaption: string;
  columns: [string, string];
  less: string;
  more: string;
  reviews: (n: number) => string;
  /** BCP 47 language for month and weekday names. */
  lang: string;
}

export function CalendarHeatmap({ data, text, testId }: { data: Heatmap; text: HeatmapText; testId?: string }) {
  const month = new Intl.DateTimeFormat(text.lang, { month: "short", timeZone: "UTC" });
  const monthYear = new Intl.DateTimeFormat(text.lang, { month: "long", year: "numeric", timeZone: "UTC" });
  const weekday = new Intl.DateTimeFormat(text.lang, { weekday: "short", timeZone: "UTC" });
  const utc = (key: string) => new Date(`${key}T00:00:00Z`);
  const width = data.weeks * STEP;
  const height = 7 * STEP;

  // A month label over the first week column that contains that month's 1st.
  const monthLabels = data.cells.filter((c) => c.day.endsWith("-01")).map((c) => ({ week: c.week, text: month.format(utc(c.day)) }));
  const perMonth = new Map<string, { name: string; count: number }>();
  for (const c of data.cells) {
    const key = c.day.slice(0, 7);
    const m = perMonth.get(key) ?? { name: monthYear.format(utc(c.day)), count: 0 };
    m.count += c.count;
    perMonth.set(key, m);
  }
  // Weekday names for rows 1, 3, 5 (Mon, Wed, Fri): 2026-03-02 was a Monday.
  const rowNames = [1, 3, 5].map((r) => ({ row: r, text: weekday.format(new Date(Date.UTC(2026, 2, 1 + r))) }));
  const pct = (x: number) => `${x * 100}%`;

  return (
    <figure className="chart heatmap" data-testid={testId}>
      <div className="heat-months" aria-hidden="true">
        {monthLabels.map((m) =>
          // A name in the last columns hangs left from the edge instead of past it.
          m.week > data.weeks - 4 ? (
            <span key={`${m.week}-${m.text}`} className="chart-text" style={{ right: 0 }}>
              {m.text}
            </span>
          ) : (
            <span key={`${m.week}-${m.text}`} className="chart-text" style={{ left: pct(m.week / data.weeks) }}>
              {m.text}
            </span>
          ),
        )}
      </div>
      <div className="heat-body">
        <div className="heat-days" aria-hidden="true">
          {rowNames.map((r) => (
            <span key={r.row} className="chart-text" style={{ top: pct((r.row * STEP + CELL / 2) / height) }}>
              {r.text}
            </span>
          ))}
        </div>
        <svg role="img" aria-label={text.label} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
          <title>{text.label}</title>
          {data.cells.map((c) => (
            <rect key={c.day} className={`heat-${c.level}`} x={c.week * STEP} y={c.weekday * STEP} width={CELL} height={CELL} rx={2}>
              <title>{`${c.day}: ${text.reviews(c.count)}`}</title>
            </rect>
          ))}
        </svg>
      </div>
      <div className="heat-legend" aria-hidden="true">
        <span className="chart-text">{text.less}</span>
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} className={`swatch heat-${l}`} />
        ))}
        <span className="chart-text">{text.more}</span>
      </div>
      <DataTable caption={text.monthsCaption} columns={text.columns} rows={[...perMonth.values()].map((m) => [m.name, String(m.count)])} />
    </figure>
  );
}
