import { redirect } from "next/navigation";
import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { DEFAULT_MINUTES, DEFAULT_QUESTION_COUNT, MAX_MINUTES, MAX_QUESTION_COUNT, MIN_MINUTES } from "@/lib/interview/pick";
import { bankSummary, sessionQuestions, startInterview } from "@/lib/interview/server";
import { INTERVIEW_SESSION_RE } from "@/lib/interview/session-id";
import { InterviewRun } from "./interview-run";
import { InterviewSettings } from "./interview-settings";
import "./interview.css";

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const minutesSchema = z.coerce.number().int().min(MIN_MINUTES).max(MAX_MINUTES);
const countSchema = z.coerce.number().int().min(1).max(MAX_QUESTION_COUNT);

/**
 * /interview: the settings, then `?start=1&n=…&minutes=…` picks the questions
 * and redirects to `?session=…&minutes=…&q=…` (the questions pinned in the
 * address, so a reload shows the same interview; the browser keeps the
 * progress). Questions come from the languages studied, like reviews.
 */
export default async function InterviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const { locale, study } = await getPrefs();
  const langs = { study, prefer: locale };
  const m = messages(locale).interview;
  const minutes = minutesSchema.safeParse(one(query.minutes));
  const session = one(query.session);

  if (session !== undefined && INTERVIEW_SESSION_RE.test(session) && minutes.success) {
    const { questions, cards } = sessionQuestions(langs, many(query.q).slice(0, MAX_QUESTION_COUNT));
    return (
      <section className="interview" data-testid="interview">
        <h1>{m.title}</h1>
        {questions.length === 0 ? (
          <p className="empty" data-testid="interview-gone">
            {m.unknownSession} <a href="/interview">{m.newInterview}</a>
          </p>
        ) : (
          <InterviewRun session={session} minutes={minutes.data} questions={questions} cards={cards} />
        )}
      </section>
    );
  }

  const count = countSchema.safeParse(one(query.n));
  if (one(query.start) === "1" && count.success && minutes.success) {
    const started = await startInterview(langs, count.data);
    if (started.questionIds.length > 0) {
      const params = new URLSearchParams({ session: started.session, minutes: String(minutes.data) });
      for (const id of started.questionIds) params.append("q", id);
      redirect(`/interview?${params}`);
    }
  }

  const bank = bankSummary(langs);
  return (
    <section className="interview" data-testid="interview-start">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {bank.questions === 0 ? (
        <p className="empty" data-testid="interview-empty">
          {m.empty}
        </p>
      ) : (
        <>
          <p className="muted">{m.available(bank.questions, bank.topics)}</p>
          <InterviewSettings maxCount={Math.min(MAX_QUESTION_COUNT, bank.questions)} defaults={{ count: DEFAULT_QUESTION_COUNT, minutes: DEFAULT_MINUTES }} limits={{ minMinutes: MIN_MINUTES, maxMinutes: MAX_MINUTES }} />
        </>
      )}
    </section>
  );
}
