"use client";

/**
 * One live chart of the gradient lab, drawn with uPlot.
 *
 * Why uPlot: the lab redraws its charts many times a second while a net
 * trains, four nets side by side. uPlot draws to one <canvas> per chart and
 * updates with setData (no DOM diff, no SVG rebuilt per frame); it is about
 * 22 kB gzipped (uPlot.iife.min.js: 50 kB min, 22 kB gz, plus a 1.9 kB
 * stylesheet), has no dependencies, and does log scales, bars, points and
 * draw hooks (the shaded window, the marked maximum) out of the box.
 * Observable Plot is declarative but rebuilds a whole SVG on each change and
 * brings d3 (well over 100 kB gz); hand-written SVG in React would re-render
 * thousands of nodes per frame. /stats keeps its server-rendered SVG charts:
 * they draw once, need no script, and this library would add nothing there.
 *
 * Text stays readable and themeable: the axis titles and legend are HTML
 * (CSS sizes, dark mode through the CSS variables), the tick labels are drawn
 * at 12 CSS px in the colours read from the same variables, and the numbers
 * are in a visually hidden table with a CSV download, as /stats does.
 */

import { memo, useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Chart } from "@/lib/lab/experiments/types";
import { DataTable } from "@/components/charts/bar-chart";
import { chartTable, shortNumber, tickText, toCsv } from "./chart-data";

/** Tick label size in CSS px (≥ 11 px, the house minimum for chart text). */
export const TICK_PX = 12;
const PALETTE_SIZE = 7;

export interface LabChartText {
  /** Accessible name and caption. */
  title: string;
  x: string;
  y: string;
  seriesName: (raw: string) => string;
  /** Table header for the series column of a long table. */
  series: string;
  download: string;
  logNote: string;
  /** Shown instead of an empty plot. */
  empty: string;
  /** The hidden table's caption note when it shows only some rows. */
  sampled: (shown: number, all: number) => string;
}

interface Colours {
  fg: string;
  muted: string;
  grid: string;
  accent: string;
  series: string[];
}

/** The theme's colours, resolved by the browser (the CSS variables hold light-dark() pairs a canvas cannot read). */
function readColours(el: HTMLElement): Colours {
  const probe = (cls: string) => {
    const s = document.createElement("span");
    s.className = cls;
    el.appendChild(s);
    const c = getComputedStyle(s).color;
    s.remove();
    return c;
  };
  return {
    fg: probe("lab-c-fg"),
    muted: probe("lab-c-muted"),
    grid: probe("lab-c-grid"),
    accent: probe("lab-c-accent"),
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => probe(`lab-c-s${i}`)),
  };
}

/** Aligned columns for uPlot: a shared sorted x, one y column per series (null where a series has no point, or ≤ 0 on a log axis). */
function aligned(chart: Chart): uPlot.AlignedData {
  const clean = (v: number, log?: boolean) => (Number.isFinite(v) && (!log || v > 0) ? v : null);
  // The common case, a training history: every series on one increasing x (often the very same array). No merge needed.
  const first = chart.series[0]?.x;
  if (first && increasing(first, chart.x.log) && chart.series.every((s) => s.y.length === first.length && (s.x === first || sameValues(s.x, first)))) {
    return [first, ...chart.series.map((s) => s.y.map((v) => clean(v, chart.y.log)))] as uPlot.AlignedData;
  }
  const xs = Array.from(new Set(chart.series.flatMap((s) => s.x.filter((x) => Number.isFinite(x) && (!chart.x.log || x > 0))))).sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const cols = chart.series.map((s) => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const at = index.get(x);
      if (at !== undefined) col[at] = clean(s.y[i] as number, chart.y.log);
    });
    return col;
  });
  return [xs, ...cols] as uPlot.AlignedData;
}

