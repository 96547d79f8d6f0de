"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useMessages } from "@/components/i18n";
import { LocalTime } from "@/components/local-time";
import type { OptimizeReport, OptimizeSummary } from "@/lib/db/optimize-weights";
import type { Evaluation } from "@/lib/srs/optimize";
import { optimizeAction, resetWeightsAction } from "./optimize-actions";

const fmt = (x: number) => x.toFixed(4);

export function OptimizePanel({ initial }: { initial: OptimizeSummary }) {
  const m = useMessages().optimize;
  const router = useRouter();
  const [summary, setSummary] = useState<OptimizeSummary>(initial);
  const [report, setReport] = useState<OptimizeReport | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, start] = useTransition();

  const run = () =>
    start(async () => {
      setMessage(null);
      setReport(null);
      const r = await optimizeAction();
      if (!r.ok) {
        setMessage({ text: `${m.failed} ${r.error}`, error: true });
        return;
      }
      setReport(r.report);
      setSummary(r.report);
      if (r.report.status === "too-few") setMessage({ text: m.tooFew(r.report.needed), error: false });
      else if (r.report.status === "cannot-evaluate") setMessage({ text: m.cannotEvaluate, error: true });
      router.refresh();
    });

  const reset = () =>
    start(async () => {
      setMessage(null);
      setReport(null);
      const r = await resetWeightsAction();
      if (!r.ok) {
        setMessage({ text: `${m.failed} ${r.error}`, error: true });
        return;
      }
      setSummary(r.summary);
      setMessage({ text: m.resetDone, error: false });
      router.refresh();
    });

  return (
    <div data-testid="optimize-section">
      <h2>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      <p data-testid="optimize-available">{m.available(summary.items, summary.cards)}</p>
      {summary.incompleteCards > 0 ? <p className="muted small">{m.incomplete(summary.incompleteCards)}</p> : null}
      {summary.needed > 0 ? <p className="muted">{m.needMore(summary.needed, summary.minimum)}</p> : null}
      <p data-testid="optimize-in-use">
        {summary.weights && summary.optimizedAt ? (
          <>
            {m.usingOptimised} <LocalTime iso={new Date(summary.optimizedAt).toISOString()} />
          </>
        ) : (
          m.usingDefaults
        )}
      </p>
      <p aria-busy={pending}>
        <button type="button" className="primary" onClick={run} disabled={pending} data-testid="optimize-run">
          {m.run}
        </button>{" "}
        {summary.weights ? (
          <button type="button" onClick={reset} disabled={pending} data-testid="optimize-reset">
            {m.reset}
          </button>
        ) : null}{" "}
        {pending ? (
          <span role="status" className="muted" data-testid="optimize-running">
            {m.running}
          </span>
        ) : null}
      </p>
      {message ? (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "notice"} data-testid="optimize-message">
          {message.text}
        </p>
      ) : null}
      {report?.status === "done" ? <ResultTable report={report} /> : null}
    </div>
  );
}

function ResultTable({ report }: { report: Extract<OptimizeReport, { status: "done" }> }) {
  const m = useMessages().optimize;
  const rows: [string, Evaluation][] = [[m.rowDefault, report.defaults]];
  if (report.current) rows.push([m.rowCurrent, report.current]);
  rows.push([m.rowOptimised, report.optimised]);
  const verdict = report.dryRun && report.reason === "better" ? m.wouldAdopt : report.adopted ? m.adopted : report.reason === "unchanged" ? m.unchanged : m.notBetter;
  return (
    <>
      <table className="keys" data-testid="optimize-result">
        <caption>{m.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.parameters}</th>
            <th scope="col">{m.logLoss}</th>
            <th scope="col">{m.rmse}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, e]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{fmt(e.logLoss)}</td>
              <td>{fmt(e.rmseBins)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="notice" data-testid="optimize-verdict">
        {verdict}
      </p>
      <p className="muted small">{m.measure}</p>
    </>
  );
}
