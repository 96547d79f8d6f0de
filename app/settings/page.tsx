import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/prefs/server";
import { SettingsForm } from "./settings-form";
import { OptimizeSection } from "./optimize-section";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const prefs = await getPrefs();
  const m = messages(prefs.locale);
  return (
    <section>
      <h1>{m.settings.title}</h1>
      <SettingsForm study={prefs.study} />
      <OptimizeSection />
    </section>
  );
}
