import type { Chart } from "@/lib/lab/experiments/types";

/**
 * The numbers behind one lab chart as a table (the hidden table and the CSV
 * download read the same rows). When every series shares one x axis the table
 * is wide (x, then one column per series), as a reader would lay it out;
 * otherwise it is long (series, x, y).
 */
export interface ChartTable {
  columns: string[];
  /** Full precision, for the CSV. */
  rows: (string | number)[][];
}

function sameX(chart: Chart): boolean {
  const first = chart.series[0]?.x;
  if (!first) return true;
  return chart.series.every((s) => s.x.length === first.length && s.x.every((v, i) => v === first[i]));
}

export function chartTable(chart: Chart, names: { x: string; y: string; series: string; seriesName: (raw: string) => string }): ChartTable {
  if (sameX(chart)) {
    const xs = chart.series[0]?.x ?? [];
    return {
      columns: [names.x, ...chart.series.map((s) => names.seriesName(s.name))],
      rows: xs.map((x, i) => [x, ...chart.series.map((s) => s.y[i] ?? "")]),
    };
  }
  return {
    columns: [names.series, names.x, names.y],
    rows: chart.series.flatMap((s) => s.x.map((x, i) => [names.seriesName(s.name), x, s.y[i] ?? ""])),
  };
}

/** A number as the hidden table shows it: four significant digits, exponent form when very small or large. */
export function shortNumber(v: string | number): string {
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function toCsv(table: ChartTable): string {
  const field = (v: string | number) => {
    const s = typeof v === "number" ? String(v) : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns, ...table.rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

const SUPERSCRIPT = new Map([..."0123456789-"].map((c, i) => [c, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"[i] as string]));

/** Tick text: powers of ten as 10ⁿ (log axes), others short. */
export function tickText(v: number): string {
  if (v === 0) return "0";
  const k = Math.log10(Math.abs(v));
  if (Math.abs(k - Math.round(k)) < 1e-9 && Math.abs(k) >= 3) {
    const exp = [...String(Math.round(k))].map((c) => SUPERSCRIPT.get(c) ?? c).join("");
    return `${v < 0 ? "−" : ""}10${exp}`;
  }
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(0).replace("e", "e");
  return String(Number(v.toPrecision(3)));
}
