import { DataTable } from "./bar-chart";

/**
 * Horizontal bars for named rows with a value from 0 to 1 (a share or a
 * probability), shown in percent. Plain SVG with an accessible name and a
 * visually hidden table; long names are shortened in the picture only.
 */

export interface HBar {
  name: string;
  /** 0–1. */
  value: number;
  /** Extra words after the percentage, e.g. "3 of 5 cards studied". */
  note?: string;
  href?: string;
}

const ROW = 22;
const NAME_W = 250;
const BAR_W = 260;
const MAX_CHARS = 34;

export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
}

function shorten(s: string): string {
  return [...s].length > MAX_CHARS ? [...s].slice(0, MAX_CHARS - 1).join("") + "…" : s;
}

export function HBarChart({ label, rows, columns, empty, testId }: { label: string; rows: HBar[]; columns: [string, string]; empty: string; testId?: string }) {
  if (rows.length === 0) {
    return (
      <p className="muted chart-empty" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  const width = NAME_W + BAR_W + 70;
  const height = rows.length * ROW + 4;
  return (
    <figure className="chart hbar" data-testid={testId}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
        <title>{label}</title>
        {rows.map((r, i) => {
          const y = i * ROW + 2;
          const text = `${r.name}: ${percent(r.value)}${r.note ? ` (${r.note})` : ""}`;
          return (
            <g key={i}>
              <title>{text}</title>
              <text className="name" x={NAME_W - 6} y={y + ROW / 2 + 4} textAnchor="end">
                {shorten(r.name)}
              </text>
              <rect className="track" x={NAME_W} y={y + 4} width={BAR_W} height={ROW - 8} rx={2} />
              <rect className="bar" x={NAME_W} y={y + 4} width={Math.max(0, Math.min(1, r.value)) * BAR_W} height={ROW - 8} rx={2} />
              <text className="value" x={NAME_W + BAR_W + 6} y={y + ROW / 2 + 4}>
                {percent(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={label} columns={columns} rows={rows.map((r) => [r.name, `${percent(r.value)}${r.note ? ` (${r.note})` : ""}`])} />
    </figure>
  );
}