function increasing(xs: readonly number[], log?: boolean): boolean {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    if (!Number.isFinite(x) || (log && !(x > 0)) || (i > 0 && !(x > (xs[i - 1] as number)))) return false;
  }
  return true;
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A log scale's range: the data's, widened to whole decades (a flat series gets one decade either side). */
function decadeRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min == null || max == null || !(min > 0) || !(max > 0)) return [0.1, 10];
  const lo = Math.max(-300, Math.floor(Math.log10(min)));
  const hi = Math.min(300, Math.ceil(Math.log10(max)));
  return [10 ** (hi > lo ? lo : lo - 1), 10 ** (hi > lo ? hi : hi + 1)];
}

/** Powers of ten from min to max, every k-th decade so that there are at most about six. */
function decadeSplits(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.max(-300, Math.ceil(Math.log10(min) - 1e-9));
  const hi = Math.min(300, Math.floor(Math.log10(max) + 1e-9));
  const k = Math.max(1, Math.ceil((hi - lo) / 6));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += k) out.push(10 ** e);
  return out;
}

function options(chart: Chart, width: number, height: number, c: Colours, name: (raw: string) => string): uPlot.Options {
  const font = `${TICK_PX}px system-ui, sans-serif`;
  const isPow10 = (v: number) => Math.abs(Math.log10(Math.abs(v)) % 1) < 1e-9 || Math.abs(Math.abs(Math.log10(Math.abs(v)) % 1) - 1) < 1e-9;
  const axis = (log?: boolean): uPlot.Axis => ({
    stroke: c.muted,
    font,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
    // A log axis gets its own splits: powers of ten, at most about six of
    // them however many decades the data span (uPlot's own log splits put
    // nine per decade, and an exploding net spans hundreds of decades).
    ...(log ? { splits: (_u: uPlot, _i: number, min: number, max: number) => decadeSplits(min, max) } : {}),
    values: (_u, splits) => splits.map((v: number | null) => (v == null || !Number.isFinite(v) ? "" : log && !isPow10(v) ? "" : tickText(v))),
  });
  // Layers, epochs and time steps are counts: ticks on whole numbers only.
  const xs = chart.series.flatMap((s) => s.x);
  const counts = !chart.x.log && xs.length > 0 && xs.every((x) => Number.isInteger(x));
  const xAxis: uPlot.Axis = counts ? { ...axis(false), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] } : axis(chart.x.log);
  const bars = uPlot.paths.bars?.({ size: [0.7, 60] });
  const series: uPlot.Series[] = [
    {},
    ...chart.series.map((s, i): uPlot.Series => {
      const stroke = c.series[i % PALETTE_SIZE] as string;
      if (chart.kind === "bars") return { label: name(s.name), stroke, fill: stroke, width: 0, paths: bars, points: { show: false } };
      if (chart.kind === "points") return { label: name(s.name), stroke, width: 0, paths: () => null, points: { show: true, size: 6, fill: stroke, stroke } };
      // Dots on a short curve only, judged on the points drawn now: a training history starts short and grows to a thousand points, and a dot per point then cost more than the rest of the frame.
      return { label: name(s.name), stroke, width: 2, spanGaps: true, points: { show: (_u, _i, i0, i1) => i1 - i0 + 1 <= 12, size: 5, fill: stroke } };
    }),
  ];
  const drawExtras = (u: uPlot) => {
    const ctx = u.ctx;
    ctx.save();
    const { top, height: h } = u.bbox;
    for (const band of chart.shade ?? []) {
      const x0 = u.valToPos(band.from, "x", true);
      const x1 = u.valToPos(band.to, "x", true);
      ctx.fillStyle = c.accent;
      ctx.globalAlpha = 0.15;
      ctx.fillRect(Math.min(x0, x1), top, Math.abs(x1 - x0), h);
    }
    ctx.globalAlpha = 1;
    const ratio = window.devicePixelRatio || 1;
    for (const m of chart.marks ?? []) {
      const x = u.valToPos(m.x, "x", true);
      const y = u.valToPos(m.y, "y", true);
      ctx.fillStyle = c.fg;
      ctx.beginPath();
      ctx.arc(x, y, 4 * ratio, 0, 2 * Math.PI);
      ctx.fill();
      ctx.font = `${TICK_PX * ratio}px system-ui, sans-serif`;
      ctx.textAlign = x > u.bbox.left + u.bbox.width * 0.7 ? "right" : "left";
      ctx.fillText(name(m.name), x + (ctx.textAlign === "right" ? -8 : 8) * ratio, y - 8 * ratio);
    }
    ctx.restore();
  };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // One x value (epoch 0, before training): a unit either side, not uPlot's padded 0–100 (it pads before calling range).
      x: chart.x.log ? { time: false, distr: 3, range: decadeRange } : { time: false, distr: 1, range: (u, min, max) => (u.data[0].length === 1 ? [u.data[0][0]! - 1, u.data[0][0]! + 1] : [min, max]) },
      y: chart.y.log ? { distr: 3, range: decadeRange } : chart.y.range ? { distr: 1, range: [...chart.y.range] } : { distr: 1 },
    },
    axes: [xAxis, { ...axis(chart.y.log), size: 56 }],
    series,
    hooks: { draw: [drawExtras] },
  };
}

