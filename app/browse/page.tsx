import Link from "next/link";
import { KeyTable } from "@/components/key-list";
import { plainExcerpt } from "@/components/browse/excerpt";
import { BROWSE_PAGE_SIZE, BROWSE_SORTS, BROWSE_STATES, browseCards, browseTags, type BrowseRow, type BrowseSort } from "@/lib/db/browse";
import { cardInfo } from "@/lib/db/browse-card";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { GENERATOR_IDS, getGenerator } from "@/lib/exercises/registry";
import { formatInterval } from "@/lib/i18n/interval";
import type { Locale } from "@/lib/i18n/locale";
import { messages, type Messages } from "@/lib/i18n/messages";
import { getPrefs } from "@/lib/i18n/prefs";
import { schedulerFor } from "@/lib/srs/config";
import { dayKey } from "@/lib/srs/day";
import { BrowseTable, type BrowseRowView, type ColumnHead } from "./browse-table";
import { CardInfoView } from "./card-info";
import { CardInfoDialog } from "./card-info-dialog";
import { browseHref, browseQuery, readParams } from "./params";
import "./browse.css";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/** One row as the list shows it, worded in the interface language. */
function rowView(r: BrowseRow, m: Messages, locale: Locale, dueFormat: Intl.DateTimeFormat, hrefs: { info: string; note: string }): BrowseRowView {
  const b = m.browse;
  const studied = r.retrievability !== null;
  return {
    id: r.id,
    question: plainExcerpt(r.front) || r.id,
    noteTitle: r.noteTitle,
    noteHref: hrefs.note,
    lang: r.lang,
    state: b.stateNames[r.state],
    flags: [...(r.suspended ? (["suspended"] as const) : []), ...(r.buried ? (["buried"] as const) : []), ...(r.leech ? (["leech"] as const) : [])].map((key) => ({
      key,
      label: b.flags[key],
    })),
    due: dueFormat.format(r.due),
    interval: r.intervalDays > 0 ? formatInterval(r.intervalDays * DAY_MS, locale) : "—",
    stability: studied ? formatInterval(r.stability * DAY_MS, locale) : "—",
    difficulty: studied ? r.difficulty.toLocaleString(m.htmlLang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) : "—",
    retrievability: r.retrievability === null ? "—" : `${Math.round(r.retrievability * 100)}%`,
    lapses: r.lapses,
    infoHref: hrefs.info,
  };
}

