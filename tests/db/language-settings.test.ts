import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getLanguageChoice, getSettings, saveLanguageChoice, saveSettings } from "@/lib/db/settings";
import { prefsFrom } from "@/lib/i18n/prefs";
import { createTempDb, type TempDb } from "../support/temp-db";

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe("language preferences in the settings row", () => {
  it("start unchosen, are saved independently, and survive other settings being saved", async () => {
    expect(await getLanguageChoice(t.db)).toEqual({ locale: null, study: null });
    await saveLanguageChoice(t.db, { locale: "zh" });
    await saveLanguageChoice(t.db, { study: "en,zh" });
    expect(await getLanguageChoice(t.db)).toEqual({ locale: "zh", study: "en,zh" });
    expect(await saveSettings(t.db, { newPerDay: 5 })).toMatchObject({ ok: true });
    expect(await getLanguageChoice(t.db)).toEqual({ locale: "zh", study: "en,zh" });
    expect((await getSettings(t.db)).newPerDay).toBe(5);
    await saveLanguageChoice(t.db, { study: null });
    expect(await getLanguageChoice(t.db)).toEqual({ locale: "zh", study: null });
  });

  it("fall back to the browser's language, and the study languages to the interface's", () => {
    expect(prefsFrom({ locale: null, study: null }, "zh-CN,zh;q=0.9,en;q=0.8")).toEqual({ locale: "zh", study: ["zh"], studyChosen: false });
    expect(prefsFrom({ locale: null, study: null }, "fr-FR")).toEqual({ locale: "en", study: ["en"], studyChosen: false });
    expect(prefsFrom({ locale: "en", study: null }, "zh-CN")).toEqual({ locale: "en", study: ["en"], studyChosen: false });
    expect(prefsFrom({ locale: "zh", study: "en,zh" }, null)).toEqual({ locale: "zh", study: ["en", "zh"], studyChosen: true });
    // A value edited by hand into nonsense is ignored, not trusted.
    expect(prefsFrom({ locale: "xx", study: "xx,,en" }, null)).toEqual({ locale: "en", study: ["en"], studyChosen: true });
  });
});