/** Rows of the hidden table at most; a longer history shows every k-th row (and the last), the CSV has them all. */
const TABLE_ROWS = 240;
/**
 * While a net trains, the hidden table (and the CSV) follow the chart this
 * often; on pause, at once. Four training histories' tables are about 7,000
 * cells to diff and lay out, which once a second cost the drawing frames.
 */
const LIVE_TABLE_MS = 5000;

/** `value`, updated at most every `ms` while `live` (at once when not). */
function useThrottled<T>(value: T, live: boolean, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = live ? last.current + ms - Date.now() : 0;
    const t = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(t);
  }, [value, live, ms]);
  return shown;
}

/**
 * A cheap fingerprint of a chart's numbers: a training snapshot rebuilds
 * every chart, but most (histograms, spectra) change only at epoch ends, and
 * redrawing a dozen unchanged plots per frame is what costs the main thread.
 */
function fingerprint(c: Chart): string {
  const at = (a: readonly number[], i: number) => a[Math.min(a.length - 1, Math.max(0, i))];
  return `${c.id}|${c.kind}|${c.x.log}|${c.y.log}|${JSON.stringify(c.shade ?? [])}|${JSON.stringify(c.marks ?? [])}|${c.series
    .map((s) => {
      const n = s.y.length;
      return `${s.name}:${n}:${at(s.x, n - 1)}:${at(s.y, 0)}:${at(s.y, n >> 1)}:${at(s.y, n - 1)}:${s.y.reduce((a, b) => a + b, 0)}`;
    })
    .join(";")}`;
}

interface LabChartProps {
  chart: Chart;
  text: LabChartText;
  live?: boolean;
  height?: number;
}

/**
 * The page renders every chart again for each training snapshot; a chart
 * whose object, state and words are the same skips that render. (`text`'s
 * seriesName is a new function each time, but it names series in the
 * language the other words are in.)
 */
function sameProps(a: LabChartProps, b: LabChartProps): boolean {
  const words = (t: LabChartText) => [t.title, t.x, t.y, t.series, t.download, t.logNote, t.empty].join("\u0000");
  return a.chart === b.chart && a.live === b.live && a.height === b.height && words(a.text) === words(b.text);
}

export const LabChart = memo(LabChartView, sameProps);

