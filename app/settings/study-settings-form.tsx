"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useLocale, useMessages } from "@/components/i18n";
import { intervalRatio, THEMES, type StudySettings } from "@/lib/srs/settings";
import { saveStudySettingsAction } from "./actions";

type Editable = Omit<StudySettings, "weights" | "optimizedAt">;

const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

/** Desired retention, limits, steps, interval cap, fuzz, day boundary and theme. */
export function StudySettingsForm({ initial, decay }: { initial: Editable; decay: number }) {
  const m = useMessages().studySettings;
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [v, setV] = useState<Editable>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const set = <K extends keyof Editable>(key: K, value: Editable[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [key]: value }));
  };
  // Only for a value that would be accepted.
  const ratio = Number.isFinite(v.retention) && v.retention >= 0.7 && v.retention <= 0.97 ? intervalRatio(v.retention, decay) : NaN;

  // After a refused save, take the learner to the first field to fix.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const field = (key: keyof Editable, label: string, input: React.ReactNode, help?: string) => (
    <div className="field">
      <label htmlFor={`s-${key}`}>{label}</label>
      {input}
      {help ? (
        <p className="muted small" id={`s-${key}-help`}>
          {help}
        </p>
      ) : null}
      {errors[key] ? (
        <p className="error small" id={`s-${key}-error`} data-testid={`error-${key}`}>
          {m.fieldErrors[key] ?? errors[key]}
          {/* For steps the server names the step it could not read (in English). */}
          {key.endsWith("Steps") && locale === "en" && errors[key] !== m.fieldErrors[key] ? <span className="muted"> ({errors[key]})</span> : null}
        </p>
      ) : null}
    </div>
  );
  const aria = (key: keyof Editable) => ({
    id: `s-${key}`,
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `s-${key}-error` : undefined,
  });
  const num = (key: "newPerDay" | "reviewsPerDay" | "maximumInterval" | "exercisesPerDay", min: number, max: number) => (
    <input type="number" inputMode="numeric" min={min} max={max} step={1} value={Number.isFinite(v[key]) ? v[key] : ""} onChange={(e) => set(key, e.target.valueAsNumber)} {...aria(key)} />
  );
  return (
    <form
      ref={formRef}
      className="settings-form"
      // The server validates and names every bad field, in the interface language of its messages.
      noValidate
      aria-busy={pending}
      data-testid="study-settings"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await saveStudySettingsAction(v);
          if (r.ok) {
            setErrors({});
            setSaved(true);
            router.refresh();
          } else {
            setErrors(r.errors);
            setSaved(false);
          }
        });
      }}
    >
      <h2>{m.title}</h2>
      {field(
        "retention",
        m.retention,
        <>
          <input type="number" min={0.7} max={0.97} step={0.01} value={Number.isFinite(v.retention) ? v.retention : ""} onChange={(e) => set("retention", e.target.valueAsNumber)} {...aria("retention")} />
          {Number.isFinite(ratio) ? (
            <p className="small" data-testid="workload">
              {m.workload(fmt(ratio), fmt(1 / ratio))}
              {v.retention < 0.85 ? ` ${m.lowRetention}` : null}
            </p>
          ) : null}
        </>,
        m.retentionHelp,
      )}
      {field("newPerDay", m.newPerDay, num("newPerDay", 0, 9999))}
      {field("reviewsPerDay", m.reviewsPerDay, num("reviewsPerDay", 0, 99999))}
      {field("exercisesPerDay", m.exercisesPerDay, num("exercisesPerDay", 0, 9999), m.exercisesPerDayHelp)}
      <fieldset style={{ border: "none", padding: 0, margin: "0.75rem 0" }}>
        <legend style={{ padding: 0, fontWeight: 600, marginBottom: "0.2rem" }}>{m.burySiblings}</legend>
        <label className="check">
          <input type="checkbox" checked={v.buryNewSiblings} onChange={(e) => set("buryNewSiblings", e.target.checked)} data-testid="bury-new-siblings" /> {m.buryNewSiblings}
        </label>
        <label className="check">
          <input type="checkbox" checked={v.buryReviewSiblings} onChange={(e) => set("buryReviewSiblings", e.target.checked)} data-testid="bury-review-siblings" /> {m.buryReviewSiblings}
        </label>
        <p className="muted small">{m.burySiblingsHelp}</p>
      </fieldset>
      {field("learningSteps", m.learningSteps, <input value={v.learningSteps} onChange={(e) => set("learningSteps", e.target.value)} {...aria("learningSteps")} />, m.stepsHelp)}
      {field("relearningSteps", m.relearningSteps, <input value={v.relearningSteps} onChange={(e) => set("relearningSteps", e.target.value)} {...aria("relearningSteps")} />)}
      {field("maximumInterval", m.maximumInterval, num("maximumInterval", 1, 36500))}
      <label className="check">
        <input type="checkbox" checked={v.fuzz} onChange={(e) => set("fuzz", e.target.checked)} data-testid="fuzz" /> {m.fuzz}
      </label>
      {field(
        "dayStartHour",
        m.dayStartHour,
        <select value={v.dayStartHour} onChange={(e) => set("dayStartHour", Number(e.target.value))} {...aria("dayStartHour")}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, "0")}:00
            </option>
          ))}
        </select>,
        m.dayStartHelp,
      )}
      {field(
        "theme",
        m.theme,
        <select value={v.theme} onChange={(e) => set("theme", e.target.value as Editable["theme"])} {...aria("theme")}>
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {m.themes[t]}
            </option>
          ))}
        </select>,
      )}
      <p>
        <button type="submit" className="primary" disabled={pending} data-testid="save-study-settings">
          {m.save}
        </button>{" "}
        {saved ? (
          <span role="status" className="muted" data-testid="study-settings-saved">
            {m.saved}
          </span>
        ) : null}
      </p>
      {Object.keys(errors).length ? (
        <p className="error" role="alert">
          {errors.form ?? m.invalid}
        </p>
      ) : null}
    </form>
  );
}
