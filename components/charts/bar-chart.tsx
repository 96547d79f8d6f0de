/**
 * A vertical bar chart as plain SVG (server-rendered, no script). It is one
 * image to assistive technology (role="img" with an aria-label and a <title>),
 * followed by a visually hidden table with the same numbers. Colours come
 * from CSS variables (see .chart in app/globals.css), so dark mode works.
 */

export interface Bar {
  /** Short label under the bar. */
  label: string;
  /** Full name for the tooltip and the table's row header; defaults to the label. */
  name?: string;
  value: number;
  /** How the value reads in the tooltip and table; defaults to the number. */
  valueText?: string;
  /** Extra class for the bar, e.g. a grade colour. */
  tone?: string;
}

export interface BarChartProps {
  /** Accessible name: what the chart shows, with its total. */
  label: string;
  bars: Bar[];
  /** Column headers of the hidden table. */
  columns: [string, string];
  /** Shown instead of the chart when every value is 0. */
  empty: string;
  /** Show every n-th label under the bars (1 = all). */
  labelEvery?: number;
  /** Width of the drawing in SVG units (it scales to the page); text stays 9–10 units high. */
  width?: number;
  height?: number;
  testId?: string;
}

const TOP = 14;
const BOTTOM = 18;

export function BarChart({ label, bars, columns, empty, labelEvery = 1, width = 480, height = 120, testId }: BarChartProps) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  if (bars.length === 0 || max === 0) {
    return (
      <p className="muted chart-empty" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  const slot = width / Math.max(bars.length, 1);
  const barW = Math.min(slot - 4, 48);
  const plot = height - TOP - BOTTOM;
  const text = (b: Bar) => b.valueText ?? String(b.value);
  return (
    <figure className="chart" data-testid={testId}>
      <svg role="img" aria-label={label} viewBox={`-14 0 ${width + 28} ${height}`} preserveAspectRatio="xMidYMid meet">
        <title>{label}</title>
        <line className="axis" x1={0} x2={width} y1={TOP + plot} y2={TOP + plot} />
        {bars.map((b, i) => {
          const h = (b.value / max) * plot;
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={i}>
              <rect className={`bar ${b.tone ?? ""}`} x={x} y={TOP + plot - h} width={barW} height={h} rx={2}>
                <title>{`${b.name ?? b.label}: ${text(b)}`}</title>
              </rect>
              {b.value > 0 && bars.length <= 16 ? (
                <text className="value" x={x + barW / 2} y={TOP + plot - h - 3} textAnchor="middle">
                  {text(b)}
                </text>
              ) : null}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={height - 5} textAnchor="middle">
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
        {bars.length > 16 ? (
          <text x={2} y={10}>
            {/* The tallest bar's value, language-neutral. */}
            {`↑ ${text(bars.find((b) => b.value === max)!)}`}
          </text>
        ) : null}
      </svg>
      <DataTable caption={label} columns={columns} rows={bars.map((b) => [b.name ?? b.label, text(b)])} />
    </figure>
  );
}

/** The numbers behind a chart, for screen readers (visually hidden). */
export function DataTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    // The wrapper is what hides it: a table ignores width: 1px and would widen the page.
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