function LabChartView({ chart: incoming, text, live = false, height = 220 }: LabChartProps) {
  const print = fingerprint(incoming);
  // The chart object is kept while its numbers are the same, so that nothing below redraws for a copy.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const chart = useMemo(() => incoming, [print]);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = useRef("");
  const nameRef = useRef(text.seriesName);
  useEffect(() => {
    nameRef.current = text.seriesName;
  });
  // Bumped when the system theme changes: the plot is drawn again in the new colours.
  const [scheme, setScheme] = useState(0);
  const data = useMemo(() => aligned(chart), [chart]);
  // A new set of series, kinds or scales needs a new plot; new numbers only need setData.
  const key = `${scheme}|${chart.kind}|${chart.x.log}|${chart.y.log}|${chart.series.map((s) => s.name).join(",")}|${JSON.stringify(chart.shade ?? [])}|${JSON.stringify(chart.marks ?? [])}`;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Nothing to draw yet (e.g. a training history before the first step): no plot, a note instead.
    if (data[0].length === 0) {
      plot.current?.destroy();
      plot.current = null;
      shape.current = "";
      return;
    }
    if (plot.current && shape.current === key) {
      plot.current.setData(data);
      return;
    }
    plot.current?.destroy();
    shape.current = key;
    plot.current = new uPlot(options(chart, el.clientWidth || 300, height, readColours(el), (raw) => nameRef.current(raw)), data, el);
  }, [chart, data, key, height]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const resize = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (plot.current && w > 0 && Math.abs(plot.current.width - w) > 1) plot.current.setSize({ width: w, height });
    });
    resize.observe(el);
    // The system theme can change under the page: redraw in the new colours.
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const recolour = () => setScheme((n) => n + 1);
    media.addEventListener("change", recolour);
    return () => {
      resize.disconnect();
      media.removeEventListener("change", recolour);
      plot.current?.destroy();
      plot.current = null;
      shape.current = "";
    };
  }, [height]);

  // `live`: a net is training and the chart changes many times a second; the canvas follows every change, the table every LIVE_TABLE_MS.
  const tableChart = useThrottled(chart, live, LIVE_TABLE_MS);
  const table = useMemo(() => chartTable(tableChart, { x: text.x, y: text.y, series: text.series, seriesName: text.seriesName }), [tableChart, text]);
  const shownRows = useMemo(() => {
    const k = Math.ceil(table.rows.length / TABLE_ROWS);
    const rows = k <= 1 ? table.rows : table.rows.filter((_, i) => i % k === 0 || i === table.rows.length - 1);
    return rows.map((r) => r.map(shortNumber));
  }, [table]);
  const download = () => {
    const blob = new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `lab-${chart.id}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const logged = [chart.x.log ? text.x : null, chart.y.log ? text.y : null].filter(Boolean).join(", ");

  const empty = data[0].length === 0;
  return (
    <figure className="chart lab-chart" data-testid={`chart-${chart.id}`} data-empty={empty || undefined}>
      <figcaption className="lab-chart-title">{text.title}</figcaption>
      <div className="chart-text lab-axis-y" aria-hidden="true" hidden={empty}>
        {text.y}
        {chart.y.log ? ` (${text.logNote})` : ""}
      </div>
      {empty ? <p className="muted small lab-empty">{text.empty}</p> : null}
      <div ref={host} className="lab-plot" hidden={empty} role="img" aria-label={`${text.title}. ${text.y} / ${text.x}${logged ? `; ${text.logNote}: ${logged}` : ""}`} style={{ minHeight: height }} />
      <div className="chart-text lab-axis-x" aria-hidden="true" hidden={empty}>
        {text.x}
        {chart.x.log ? ` (${text.logNote})` : ""}
      </div>
      {!empty && (chart.series.length > 1 || chart.kind !== "line") ? (
        <ul className="lab-legend" aria-hidden="true">
          {chart.series.map((s, i) => (
            <li key={s.name} className="chart-text">
              <span className={`lab-swatch lab-c-s${i % PALETTE_SIZE}`} />
              {text.seriesName(s.name)}
            </li>
          ))}
        </ul>
      ) : null}
      <DataTable caption={shownRows.length < table.rows.length ? `${text.title} (${text.sampled(shownRows.length, table.rows.length)})` : text.title} columns={table.columns} rows={shownRows} />
      <button type="button" className="small-button" onClick={download} data-testid={`csv-${chart.id}`}>
        {text.download}
      </button>
    </figure>
  );
}
