"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useMessages } from "@/components/i18n";
import { ownValue } from "@/lib/own-key";
import type { Chart, ExperimentId, SettingValue } from "@/lib/lab/experiments/types";
import { ChallengeList } from "./challenge-list";
import { Controls } from "./controls";
import { FactsList } from "./facts-list";
import { LabChart, type LabChartText } from "./lab-chart";
import { PredictionPanel, type PredictionCard } from "./prediction-panel";
import { EXPERIMENT_IDS, readSettings, settingsQuery, type ExperimentSpec, type Settings } from "./registry";
import { TrainingBar } from "./training-bar";
import { useLabWorker } from "./use-lab-worker";

export interface NoteLink {
  href: string;
  title: string;
}

export interface LabPageData {
  /** Every experiment's defaults, controls and challenge ids, in tab order. */
  specs: ExperimentSpec[];
  notes: Partial<Record<ExperimentId, NoteLink[]>>;
  predictions: Partial<Record<ExperimentId, PredictionCard[]>>;
}

function experimentOf(raw: string | null): ExperimentId | null {
  return EXPERIMENT_IDS.find((id) => id === raw) ?? null;
}

/** The address for an experiment and its settings: `?exp=…&` then the experiment's own toQuery. */
function address(exp: ExperimentId, query: string): string {
  return `/lab?exp=${exp}${query ? `&${query}` : ""}`;
}

/**
 * The gradient lab: one tab per experiment, its settings (all in the
 * address), its charts computed in a Web Worker, a prediction to commit to
 * and challenges to solve. `search` is the address's query as the server saw
 * it, so the first render on the server and in the browser agree.
 */
