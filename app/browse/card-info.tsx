import Link from "next/link";
import { Markdown } from "@/components/markdown";
import { RetrievabilityCurve } from "@/components/browse/retrievability-curve";
import type { CardInfo } from "@/lib/db/browse-card";
import { describeMistake } from "@/lib/exercises/server";
import { formatInterval } from "@/lib/i18n/interval";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { ownValue } from "@/lib/own-key";

const DAY_MS = 86_400_000;

const noteHref = (id: string) => `/notes/${id.split("/").map(encodeURIComponent).join("/")}`;

/** Card info (Anki's): the card, its FSRS state and forgetting curve, every review and exercise attempt. */
export function CardInfoView({ info, m, locale, timeZone }: { info: CardInfo; m: Messages; locale: Locale; timeZone: string }) {
  const c = m.browse.card;
  const when = new Intl.DateTimeFormat(m.htmlLang, { dateStyle: "medium", timeStyle: "short", timeZone });
  const num = (x: number, digits = 2) => x.toLocaleString(m.htmlLang, { maximumFractionDigits: digits });
  const pct = (r: number) => `${(r * 100).toLocaleString(m.htmlLang, { maximumFractionDigits: 1 })}%`;
  const days = (d: number) => (d > 0 ? formatInterval(d * DAY_MS, locale) : "—");
  const seconds = new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
  const s = info.schedule;
  const studied = info.retrievability !== null;
  const fields: [string, string][] = [
    [c.state, m.browse.stateNames[s.state]],
    [c.due, when.format(s.due)],
    [c.interval, days(s.scheduledDays)],
    [c.stability, studied ? `${days(s.stability)} (${num(s.stability)})` : "—"],
    [c.difficulty, studied ? num(s.difficulty) : "—"],
    [c.retrievability, info.retrievability === null ? "—" : pct(info.retrievability)],
    [c.reps, String(s.reps)],
    [c.lapses, String(s.lapses)],
    [c.lastReview, s.lastReview ? when.format(s.lastReview) : c.never],
    [c.added, when.format(info.createdAt)],
  ];
  return (
    <div className="card-info-body" lang={info.lang === "zh" ? "zh-CN" : "en"} data-card-id={info.id}>
      <p className="muted small">
        {c.label(c.note)}
        <Link href={noteHref(info.noteId)}>{info.noteTitle}</Link> · {info.notePath} (<Link href={`/browse?note=${encodeURIComponent(info.notePath)}`}>{c.noteCards}</Link>) ·{" "}
        {c.label(c.kind)}
        {ownValue(c.kinds, info.kind) ?? info.kind}
        {info.generator ? ` · ${c.label(c.generator)}${info.generator}` : ""}
      </p>
      {info.retired ? <p className="notice">{c.retired}</p> : null}
      <p className="card-flags">
        {info.suspended ? <span className="tag">{m.browse.flags.suspended}</span> : null}
        {info.buried ? <span className="tag">{m.browse.flags.buried}</span> : null}
        {info.leech ? <span className="tag leech">{m.browse.flags.leech}</span> : null}
      </p>
      <div className="card-info-sides">
        <section>
          <h3>{c.front}</h3>
          <Markdown source={info.front} />
        </section>
        <section>
          <h3>{c.back}</h3>
          {info.kind === "exercise" ? <p className="muted">{c.liveExercise}</p> : <Markdown source={info.back} />}
        </section>
      </div>
      <h3>{c.current}</h3>
      <dl className="card-info-state" data-testid="card-state">
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{c.curve}</h3>
      {info.curve.length ? (
        <RetrievabilityCurve
          points={info.curve}
          nowDays={info.nowDays}
          dueDays={info.dueDays}
          labels={{ axis: c.curveAxis, now: c.nowMark, due: c.dueMark, summary: c.curveText(pct(info.retrievability ?? 0), when.format(s.due)) }}
        />
      ) : (
        <p className="muted">{c.notStudied}</p>
      )}
      <h3>{c.reviews(info.reviews.length)}</h3>
      {info.reviews.length === 0 ? (
        <p className="muted">{c.noReviews}</p>
      ) : (
        <div className="browse-scroll">
          <table className="browse-history" data-testid="card-reviews">
            <thead>
              <tr>
                <th scope="col">{c.reviewCols.date}</th>
                <th scope="col">{c.reviewCols.rating}</th>
                <th scope="col">{c.reviewCols.state}</th>
                <th scope="col">{c.reviewCols.interval}</th>
                <th scope="col">{c.reviewCols.stability}</th>
                <th scope="col">{c.reviewCols.difficulty}</th>
                <th scope="col">{c.reviewCols.time}</th>
              </tr>
            </thead>
            <tbody>
              {info.reviews.map((r) => (
                <tr key={r.id}>
                  <td>{when.format(r.reviewedAt)}</td>
                  <td className={`rating-${r.rating}`}>{m.review.grades[r.rating - 1] ?? r.rating}</td>
                  <td>{m.browse.stateNames[r.stateBefore]}</td>
                  <td>{formatInterval(r.intervalMs, locale)}</td>
                  <td className="num">
                    {num(r.stabilityBefore)} → {num(r.stabilityAfter)}
                  </td>
                  <td className="num">
                    {num(r.difficultyBefore)} → {num(r.difficultyAfter)}
                  </td>
                  <td className="num">{seconds.format(r.durationMs / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {info.kind === "exercise" || info.attempts.length ? (
        <>
          <h3>{c.attempts(info.attempts.length)}</h3>
          {info.attempts.length === 0 ? (
            <p className="muted">{c.noAttempts}</p>
          ) : (
            <div className="browse-scroll">
              <table className="browse-history" data-testid="card-attempts">
                <thead>
                  <tr>
                    <th scope="col">{c.attemptCols.date}</th>
                    <th scope="col">{c.attemptCols.verdict}</th>
                    <th scope="col">{c.attemptCols.input}</th>
                    <th scope="col">{c.attemptCols.mistake}</th>
                    <th scope="col">{c.attemptCols.context}</th>
                  </tr>
                </thead>
                <tbody>
                  {info.attempts.map((a) => {
                    const mistake = a.mistakeId ? describeMistake(a.generator, a.seed, a.paramsJson, a.mistakeId, locale) : null;
                    return (
                      <tr key={a.id}>
                        <td>{when.format(a.createdAt)}</td>
                        <td>{ownValue(c.verdicts, a.verdict) ?? a.verdict}</td>
                        <td>{a.input ? <code>{a.input}</code> : "—"}</td>
                        <td className="mistake">
                          {mistake ? (
                            <div dangerouslySetInnerHTML={{ __html: mistake.html }} />
                          ) : a.mistakeId ? (
                            c.unknownMistake(a.mistakeId)
                          ) : (
                            c.noMistake
                          )}
                        </td>
                        <td>{ownValue(c.contexts, a.context) ?? a.context}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
