import { StatsView } from "@/components/stats/stats-view";
import { getDb } from "@/lib/db/client";
import { statsOverview } from "@/lib/db/stats";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { GENERATORS } from "@/lib/exercises/registry";
import { ownValue } from "@/lib/own-key";
import { describeMistake } from "@/lib/exercises/server";

export const dynamic = "force-dynamic";

export default async function StatsPage() {
  const prefs = await getPrefs();
  const m = messages(prefs.locale);
  const data = await statsOverview(getDb(), new Date(), prefs.study);
  const described = data.mistakes.map((x) => (x.example ? describeMistake(x.generator, x.example.seed, x.example.params, x.mistakeId, prefs.locale) : null));
  return (
    <>
      <h1>{m.stats.title}</h1>
      <p className="muted small">{m.stats.scope(prefs.study.map((l) => messages(l).languageName).join(", "), data.dayStartHour)}</p>
      <StatsView
        data={data}
        locale={prefs.locale}
        mistakeText={described}
        generatorTitles={Object.fromEntries(data.exercises.map((q) => [q.generator, ownValue(GENERATORS, q.generator)?.titles[prefs.locale] ?? q.generator]))}
      />
    </>
  );
}