/** The card browser: search, sort and page through every card; act on a selection; card info. */
export default async function BrowsePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const db = getDb();
  const [prefs, settings] = await Promise.all([getPrefs(), getSettings(db)]);
  const m = messages(prefs.locale);
  const b = m.browse;
  const now = new Date();
  const { params, ignored } = readParams(raw);
  const query = browseQuery(params, now, settings);
  const scheduler = schedulerFor(settings);
  const result = await browseCards(db, query, { now, scheduler });
  const tags = await browseTags(db);
  const info = params.card ? await cardInfo(db, params.card, { now, scheduler }) : null;

  const list = { ...params, page: result.page };
  const dueFormat = new Intl.DateTimeFormat(m.htmlLang, { dateStyle: "medium", timeZone: settings.timeZone });
  const rows = result.rows.map((r) =>
    rowView(r, m, prefs.locale, dueFormat, { info: browseHref(list, { card: r.id }), note: browseHref({ note: r.notePath, sort: query.sort, dir: query.dir }) }),
  );
  const head = (key: BrowseSort | "question" | "note" | "state", numeric: boolean): ColumnHead => {
    const sortable = (BROWSE_SORTS as readonly string[]).includes(key);
    const current = sortable && query.sort === key;
    const label = key === "question" || key === "note" || key === "state" ? b.columns[key] : b.sorts[key];
    return {
      key,
      label,
      href: sortable ? browseHref(params, { sort: key as BrowseSort, dir: current && query.dir === "asc" ? "desc" : "asc" }, ["page", "card"]) : null,
      sort: current ? (query.dir === "asc" ? "ascending" : "descending") : null,
      numeric,
    };
  };
  const columns = [
    head("question", false),
    head("note", false),
    head("state", false),
    head("due", true),
    head("interval", true),
    head("stability", true),
    head("difficulty", true),
    head("retrievability", true),
    head("lapses", true),
  ];
  const prevHref = result.page > 1 ? browseHref(list, { page: result.page - 1 }, ["card"]) : null;
  const nextHref = result.page < result.pages ? browseHref(list, { page: result.page + 1 }, ["card"]) : null;
  const from = (result.page - 1) * BROWSE_PAGE_SIZE + 1;
  const to = from + result.rows.length - 1;
  const generators = [...GENERATOR_IDS].map((id) => ({ id, title: getGenerator(id).titles[prefs.locale] })).sort((x, y) => x.title.localeCompare(y.title, m.htmlLang));
  const listKey = browseHref(list, {}, ["card"]);

  return (
    <section className="browse-page" data-testid="browse-page">
      <h1>{b.title}</h1>
      <form method="get" action="/browse" className="browse-search" role="search" aria-label={b.search.legend}>
        <label className="wide">
          <span>{b.search.text}</span>
          <input type="search" name="q" defaultValue={params.q ?? ""} maxLength={200} data-testid="search-text" />
        </label>
        <label>
          <span>{b.search.note}</span>
          <input type="search" name="note" defaultValue={params.note ?? ""} maxLength={500} data-testid="search-note" />
        </label>
        <label>
          <span>{b.search.tag}</span>
          <select name="tag" defaultValue={params.tag ?? ""} data-testid="search-tag">
            <option value="">{b.search.any}</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{b.search.state}</span>
          <select name="state" defaultValue={params.state ?? ""} data-testid="search-state">
            <option value="">{b.search.any}</option>
            {BROWSE_STATES.map((s) => (
              <option key={s} value={s}>
                {b.states[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{b.search.generator}</span>
          <select name="gen" defaultValue={params.gen ?? ""} data-testid="search-generator">
            <option value="">{b.search.any}</option>
            {generators.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{b.search.dueFrom}</span>
          <input type="date" name="from" defaultValue={params.from ?? ""} data-testid="search-from" />
        </label>
        <label>
          <span>{b.search.dueTo}</span>
          <input type="date" name="to" defaultValue={params.to ?? ""} data-testid="search-to" />
        </label>
        <label>
          <span>{b.sortBy}</span>
          <select name="sort" defaultValue={query.sort} data-testid="search-sort">
            {BROWSE_SORTS.map((s) => (
              <option key={s} value={s}>
                {b.sorts[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-label">{b.sortBy}</span>
          <select name="dir" defaultValue={query.dir} aria-label={b.sortBy} data-testid="search-dir">
            <option value="asc">{b.ascending}</option>
            <option value="desc">{b.descending}</option>
          </select>
        </label>
        <p className="browse-search-buttons">
          <button type="submit" className="primary" data-testid="search-submit">
            {b.search.submit}
          </button>
          <Link href="/browse" className="button">
            {b.search.clear}
          </Link>
        </p>
      </form>
      {params.from || params.to ? <p className="muted small">{b.search.dueNote}</p> : null}
      {ignored.length ? (
        <p className="notice" data-testid="browse-ignored">
          {b.search.ignored} {ignored.join(", ")}
        </p>
      ) : null}
      <p className="browse-count" data-testid="browse-count" aria-live="polite">
        {b.count(result.total, from, to)}
      </p>
      <BrowseTable key={listKey} rows={rows} columns={columns} prevHref={prevHref} nextHref={nextHref} today={dayKey(now, settings.dayStartHour, settings.timeZone)} />
      {result.total === 0 ? <p className="muted empty">{b.noMatch}</p> : null}
      {result.pages > 1 ? (
        <nav className="browse-pages" aria-label={b.pagesLabel}>
          {prevHref ? <Link href={prevHref}>{b.previous}</Link> : <span className="muted">{b.previous}</span>}
          <span>{b.page(result.page, result.pages)}</span>
          {nextHref ? <Link href={nextHref}>{b.next}</Link> : <span className="muted">{b.next}</span>}
        </nav>
      ) : null}
      <details className="browse-keys">
        <summary>{b.keysTitle}</summary>
        <KeyTable rows={b.keys} />
      </details>
      {params.card ? (
        <CardInfoDialog key={params.card} title={b.card.title} closeLabel={b.card.close} closeHref={listKey}>
          {info ? <CardInfoView info={info} m={m} locale={prefs.locale} timeZone={settings.timeZone} /> : <p>{b.card.notFound}</p>}
        </CardInfoDialog>
      ) : null}
    </section>
  );
}
