/**
 * Interface text in every supported language. Study content has its own
 * language (a note's `lang`); this is only the app's chrome. Pure data, safe
 * for client and server.
 *
 * The text lives by feature in messages/*.ts, each with an `en` object and a
 * `zh` object typed as the same shape, so a key missing in Chinese fails tsc.
 * This file assembles them: `messages(locale)` and `Messages` are the one
 * entry point. The languages themselves (LOCALES, Locale, …) are in locale.ts.
 */

import type { Locale } from "./locale";
import * as answer from "./messages/answer";
import * as browse from "./messages/browse";
import * as common from "./messages/common";
import * as exercise from "./messages/exercise";
import * as exportPage from "./messages/export";
import * as home from "./messages/home";
import * as interview from "./messages/interview";
import * as lab from "./messages/lab";
import * as notes from "./messages/notes";
import * as review from "./messages/review";
import * as settings from "./messages/settings";
import * as stats from "./messages/stats";

const en = { ...common.en, ...home.en, ...stats.en, ...notes.en, ...review.en, ...exercise.en, ...settings.en, ...exportPage.en, ...answer.en, ...browse.en, ...lab.en, ...interview.en };

export type Messages = typeof en;

const zh: Messages = { ...common.zh, ...home.zh, ...stats.zh, ...notes.zh, ...review.zh, ...exercise.zh, ...settings.zh, ...exportPage.zh, ...answer.zh, ...browse.zh, ...lab.zh, ...interview.zh };

export const MESSAGES: Record<Locale, Messages> = { en, zh };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