export function LabView({ search, data }: { search: string; data: LabPageData }) {
  const m = useMessages();
  const specs = useMemo(() => new Map(data.specs.map((s) => [s.id, s])), [data.specs]);
  const specOf = useCallback((id: ExperimentId): ExperimentSpec => specs.get(id) ?? data.specs[0]!, [specs, data.specs]);
  const initial = useMemo(() => {
    const q = new URLSearchParams(search);
    const exp = experimentOf(q.get("exp"));
    const bad = exp === null && q.has("exp") ? ["exp"] : [];
    const id = exp ?? "depth";
    const parsed = readSettings(specOf(id), q);
    return { exp: id, settings: parsed.settings, bad: [...bad, ...parsed.problems.map((p) => p.field)] };
  }, [search, specOf]);
  const [exp, setExp] = useState<ExperimentId>(initial.exp);
  const [settings, setSettings] = useState<Settings>(initial.settings);
  const [bad, setBad] = useState<string[]>(initial.bad);
  const spec = specOf(exp);
  const query = useMemo(() => settingsQuery(spec, settings), [spec, settings]);
  const run = useLabWorker(exp, query, spec.challenges);

  // The address follows the settings without a server round trip: Next keeps
  // its router in step with history.replaceState (no new render of the page
  // on the server per slider tick, which router.replace would cost).
  const show = useCallback(
    (next: ExperimentId, nextSettings: Settings) => {
      setExp(next);
      setSettings(nextSettings);
      window.history.replaceState(null, "", address(next, settingsQuery(specOf(next), nextSettings)));
    },
    [specOf],
  );

  const switchTo = (next: ExperimentId) => {
    if (next === exp) return;
    setBad([]);
    show(next, specOf(next).defaults);
  };
  const change = (key: string, value: SettingValue) => {
    // Read back through lib/lab's codec: a value it refuses keeps the old one.
    const next = new Map(Object.entries(settings));
    next.set(key, value);
    try {
      const r = readSettings(spec, new URLSearchParams(settingsQuery(spec, { ...spec.defaults, ...Object.fromEntries(next) })));
      if (r.problems.length === 0) show(exp, r.settings);
    } catch {
      // toQuery refused the value (out of bounds): the control keeps its old value.
    }
  };

  // A prediction's setup (a /lab address from lib/exercises' labUrl): its experiment and settings, read like any address.
  const openSetup = (href: string) => {
    const q = new URLSearchParams(href.slice(href.indexOf("?") + 1));
    const next = experimentOf(q.get("exp"));
    if (!next) return;
    setBad([]);
    show(next, readSettings(specOf(next), q).settings);
    document.getElementById("lab-charts")?.scrollIntoView({ block: "start" });
  };

  const tabName = (id: string) => ownValue(m.lab.tabs, id) ?? id;
  const result = run.exp === exp ? run.result : null;
  const notes = data.notes[exp] ?? [];

  return (
    <div className="lab" data-testid="lab" data-experiment={exp}>
      <h1>{m.lab.title}</h1>
      <p className="muted">{m.lab.intro}</p>
      {bad.length ? (
        <p className="notice" role="status" data-testid="lab-bad-url">
          {m.lab.badUrl(bad.join(", "))}
        </p>
      ) : null}
      <div
        className="lab-tabs"
        role="tablist"
        aria-label={m.lab.experimentsLabel}
        // The tab pattern's arrow keys: move to the previous or next experiment and focus its tab.
        onKeyDown={(e) => {
          if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
          const i = EXPERIMENT_IDS.indexOf(exp);
          const next = EXPERIMENT_IDS[(i + (e.key === "ArrowRight" ? 1 : EXPERIMENT_IDS.length - 1)) % EXPERIMENT_IDS.length]!;
          e.preventDefault();
          switchTo(next);
          document.getElementById(`lab-tab-${next}`)?.focus();
        }}
      >
        {EXPERIMENT_IDS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`lab-tab-${id}`}
            aria-selected={id === exp}
            tabIndex={id === exp ? 0 : -1}
            aria-controls="lab-panel"
            className={id === exp ? "active" : undefined}
            onClick={() => switchTo(id)}
            data-testid={`tab-${id}`}
          >
            {tabName(id)}
          </button>
        ))}
      </div>
      <section id="lab-panel" role="tabpanel" aria-labelledby={`lab-tab-${exp}`} className="lab-panel">
        <h2>{tabName(exp)}</h2>
        <div className="lab-guide">
          <h3>{m.lab.lookFor}</h3>
          <p data-testid="lab-guide">{ownValue(m.lab.guide, exp)}</p>
          {notes.length ? (
            <p className="small">
              {m.lab.noteLink}:{" "}
              {notes.map((n, i) => (
                <span key={n.href}>
                  {i > 0 ? " · " : null}
                  <Link href={n.href} data-testid="lab-note-link">
                    {n.title}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </div>
        <section className="lab-section lab-predict-section">
          <h3>{m.lab.predict.title}</h3>
          <p className="muted small">{m.lab.predict.help}</p>
          <PredictionPanel key={exp} cards={data.predictions[exp] ?? []} onOpenSetup={openSetup} />
        </section>
        <div className="lab-body">
          <form className="lab-settings" aria-label={m.lab.settings} onSubmit={(e) => e.preventDefault()}>
            <h3>{m.lab.settings}</h3>
            <Controls experiment={exp} controls={spec.controls} settings={settings} onChange={change} idPrefix={`lab-${exp}`} />
            <div className="actions">
              <button type="button" className="small-button" onClick={() => show(exp, spec.defaults)} data-testid="lab-defaults">
                {m.lab.resetAll}
              </button>
            </div>
            {spec.training ? <TrainingBar run={run} /> : null}
          </form>
          <div className="lab-charts" id="lab-charts" aria-busy={run.busy} data-latency={run.latencyMs ?? undefined}>
            {run.error ? (
              <p className="error" role="alert">
                {run.error === "worker" ? m.lab.workerFailed : run.error}
              </p>
            ) : null}
            {!result ? (
              <p className="muted">{m.lab.computing}</p>
            ) : (
              <>
                <FactsList facts={result.facts} />
                {result.charts.map((c) => (
                  <LabChart key={c.id} chart={c} live={run.training?.playing === true} text={chartText(m, exp, tabName(exp), c)} />
                ))}
              </>
            )}
          </div>
        </div>
        <section className="lab-section">
          <h3>{m.lab.challenges.title}</h3>
          <p className="muted small">{m.lab.challenges.help}</p>
          <ChallengeList ids={spec.challenges} states={run.exp === exp ? run.challenges : []} settings={settings} query={query} result={result} busy={run.busy} />
        </section>
      </section>
    </div>
  );
}

function chartText(m: ReturnType<typeof useMessages>, exp: ExperimentId, experiment: string, c: Chart): LabChartText {
  const quantity = (q: string) => ownValue(m.lab.quantities, `${exp}.${q}`) ?? ownValue(m.lab.quantities, q) ?? q;
  const seriesName = (raw: string) => {
    const one = (name: string) => ownValue(m.lab.series, name) ?? ownValue(m.lab.options, name) ?? name;
    // "l=3", or "<variant> l=3": a layer, after what it belongs to.
    const layer = /^(.*?)\s*l=(\d+)$/.exec(raw);
    if (layer) return `${layer[1] ? `${one(layer[1])} ` : ""}${m.lab.layerName(Number(layer[2]))}`;
    return one(raw);
  };
  const x = quantity(c.x.quantity);
  const y = quantity(c.y.quantity);
  // Ids like "histA-relu": the base's title, then the series it is about.
  const dash = c.id.indexOf("-");
  const base = dash > 0 ? ownValue(m.lab.charts, c.id.slice(0, dash)) : undefined;
  const title = ownValue(m.lab.charts, c.id) ?? (base ? `${base} — ${seriesName(c.id.slice(dash + 1))}` : m.lab.chartTitle(experiment, y, x));
  return { title, x, y, seriesName, series: m.lab.seriesColumn, download: m.lab.downloadCsv, logNote: m.lab.logScale, empty: m.lab.noData, sampled: m.lab.sampledRows };
}
