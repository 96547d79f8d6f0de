import { DataTable } from "./bar-chart";

/**
 * Horizontal bars for named rows with a value from 0 to 1 (a share or a
 * probability), shown in percent. HTML and CSS (a grid of name, track and
 * value), so the text keeps its size on a phone; long names are cut with an
 * ellipsis in the picture only. One image with an accessible name to
 * assistive technology, followed by a visually hidden table.
 */

export interface HBar {
  name: string;
  /** 0–1. */
  value: number;
  /** Extra words after the percentage, e.g. "3 of 5 cards studied". */
  note?: string;
  href?: string;
}

export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
}

export function HBarChart({ label, rows, columns, empty, testId }: { label: string; rows: HBar[]; columns: [string, string]; empty: string; testId?: string }) {
  if (rows.length === 0) {
    return (
      <p className="muted chart-empty" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  const full = (r: HBar) => `${r.name}: ${percent(r.value)}${r.note ? ` (${r.note})` : ""}`;
  return (
    <figure className="chart hbar" data-testid={testId}>
      <div role="img" aria-label={label} className="hbar-rows">
        {rows.map((r, i) => (
          <div key={i} className="hbar-row" title={full(r)}>
            <span className="chart-text name">{r.name}</span>
            <span className="track">
              <span className="bar" style={{ width: `${Math.max(0, Math.min(1, r.value)) * 100}%` }} />
            </span>
            <span className="chart-text value">{percent(r.value)}</span>
          </div>
        ))}
      </div>
      <DataTable caption={label} columns={columns} rows={rows.map((r) => [r.name, `${percent(r.value)}${r.note ? ` (${r.note})` : ""}`])} />
    </figure>
  );
}
