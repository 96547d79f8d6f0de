import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { SettingsForm } from "./settings-form";
import { StudySettingsForm } from "./study-settings-form";
import { OptimizeSection } from "./optimize-section";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const [prefs, settings] = await Promise.all([getPrefs(), getSettings(getDb())]);
  const m = messages(prefs.locale);
  const { weights, optimizedAt: _at, ...editable } = settings;
  return (
    <section>
      <h1>{m.settings.title}</h1>
      <SettingsForm study={prefs.study} />
      {/* FSRS decay is the 21st weight; the defaults use 0.1542. */}
      <StudySettingsForm initial={editable} decay={weights?.[20] ?? 0.1542} />
      <OptimizeSection />
    </section>
  );
}
