/**
 * A card's forgetting curve as a small inline SVG drawn at its own size (no
 * scaling, so its 12 px labels stay 12 px at any width), in the theme's
 * colours. The numbers come from lib/db/browse-card.ts (ts-fsrs's curve).
 */

export interface CurveProps {
  points: { days: number; r: number }[];
  nowDays: number | null;
  dueDays: number | null;
  labels: { axis: string; now: string; due: string; summary: string };
}

const W = 300;
const H = 160;
const PAD = { left: 40, right: 10, top: 14, bottom: 38 };

export function RetrievabilityCurve({ points, nowDays, dueDays, labels }: CurveProps) {
  const last = points[points.length - 1];
  if (!last) return null;
  const span = Math.max(1, last.days);
  const x = (days: number) => PAD.left + ((W - PAD.left - PAD.right) * Math.min(days, span)) / span;
  const y = (r: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - r);
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(p.days).toFixed(1)},${y(p.r).toFixed(1)}`).join(" ");
  const text = { fill: "var(--muted)", fontSize: 12 } as const;
  const marker = (days: number, label: string, colour: string, row: number) => (
    <g>
      <line x1={x(days)} x2={x(days)} y1={PAD.top} y2={H - PAD.bottom} style={{ stroke: colour, strokeDasharray: "3 3" }} />
      <text x={x(days)} y={PAD.top - 3 + row * 13} textAnchor={x(days) > W / 2 ? "end" : "start"} style={{ ...text, fill: colour }}>
        {label}
      </text>
    </g>
  );
  return (
    <figure className="browse-curve" data-testid="retrievability-curve">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={labels.summary}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} style={{ stroke: "var(--border)" }} />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} style={{ stroke: "var(--border)" }} />
        {[1, 0.5, 0].map((r) => (
          <text key={r} x={PAD.left - 5} y={y(r) + 4} textAnchor="end" style={text}>
            {`${r * 100}%`}
          </text>
        ))}
        {[0, Math.round(span / 2), span].map((d, i) => (
          <text key={i} x={x(d)} y={H - PAD.bottom + 15} textAnchor={i === 0 ? "start" : i === 2 ? "end" : "middle"} style={text}>
            {d}
          </text>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} textAnchor="middle" style={text}>
          {labels.axis}
        </text>
        <path d={path} style={{ fill: "none", stroke: "var(--accent)", strokeWidth: 2 }} />
        {dueDays !== null ? marker(dueDays, labels.due, "var(--good)", 0) : null}
        {nowDays !== null ? marker(nowDays, labels.now, "var(--again)", 1) : null}
      </svg>
      <figcaption className="muted small">{labels.summary}</figcaption>
    </figure>
  );
}
