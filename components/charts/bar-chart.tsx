/**
 * A vertical bar chart, server-rendered without script. The bars are an SVG
 * that stretches to the width it is given; every piece of text (values,
 * labels) is HTML on top of it, so it keeps its CSS size on a phone instead of
 * shrinking with the drawing. It is one image to assistive technology
 * (role="img" with an aria-label and a <title>), followed by a visually hidden
 * table with the same numbers. Colours come from CSS variables (see .chart in
 * app/globals.css), so dark mode works.
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
  /** Widest the chart gets, in CSS pixels (it narrows with the page); default: the page's width. */
  width?: number;
  /** Height of the bars' area, in CSS pixels. */
  height?: number;
  testId?: string;
}

/** Drawing units per bar slot; the SVG is stretched (preserveAspectRatio="none"), text is not in it. */
const SLOT = 10;

export function BarChart({ label, bars, columns, empty, labelEvery = 1, width, height = 112, testId }: BarChartProps) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  if (bars.length === 0 || max === 0) {
    return (
      <p className="muted chart-empty" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  const n = bars.length;
  // Few bars in a wide box would be slabs: they take a smaller share of their slot.
  const barW = n <= 6 ? SLOT * 0.55 : SLOT * 0.75;
  const text = (b: Bar) => b.valueText ?? String(b.value);
  const centre = (i: number) => `${((i + 0.5) / n) * 100}%`;
  const share = (b: Bar) => (b.value / max) * 100;
  return (
    <figure className="chart bars" data-testid={testId} style={width ? { maxWidth: width } : undefined}>
      <div className="bar-plot">
        <svg role="img" aria-label={label} viewBox={`0 0 ${n * SLOT} 100`} preserveAspectRatio="none" style={{ height }}>
          <title>{label}</title>
          {bars.map((b, i) => (
            <rect key={i} className={`bar ${b.tone ?? ""}`} x={i * SLOT + (SLOT - barW) / 2} y={100 - share(b)} width={barW} height={share(b)}>
              <title>{`${b.name ?? b.label}: ${text(b)}`}</title>
            </rect>
          ))}
          <line className="axis" x1={0} x2={n * SLOT} y1={100} y2={100} vectorEffect="non-scaling-stroke" />
        </svg>
        <div aria-hidden="true">
          {n <= 16
            ? bars.map((b, i) =>
                b.value > 0 ? (
                  <span key={i} className="chart-text value" style={{ left: centre(i), bottom: `${share(b)}%` }}>
                    {text(b)}
                  </span>
                ) : null,
              )
            : // The tallest bar's value, language-neutral.
              <span className="chart-text bar-max">{`↑ ${text(bars.find((b) => b.value === max)!)}`}</span>}
        </div>
      </div>
      <div className="bar-labels" aria-hidden="true">
        {bars.map((b, i) =>
          i % labelEvery === 0 ? (
            // Many narrow slots: the first label starts at the chart's edge instead of hanging past it.
            <span key={i} className={i === 0 && n > 8 ? "chart-text start" : "chart-text"} style={{ left: i === 0 && n > 8 ? 0 : centre(i) }}>
              {b.label}
            </span>
          ) : null,
        )}
      </div>
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
