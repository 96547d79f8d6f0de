import type { Heatmap } from "@/lib/stats/daily";
import { DataTable } from "./bar-chart";

/**
 * A year of reviews, one square per study day, one column per week (Sunday on
 * top), darker for busier days. Plain SVG: each square has a <title> with its
 * day and count; the whole is one image with an accessible name, followed by
 * a visually hidden table of reviews per month.
 */

const CELL = 11;
const GAP = 2;
const LEFT = 22;
const TOP = 14;

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
  const width = LEFT + data.weeks * (CELL + GAP) + 14; // room for the last month's name
  const height = TOP + 7 * (CELL + GAP) + 18;

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

  return (
    <figure className="chart heatmap" data-testid={testId}>
      <svg role="img" aria-label={text.label} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
        <title>{text.label}</title>
        {monthLabels.map((m) => (
          <text key={`${m.week}-${m.text}`} x={LEFT + m.week * (CELL + GAP)} y={10}>
            {m.text}
          </text>
        ))}
        {rowNames.map((r) => (
          <text key={r.row} x={0} y={TOP + r.row * (CELL + GAP) + CELL - 2}>
            {r.text}
          </text>
        ))}
        {data.cells.map((c) => (
          <rect
            key={c.day}
            className={`heat-${c.level}`}
            x={LEFT + c.week * (CELL + GAP)}
            y={TOP + c.weekday * (CELL + GAP)}
            width={CELL}
            height={CELL}
            rx={2}
          >
            <title>{`${c.day}: ${text.reviews(c.count)}`}</title>
          </rect>
        ))}
        <g transform={`translate(${width - 5 * (CELL + GAP) - 60}, ${TOP + 7 * (CELL + GAP) + 4})`}>
          <text x={-4} y={CELL - 2} textAnchor="end">
            {text.less}
          </text>
          {[0, 1, 2, 3, 4].map((l) => (
            <rect key={l} className={`heat-${l}`} x={l * (CELL + GAP)} y={0} width={CELL} height={CELL} rx={2} />
          ))}
          <text x={5 * (CELL + GAP) + 2} y={CELL - 2}>
            {text.more}
          </text>
        </g>
      </svg>
      <DataTable caption={text.monthsCaption} columns={text.columns} rows={[...perMonth.values()].map((m) => [m.name, String(m.count)])} />
    </figure>
  );
}
