import "./lab.css";
import type { Metadata } from "next";
import { LabView, type LabPageData, type NoteLink } from "@/components/lab/lab-view";
import type { PredictionCard } from "@/components/lab/prediction-panel";
import type { ExperimentSpec, Settings } from "@/components/lab/registry";
import { CHALLENGE_EXPERIMENT, CHALLENGE_IDS, EXPERIMENT_IDS, experimentById, type ExperimentId } from "@/lib/lab/experiments";
import type { ExerciseSpec } from "@/lib/content/types";
import { QUESTION_EXPERIMENT, type Question } from "@/lib/exercises/generators/lab-predict/model";
import { browseCards } from "@/lib/db/browse";
import { getDb } from "@/lib/db/client";
import { getCard, getNote } from "@/lib/db/queries";
import { showingOf } from "@/lib/db/queue";
import { getSettings } from "@/lib/db/settings";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { schedulerFor } from "@/lib/srs/config";
import { LAB_PREDICT_ID } from "@/lib/exercises/generators/lab-predict/id";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getPrefs();
  return { title: `${messages(locale).lab.title} — GradPrep` };
}

/** The notes each experiment belongs to (file names in content/en and content/zh); each links back here. */
const NOTES: ReadonlyMap<ExperimentId, readonly string[]> = new Map<ExperimentId, readonly string[]>([
  ["depth", ["02-one-neuron-chain", "03-sigmoid-derivative"]],
  ["activations", ["06-relu", "03-sigmoid-derivative"]],
  ["init", ["07-initialisation"]],
  ["remedies", ["09-residual-connections"]],
  ["jacobian", ["05-general-jacobians"]],
  ["rnn", ["10-rnn-bptt", "11-gradient-clipping"]],
  ["window", ["04-exploding-sigmoid-window"]],
]);

/** A lab-predict card's experiment: its `question` parameter says which. */
function experimentOfCard(exercise: ExerciseSpec | null): ExperimentId | null {
  const question = exercise?.generator === LAB_PREDICT_ID ? exercise.params.question : undefined;
  return typeof question === "string" ? (QUESTION_EXPERIMENT.get(question as Question) ?? null) : null;
}

/** What the page needs of each experiment: plain data (the maths stays on the server and in the worker). */
function specs(): ExperimentSpec[] {
  return EXPERIMENT_IDS.map((id) => {
    const def = experimentById(id)!;
    return {
      id,
      defaults: { ...(def.defaults as unknown as Settings) },
      controls: def.controls,
      training: typeof def.trainer === "function",
      challenges: CHALLENGE_IDS.filter((c) => CHALLENGE_EXPERIMENT.get(c) === id),
    };
  });
}

const noteHref = (id: string) => `/notes/${id.split("/").map(encodeURIComponent).join("/")}`;

function searchString(query: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  return q.toString();
}

/**
 * /lab: the gradient lab. The server only finds the notes and the prediction
 * cards that belong to each experiment (with a showing token when a card can
 * be graded now); everything computed runs in the browser's Web Worker.
 */
export default async function LabPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, prefs] = await Promise.all([searchParams, getPrefs()]);
  const db = getDb();
  const now = new Date();
  const scheduler = schedulerFor(await getSettings(db));
  const data: LabPageData = { specs: specs(), notes: {}, predictions: {} };
  // Every prediction card, with the experiment its question is about.
  const rows = (await browseCards(db, { generator: LAB_PREDICT_ID, sort: "due", dir: "asc", page: 1 }, { now, scheduler })).rows.filter(
    (r) => !r.suspended && prefs.study.some((l) => l === r.lang),
  );
  const cards = await Promise.all(rows.map(async (r) => ({ row: r, exp: experimentOfCard((await getCard(db, r.id))?.exercise ?? null) })));
  await Promise.all(
    EXPERIMENT_IDS.map(async (exp) => {
      const notes = await Promise.all((NOTES.get(exp) ?? []).map((file) => getNote(db, `${prefs.locale}/${file}`, now)));
      data.notes[exp] = notes.flatMap((n): NoteLink[] => (n ? [{ href: noteHref(n.id), title: n.title }] : []));
      const mine = cards.filter((c) => c.exp === exp).map((c) => c.row);
      // The interface language's cards first; other studied languages only when it has none.
      const own = mine.filter((r) => r.lang === prefs.locale);
      const chosen = own.length ? own : mine;
      data.predictions[exp] = await Promise.all(
        chosen.map(async (r): Promise<PredictionCard> => ({ cardId: r.id, title: r.front.split("\n")[0] ?? r.id, token: (await showingOf(db, r.id, now, prefs.study))?.token ?? null })),
      );
    }),
  );
  return <LabView search={searchString(query)} data={data} />;
}
