import { LabError } from "../errors";
import { type Control, type SettingProblem, type SettingValue } from "./types";

/**
 * Settings from and to URLSearchParams, driven by an experiment's fixed
 * `controls` table: each parameter is read by its control's key (never a key
 * taken from the URL), and parsed by its kind with plain string checks.
 */

export type Settings = Record<string, SettingValue>;

function parseOne(control: Control, raw: string): SettingValue {
  const text = raw.trim();
  switch (control.kind) {
    case "int":
    case "number": {
      const v = text === "" ? Number.NaN : Number(text);
      if (!Number.isFinite(v)) throw new LabError(control.key, `expected a number ${control.min}..${control.max}, got ${JSON.stringify(raw)}`);
      if (control.kind === "int" && !Number.isInteger(v)) throw new LabError(control.key, `expected an integer ${control.min}..${control.max}, got ${JSON.stringify(raw)}`);
      if (v < control.min || v > control.max) throw new LabError(control.key, `expected ${control.min}..${control.max}, got ${v}`);
      return v;
    }
    case "choice":
      if (!control.options.includes(text)) throw new LabError(control.key, `expected one of ${control.options.join(", ")}, got ${JSON.stringify(raw)}`);
      return text;
    case "flag":
      if (text === "1" || text === "true") return true;
      if (text === "0" || text === "false") return false;
      throw new LabError(control.key, `expected 1 or 0, got ${JSON.stringify(raw)}`);
    case "set": {
      const parts = text.split(",").map((p) => p.trim());
      const out: string[] = [];
      for (const p of parts) {
        if (!control.options.includes(p)) throw new LabError(control.key, `expected a comma-separated list of ${control.options.join(", ")}, got ${JSON.stringify(p)}`);
        if (!out.includes(p)) out.push(p);
      }
      if (out.length === 0) throw new LabError(control.key, "expected at least one value");
      // Keep the table's order, so one setup has one URL.
      return control.options.filter((o) => out.includes(o));
    }
  }
}

/** Checks one value already in a settings object (e.g. built by code, not from a URL). */
export function checkValue(control: Control, value: unknown): SettingValue {
  switch (control.kind) {
    case "int":
    case "number":
      if (typeof value !== "number") throw new LabError(control.key, `expected a number, got ${JSON.stringify(value)}`);
      return parseOne(control, String(value));
    case "choice":
      if (typeof value !== "string") throw new LabError(control.key, `expected one of ${control.options.join(", ")}, got ${JSON.stringify(value)}`);
      return parseOne(control, value);
    case "flag":
      if (typeof value !== "boolean") throw new LabError(control.key, `expected true or false, got ${JSON.stringify(value)}`);
      return value;
    case "set":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new LabError(control.key, `expected a list, got ${JSON.stringify(value)}`);
      return parseOne(control, value.join(","));
  }
}

function format(control: Control, value: SettingValue): string {
  if (control.kind === "flag") return value ? "1" : "0";
  if (control.kind === "set") return (value as readonly string[]).join(",");
  return String(value);
}

export interface SettingsCodec<S> {
  fromQuery(q: URLSearchParams): S;
  readQuery(q: URLSearchParams): { settings: S; problems: SettingProblem[] };
  toQuery(s: S): URLSearchParams;
  /** Every field of a settings object checked against its control; throws LabError naming the first bad field. */
  check(s: S): S;
}

export function settingsCodec<S extends object>(controls: readonly Control[], defaults: S): SettingsCodec<S> {
  const defs = defaults as unknown as Settings;
  const read = (q: URLSearchParams, problems: SettingProblem[] | null): S => {
    const out = new Map<string, SettingValue>();
    for (const c of controls) {
      const raw = q.get(c.key);
      let v = defs[c.key] as SettingValue;
      if (raw !== null) {
        try {
          v = parseOne(c, raw);
        } catch (e) {
          if (problems === null || !(e instanceof LabError)) throw e;
          problems.push({ field: e.field, message: e.message });
        }
      }
      out.set(c.key, v);
    }
    return Object.fromEntries(out) as S;
  };
  return {
    fromQuery: (q) => read(q, null),
    readQuery(q) {
      const problems: SettingProblem[] = [];
      return { settings: read(q, problems), problems };
    },
    toQuery(s) {
      const q = new URLSearchParams();
      const values = s as unknown as Settings;
      for (const c of controls) q.set(c.key, format(c, checkValue(c, values[c.key])));
      return q;
    },
    check(s) {
      const values = s as unknown as Settings;
      const out = new Map<string, SettingValue>();
      for (const c of controls) out.set(c.key, checkValue(c, Object.hasOwn(values, c.key) ? values[c.key] : undefined));
      return Object.fromEntries(out) as S;
    },
  };
}
