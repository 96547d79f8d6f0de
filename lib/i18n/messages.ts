/**
 * Interface text in every supported language. Study content has its own
 * language (a note's `lang`); this is only the app's chrome. Pure data, safe
 * for client and server.
 */

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

const en = {
  languageName: "English",
  htmlLang: "en",
  nav: { home: "Home", review: "Review", settings: "Settings", language: "Interface language" },
  home: {
    title: "Vanishing & exploding gradients",
    today: "Today",
    dueNow: "due now",
    new: "new",
    cardsInAll: "cards in all",
    startReview: "Start review",
    nothingDueNext: "Nothing due. Next card:",
    notes: "Notes",
    noNotes: "No notes in the languages you study. Add Markdown files to content/ and run npm run content:sync, or choose other languages in Settings.",
    cards: (n: number) => `${n} cards`,
    due: (n: number) => `${n} due`,
    studying: "Studying notes in:",
    change: "change",
  },
  note: {
    practise: (n: number) => `Practise the live exercises (${n})`,
    cardsHeading: (n: number) => `Cards (${n})`,
    noCards: "This note has no cards.",
    liveExercise: (g: string) => `Live exercise (${g}): a fresh instance is drawn each time.`,
    allNotes: "← All notes",
    related: "Related notes",
  },
  review: {
    nothingDue: "Nothing due",
    nextDue: "Next card due",
    noCards: "There are no cards yet.",
    undoHint: "to undo your last grade.",
    press: "Press",
    backHome: "Back home",
    remaining: (due: number, fresh: number) => `${due} due · ${fresh} new`,
    grades: ["Again", "Hard", "Good", "Easy"] as readonly [string, string, string, string],
    gradeGroup: "Grade your answer",
    showAnswer: "Show answer",
    undo: "Undo",
    suggested: "Suggested from your answer:",
    acceptOrChoose: ["press", "to accept, or", "to choose."] as readonly [string, string, string],
    failed: "Something went wrong.",
  },
  exercise: {
    yourAnswer: "Your answer",
    formats: {
      choice: (opts: string) => `Answer with a letter: ${opts}`,
      boolean: "Answer yes or no",
      vector: (n: number | null) => `${n ?? "Several"} numbers separated by commas, e.g. 0.12, -3e-4, 1/8`,
      set: (max: number | null) => `Numbers from 1 to ${max ?? "n"} separated by commas, or "none"`,
      number: "A number: 0.0156, 1.56e-2, 1.56×10^-2, 1/64, 0.25^3, sqrt(2)/2 …",
    },
    check: "Check",
    checking: "Checking…",
    showSolution: "Show solution",
    newVariant: "New variant",
    workedSolution: "Worked solution",
    answer: "Answer:",
    notUnderstood: "Not understood:",
    costsNothing: "This costs nothing; try again.",
    youEntered: "You entered",
    correct: "Correct",
    wrong: "Not right: try again, or show the solution",
  },
  quiz: {
    liveExercises: "live exercises",
    practiceNote: "practice is recorded as attempts; the schedule changes only in",
    levels: { asWritten: "As written", gentle: "Gentle", standard: "Standard", hard: "Hard", label: "Difficulty" },
    noExercises: "This note has no live exercises.",
    gone: "That exercise is not in this note any more.",
    progress: (i: number, n: number, title: string) => `Exercise ${i} of ${n}: ${title}`,
    next: "Next exercise",
    seeSummary: "See summary",
    done: "Done",
    firstTry: "right on the first try",
    duration: (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`,
    mistakesMade: "Mistakes you made",
    noMistakes: "No recognised mistakes.",
    anotherRun: "Another run",
    backToNote: "Back to the note",
  },
  settings: {
    title: "Settings",
    interfaceLanguage: "Interface language",
    studyLanguages: "Study notes in",
    studyHelp: "Review, counts and the note list only include notes in these languages. When none is chosen, the interface language is used.",
    save: "Save",
    saved: "Saved.",
  },
  time: {
    now: "now",
    inMin: (n: number) => `in ${n} min`,
    inHours: (n: number) => `in ${n} h`,
    inDays: (n: number) => `in ${n} days`,
  },
};

export type Messages = typeof en;

const zh: Messages = {
  languageName: "中文",
  htmlLang: "zh-CN",
  nav: { home: "首页", review: "复习", settings: "设置", language: "界面语言" },
  home: {
    title: "梯度消失与梯度爆炸",
    today: "今天",
    dueNow: "到期",
    new: "新卡片",
    cardsInAll: "卡片总数",
    startReview: "开始复习",
    nothingDueNext: "暂无到期卡片。下一张：",
    notes: "笔记",
    noNotes: "没有所选学习语言的笔记。请把 Markdown 文件放进 content/ 并运行 npm run content:sync，或在设置中选择其他语言。",
    cards: (n: number) => `${n} 张卡片`,
    due: (n: number) => `${n} 张到期`,
    studying: "学习的笔记语言：",
    change: "修改",
  },
  note: {
    practise: (n: number) => `练习本笔记的实时习题（${n}）`,
    cardsHeading: (n: number) => `卡片（${n}）`,
    noCards: "这篇笔记没有卡片。",
    liveExercise: (g: string) => `实时习题（${g}）：每次都会生成新的题目。`,
    allNotes: "← 全部笔记",
    related: "相关笔记",
  },
  review: {
    nothingDue: "暂无到期卡片",
    nextDue: "下一张卡片到期于",
    noCards: "还没有卡片。",
    undoHint: "撤销上一次评分。",
    press: "按",
    backHome: "返回首页",
    remaining: (due: number, fresh: number) => `${due} 张到期 · ${fresh} 张新卡片`,
    grades: ["重来", "困难", "良好", "简单"],
    gradeGroup: "为你的回答评分",
    showAnswer: "显示答案",
    undo: "撤销",
    suggested: "根据你的作答建议：",
    acceptOrChoose: ["按", "接受，或按", "自行选择。"],
    failed: "出错了。",
  },
  exercise: {
    yourAnswer: "你的答案",
    formats: {
      choice: (opts: string) => `用字母作答：${opts}`,
      boolean: "回答 yes 或 no（是/否）",
      vector: (n: number | null) => `${n ?? "若干"} 个数，用逗号分隔，例如 0.12, -3e-4, 1/8`,
      set: (max: number | null) => `1 到 ${max ?? "n"} 之间的编号，用逗号分隔；没有则填 none`,
      number: "一个数：0.0156、1.56e-2、1.56×10^-2、1/64、0.25^3、sqrt(2)/2 …",
    },
    check: "检查",
    checking: "检查中…",
    showSolution: "查看解答",
    newVariant: "换一题",
    workedSolution: "详细解答",
    answer: "答案：",
    notUnderstood: "无法识别：",
    costsNothing: "这不算答错，请重新输入。",
    youEntered: "你输入的是",
    correct: "正确",
    wrong: "不对：再试一次，或查看解答",
  },
  quiz: {
    liveExercises: "实时习题",
    practiceNote: "练习会记录为作答，但复习计划只在此处改变：",
    levels: { asWritten: "按笔记设定", gentle: "简单", standard: "标准", hard: "困难", label: "难度" },
    noExercises: "这篇笔记没有实时习题。",
    gone: "这道题已不在这篇笔记中。",
    progress: (i: number, n: number, title: string) => `第 ${i} / ${n} 题：${title}`,
    next: "下一题",
    seeSummary: "查看总结",
    done: "完成",
    firstTry: "一次答对",
    duration: (s: number) => `${Math.floor(s / 60)} 分 ${s % 60} 秒`,
    mistakesMade: "你犯过的错误",
    noMistakes: "没有识别到典型错误。",
    anotherRun: "再来一轮",
    backToNote: "返回笔记",
  },
  settings: {
    title: "设置",
    interfaceLanguage: "界面语言",
    studyLanguages: "学习的笔记语言",
    studyHelp: "复习、计数和笔记列表只包含这些语言的笔记。都不选时使用界面语言。",
    save: "保存",
    saved: "已保存。",
  },
  time: {
    now: "现在",
    inMin: (n: number) => `${n} 分钟后`,
    inHours: (n: number) => `${n} 小时后`,
    inDays: (n: number) => `${n} 天后`,
  },
};

export const MESSAGES: Record<Locale, Messages> = { en, zh };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
