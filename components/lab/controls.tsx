"use client";

import { useMessages } from "@/components/i18n";
import type { Control, SettingValue } from "@/lib/lab/experiments/types";
import { ownValue } from "@/lib/own-key";
import type { Settings } from "./registry";

/** Integer ranges wider than this get a number box instead of a slider (a seed, say). */
const SLIDER_MAX_STEPS = 1000;

/**
 * An experiment's settings as controls, one per entry of lib/lab's controls
 * table (which holds the bounds; its codec has the last word on every value).
 * Labels and option names come from the messages by key, looked up with
 * `ownValue`, so a key never reaches an object's prototype.
 */
export function Controls({
  experiment,
  controls,
  settings,
  onChange,
  idPrefix,
}: {
  experiment: string;
  controls: readonly Control[];
  settings: Settings;
  onChange: (key: string, value: SettingValue) => void;
  idPrefix: string;
}) {
  const m = useMessages();
  const label = (key: string) => ownValue(m.lab.controls, `${experiment}.${key}`) ?? ownValue(m.lab.controls, key) ?? key;
  // lib/lab's learning rates take 0 to mean "the default for this depth".
  const shown = (key: string, v: number) => (key === "eta" && v === 0 ? m.lab.auto : formatSetting(v));
  const option = (o: string) => ownValue(m.lab.options, o) ?? o;
  return (
    <div className="lab-controls">
      {controls.map((c) => {
        const id = `${idPrefix}-${c.key}`;
        const testId = `control-${c.key}`;
        const value = Object.hasOwn(settings, c.key) ? settings[c.key] : undefined;
        switch (c.kind) {
          case "flag":
            return (
              <label key={c.key} className="lab-control lab-check" htmlFor={id}>
                <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(c.key, e.target.checked)} data-testid={testId} />
                {label(c.key)}
              </label>
            );
          case "choice":
            return (
              <div key={c.key} className="lab-control">
                <label htmlFor={id}>{label(c.key)}</label>
                <select id={id} value={String(value)} onChange={(e) => onChange(c.key, e.target.value)} data-testid={testId}>
                  {c.options.map((o) => (
                    <option key={o} value={o}>
                      {option(o)}
                    </option>
                  ))}
                </select>
              </div>
            );
          case "set": {
            const chosen = Array.isArray(value) ? (value as readonly string[]) : [];
            return (
              <fieldset key={c.key} className="lab-control lab-set" data-testid={testId}>
                <legend>{label(c.key)}</legend>
                {c.options.map((o) => (
                  <label key={o} className="lab-check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(o)}
                      // At least one stays on: the codec refuses an empty set.
                      disabled={chosen.length === 1 && chosen.includes(o)}
                      onChange={(e) => onChange(c.key, e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))}
                    />
                    {option(o)}
                  </label>
                ))}
              </fieldset>
            );
          }
          case "int":
          case "number": {
            const v = Number(value);
            if (c.kind === "int" && c.max - c.min > SLIDER_MAX_STEPS) {
              return (
                <div key={c.key} className="lab-control">
                  <label htmlFor={id}>{label(c.key)}</label>
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={c.min}
                    max={c.max}
                    step={1}
                    value={v}
                    onChange={(e) => {
                      const n = Number(e.target.value);
                      if (e.target.value !== "" && Number.isInteger(n) && n >= c.min && n <= c.max) onChange(c.key, n);
                    }}
                    data-testid={testId}
                  />
                </div>
              );
            }
            const log = c.kind === "number" && c.log === true && c.min > 0;
            const step = c.kind === "int" ? 1 : (c.step ?? (c.max - c.min) / 200);
            return (
              <div key={c.key} className="lab-control">
                <label htmlFor={id}>
                  {label(c.key)} <output htmlFor={id}>{shown(c.key, v)}</output>
                </label>
                {log ? (
                  <input
                    id={id}
                    type="range"
                    min={Math.log10(c.min)}
                    max={Math.log10(c.max)}
                    step={0.01}
                    value={Math.log10(v)}
                    onChange={(e) => onChange(c.key, clamp(Number((10 ** Number(e.target.value)).toPrecision(3)), c.min, c.max))}
                    data-testid={testId}
                    data-value={v}
                  />
                ) : (
                  <input
                    id={id}
                    type="range"
                    min={c.min}
                    max={c.max}
                    step={step}
                    value={v}
                    onChange={(e) => onChange(c.key, clamp(c.kind === "int" ? Math.round(Number(e.target.value)) : Number(Number(e.target.value).toPrecision(6)), c.min, c.max))}
                    data-testid={testId}
                    data-value={v}
                  />
                )}
              </div>
            );
          }
        }
      })}
    </div>
  );
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function formatSetting(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}
