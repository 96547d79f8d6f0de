"use client";

import { useMessages } from "@/components/i18n";
import { ownValue } from "@/lib/own-key";

/** Facts of several nets side by side ("<option>.<fact>") worth a line each; the others are in the charts. */
const PER_OPTION = new Set(["ratio", "accuracy", "gradSpread", "slowest", "diverged"]);

function formatFact(v: number): string {
  const a = Math.abs(v);
  if (Number.isInteger(v)) return String(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

/**
 * The numbers lib/lab measured that predictions and challenges are scored
 * on (e.g. the largest |eigenvalue| of an RNN's W), with their names from the
 * messages; a fact without a name there is not shown.
 */
export function FactsList({ facts }: { facts: Readonly<Record<string, number>> }) {
  const m = useMessages();
  const rows = Object.entries(facts).flatMap(([key, value]) => {
    const dot = key.indexOf(".");
    if (dot < 0) {
      const name = ownValue(m.lab.factNames, key);
      return name ? [{ key, name, value }] : [];
    }
    const option = key.slice(0, dot);
    const fact = key.slice(dot + 1);
    const name = PER_OPTION.has(fact) ? ownValue(m.lab.factNames, fact) : undefined;
    return name ? [{ key, name: `${ownValue(m.lab.options, option) ?? option}: ${name}`, value }] : [];
  });
  if (!rows.length) return null;
  return (
    <dl className="lab-facts" data-testid="lab-facts">
      {rows.map((r) => (
        <div key={r.key} data-fact={r.key}>
          <dt>{r.name}</dt>
          <dd>{formatFact(r.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
