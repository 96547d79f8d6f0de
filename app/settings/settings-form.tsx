"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useMessages } from "@/components/i18n";
import { LanguageSwitch } from "@/components/language/language-switch";
import { LOCALES, type Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { setStudyAction } from "./actions";

/** Interface language and the content languages to study. */
export function SettingsForm({ study }: { study: Locale[] }) {
  const m = useMessages();
  const router = useRouter();
  const [chosen, setChosen] = useState<Locale[]>(study);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  return (
    <>
      <h2>{m.settings.interfaceLanguage}</h2>
      <LanguageSwitch />
      <h2>{m.settings.studyLanguages}</h2>
      <form
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await setStudyAction(chosen);
            setSaved(r.ok);
            router.refresh();
          });
        }}
      >
        <p className="muted small">{m.settings.studyHelp}</p>
        {LOCALES.map((l) => (
          <label key={l} className="check">
            <input
              type="checkbox"
              data-testid={`study-${l}`}
              checked={chosen.includes(l)}
              onChange={(e) => {
                setSaved(false);
                setChosen((c) => (e.target.checked ? [...c, l] : c.filter((x) => x !== l)));
              }}
            />{" "}
            <span lang={messages(l).htmlLang}>{messages(l).languageName}</span>
          </label>
        ))}
        <p>
          <button type="submit" className="primary" disabled={pending} data-testid="save-settings">
            {m.settings.save}
          </button>{" "}
          {saved ? (
            <span role="status" className="muted">
              {m.settings.saved}
            </span>
          ) : null}
        </p>
      </form>
    </>
  );
}
