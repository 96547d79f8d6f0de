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

/**
 * A chart on its way from the lab's worker to the page: its labels as they
 * are, every number in one Float64Array. Structured clone copies a typed
 * array as one block of memory; a training snapshot's curves as plain arrays
 * (four nets × six layers × up to 1,024 points, each with its own copy of x)
 * cost the page's main thread a slow element-by-element copy per frame.
 */
export interface PackedChart {
  id: string;
  x: Chart["x"];
  y: Chart["y"];
  kind: Chart["kind"];
  shade?: Chart["shade"];
  marks?: Chart["marks"];
  names: string[];
  /** Points in each series. */
  lengths: number[];
  /** Every series has the same x: it is stored once. */
  sharedX: boolean;
  /** sharedX: x, then each series' y. Otherwise each series' x then its y. */
  data: Float64Array;
}

/** A chart in a snapshot: packed, or the same as the one last sent under this id. */
export type WireChart = PackedChart | { id: string; same: true };

export function packChart(c: Chart): PackedChart {
  const shared = sameX(c);
  const lengths = c.series.map((s) => Math.min(s.x.length, s.y.length));
  const total = lengths.reduce((a, n) => a + n, 0);
  const data = new Float64Array(shared ? (lengths[0] ?? 0) + total : 2 * total);
  let at = 0;
  const put = (xs: readonly number[], n: number) => {
    for (let i = 0; i < n; i++) data[at++] = xs[i] as number;
  };
  if (shared && c.series[0]) put(c.series[0].x, lengths[0] as number);
  c.series.forEach((s, k) => {
    const n = lengths[k] as number;
    if (!shared) put(s.x, n);
    put(s.y, n);
  });
  const packed: PackedChart = { id: c.id, x: c.x, y: c.y, kind: c.kind, names: c.series.map((s) => s.name), lengths, sharedX: shared, data };
  if (c.shade) packed.shade = c.shade;
  if (c.marks) packed.marks = c.marks;
  return packed;
}

/** The chart `packChart` was given (series sharing one x share one array). */
export function unpackChart(p: PackedChart): Chart {
  let at = 0;
  const take = (n: number) => {
    const out = Array.from(p.data.subarray(at, at + n));
    at += n;
    return out;
  };
  const shared = p.sharedX ? take(p.lengths[0] ?? 0) : null;
  const series = p.names.map((name, k) => {
    const n = p.lengths[k] ?? 0;
    const x = shared ?? take(n);
    return { name, x, y: take(n) };
  });
  const chart: Chart = { id: p.id, x: p.x, y: p.y, kind: p.kind, series };
  if (p.shade) chart.shade = p.shade;
  if (p.marks) chart.marks = p.marks;
  return chart;
}

function samePacked(a: PackedChart, b: PackedChart): boolean {
  const label = (p: PackedChart) => JSON.stringify([p.x, p.y, p.kind, p.shade, p.marks, p.names, p.lengths, p.sharedX]);
  if (a.data.length !== b.data.length || label(a) !== label(b)) return false;
  for (let i = 0; i < a.data.length; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

/**
 * The worker's side: packs a snapshot's charts, and marks `same` each chart
 * whose numbers and labels are exactly those it last sent under that id (a
 * training snapshot changes its curves every frame, but its histograms and
 * per-layer bars only at epoch ends). `reset` when the page starts over
 * (new settings): the next snapshot is sent whole.
 */
export class ChartSender {
  private sent = new Map<string, PackedChart>();

  reset(): void {
    this.sent.clear();
  }

  wire(charts: readonly Chart[]): WireChart[] {
    return charts.map((c) => {
      const packed = packChart(c);
      const before = this.sent.get(c.id);
      if (before && samePacked(before, packed)) return { id: c.id, same: true };
      this.sent.set(c.id, packed);
      return packed;
    });
  }
}

/**
 * The page's side: `take` every snapshot as it arrives (a `same` chart refers
 * to the last one taken under its id, even from a snapshot never drawn), and
 * unpack with `charts` only when drawing. An unchanged chart keeps its object,
 * so nothing keyed on it redraws.
 */
export class ChartReceiver {
  private packed = new Map<string, PackedChart>();
  private unpacked = new Map<string, Chart>();
  private order: string[] = [];

  take(wire: readonly WireChart[]): void {
    this.order = wire.map((w) => w.id);
    for (const w of wire) {
      if ("same" in w) continue;
      this.packed.set(w.id, w);
      this.unpacked.delete(w.id);
    }
  }

  charts(): Chart[] {
    const out: Chart[] = [];
    for (const id of this.order) {
      let c = this.unpacked.get(id);
      if (!c) {
        const p = this.packed.get(id);
        if (!p) throw new Error(`lab: chart ${id} was never sent`);
        c = unpackChart(p);
        this.unpacked.set(id, c);
      }
      out.push(c);
    }
    return out;
  }
}
