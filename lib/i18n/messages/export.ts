/** The export and backup page. */

export const en = {
  export: {
    nav: "Export",
    title: "Export and backup",
    intro: "Downloads of what the database holds right now.",
    counts: (cards: number, reviews: number) => `${cards} live cards · ${reviews} reviews logged`,
    empty: "With no cards or no reviews yet, the files still download and hold only their header lines.",
    anki: "Cards for Anki (.txt)",
    ankiHelp:
      "Every live card as an Anki text import (File → Import, Anki 2.1.55 or later): front, back and tags (the note's tags, its id, and leech where it applies). Math stays TeX in \\(…\\) and \\[…\\] for Anki's MathJax. Cloze cards come as front/back pairs; live exercises come as their title only, as Anki cannot compute them.",
    reviews: "Review log for FSRS (.csv)",
    reviewsHelp:
      "Every grade in the columns FSRS optimisers read: card_id, review_time (ms since 1970, UTC), review_rating (1–4), review_state (the card's state before the grade) and review_duration (ms).",
    backup: "Database backup (.db)",
    backupHelp:
      "A consistent snapshot of the whole SQLite database (notes, cards, schedules, review log, attempts, settings) made with SQLite's backup API, safe to take while you study. To restore it, stop the app and put the file where DATABASE_URL points.",
  },
};

export const zh: typeof en = {
  export: {
    nav: "导出",
    title: "导出与备份",
    intro: "下载数据库当前的内容。",
    counts: (cards: number, reviews: number) => `${cards} 张在用卡片 · ${reviews} 条复习记录`,
    empty: "即使还没有卡片或复习记录，文件也照样可以下载，只是只含表头行。",
    anki: "Anki 卡片（.txt）",
    ankiHelp:
      "所有在用卡片，导出为 Anki 文本导入格式（Anki 2.1.55 及以上：文件 → 导入）：正面、背面和标签（笔记标签、笔记 id，以及适用时的 leech）。公式保留为 TeX，用 \\(…\\) 和 \\[…\\] 包裹，由 Anki 的 MathJax 显示。填空卡导出为正反面卡片；实时习题只导出标题，因为 Anki 无法计算它们。",
    reviews: "FSRS 复习记录（.csv）",
    reviewsHelp:
      "每一次评分，按 FSRS 优化器读取的列排列：card_id、review_time（自 1970 年起的毫秒数，UTC）、review_rating（1–4）、review_state（评分前卡片的状态）和 review_duration（毫秒）。",
    backup: "数据库备份（.db）",
    backupHelp:
      "用 SQLite 备份 API 生成的整个数据库（笔记、卡片、排程、复习记录、作答、设置）的一致快照，学习过程中也可以放心下载。恢复时先停止应用，再把文件放到 DATABASE_URL 指向的位置。",
  },
};
