"use client";

import { useMessages } from "@/components/i18n";
import { ownValue } from "@/lib/own-key";

/**
 * How each setting of an experiment is shown. Bounds and defaults belong to
 * lib/lab (its fromQuery clamps or rejects); these only choose the widget.
 * Keyed by the setting's name in a Map, so a name from the URL never reaches
 * an object's prototype.
 */
export type ControlSpec =
  | { kind: "int"; min: number; max: number; step?: number }
  | { kind: "number"; min: number; max: number; step: number }
  /** A slider over log10 of the value, for rates and scales that span decades. */
  | { kind: "log"; min: number; max: number }
  | { kind: "choice"; options: readonly string[] }
  | { kind: "bool" }
  /** A free integer (the seed): a number box, not a slider. */
  | { kind: "seed" };

export type Settings = Record<string, unknown>;

/** Shows the settings of `settings` that `specs` knows, in the settings' own order. */
export function Controls({
  settings,
  specs,
  onChange,
  idPrefix,
}: {
  settings: Settings;
  specs: ReadonlyMap<string, ControlSpec>;
  onChange: (key: string, value: unknown) => void;
  idPrefix: string;
}) {
  const m = useMessages();
  const label = (key: string) => ownValue(m.lab.controls, key) ?? key;
  const option = (o: string) => ownValue(m.lab.options, o) ?? o;
  return (
    <div className="lab-controls">
      {Object.entries(settings).map(([key, value]) => {
        const spec = specs.get(key);
        if (!spec) return null;
        const id = `${idPrefix}-${key}`;
        const testId = `control-${key}`;
        switch (spec.kind) {
          case "bool":
            return (
              <label key={key} className="lab-control lab-check" htmlFor={id}>
                <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(key, e.target.checked)} data-testid={testId} />
                {label(key)}
              </label>
            );
          case "choice":
            return (
              <div key={key} className="lab-control">
                <label htmlFor={id}>{label(key)}</label>
                <select id={id} value={String(value)} onChange={(e) => onChange(key, e.target.value)} data-testid={testId}>
                  {spec.options.map((o) => (
                    <option key={o} value={o}>
                      {option(o)}
                    </option>
                  ))}
                </select>
              </div>
            );
          case "seed":
            return (
              <div key={key} className="lab-control">
                <label htmlFor={id}>{label(key)}</label>
                <input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={Number(value)}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isInteger(v) && v >= 1) onChange(key, v);
                  }}
                  data-testid={testId}
                />
              </div>
            );
          case "log": {
            const v = Number(value);
            return (
              <div key={key} className="lab-control">
                <label htmlFor={id}>
                  {label(key)} <output htmlFor={id}>{formatSetting(v)}</output>
                </label>
                <input
                  id={id}
                  type="range"
                  min={Math.log10(spec.min)}
                  max={Math.log10(spec.max)}
                  step={0.01}
                  value={Math.log10(v)}
                  onChange={(e) => onChange(key, Number(Number(10 ** Number(e.target.value)).toPrecision(3)))}
                  data-testid={testId}
                />
              </div>
            );
          }
          default: {
            const v = Number(value);
            const step = spec.kind === "int" ? (spec.step ?? 1) : spec.step;
            return (
              <div key={key} className="lab-control">
                <label htmlFor={id}>
                  {label(key)} <output htmlFor={id}>{formatSetting(v)}</output>
                </label>
                <input id={id} type="range" min={spec.min} max={spec.max} step={step} value={v} onChange={(e) => onChange(key, Number(e.target.value))} data-testid={testId} />
              </div>
            );
          }
        }
      })}
    </div>
  );
}

export function formatSetting(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}
