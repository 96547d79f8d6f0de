/** The app's chrome shared by every page: language names, navigation, the not-found page, the word for now. */

export const en = {
  languageName: "English",
  htmlLang: "en",
  nav: { home: "Home", review: "Review", cram: "Cram", settings: "Settings", language: "Interface language" },
  notFound: { title: "Not found", text: "There is no page here. The note may have been renamed or removed from content/.", home: "Back home" },
  /** "now"; other relative times come from Intl (lib/i18n/interval.ts). */
  time: {
    now: "now",
  },
};

export const zh: typeof en = {
  languageName: "中文",
  htmlLang: "zh-CN",
  nav: { home: "首页", review: "复习", cram: "突击", settings: "设置", language: "界面语言" },
  notFound: { title: "找不到页面", text: "这里没有页面。笔记可能已改名，或已从 content/ 中删除。", home: "返回首页" },
  time: {
    now: "现在",
  },
};
