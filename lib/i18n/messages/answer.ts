import type { NotUnderstood, NumberProblem } from "@/lib/answer";

/**
 * Why an answer was not understood, in words: lib/answer gives a code with
 * its parameters (`NotUnderstood`), these tables say it in each interface
 * language. A table per union has one entry per code, so a new code without
 * its sentence, in either language, fails tsc. The sentences have no final
 * full stop: the caller places them inside its own sentence.
 */

type Sentences<U extends { code: string }> = { [C in U["code"]]: (r: Extract<U, { code: C }>) => string };

function say<U extends { code: string }>(table: Sentences<U>, r: U): string {
  return (table[r.code as U["code"]] as (r: U) => string)(r);
}

/** The learner's text (already shortened by lib/answer) in quotation marks. */
const q = (text: string) => `“${text}”`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const EN_PROBLEM: Sentences<NumberProblem> = {
  "misplaced-point": () => "misplaced decimal point",
  "unknown-name": (r) => `unknown name ${q(r.name)}`,
  "decimal-comma": () => "use a point for decimals (0.5) and no thousands separators (1000); a comma separates list entries",
  unexpected: (r) => `unexpected ${q(r.token)}`,
  "spaced-exponent": (r) => `${q(r.letter)} before a signed number is ambiguous: write 2e-3 (no spaces) for 2×10⁻³, or 2*e - 3 for 2·e − 3`,
  "too-deep": (r) => `too deeply nested (more than ${r.max} levels)`,
  nothing: () => "nothing to read",
  "ambiguous-product": () => "a product after “/” is ambiguous: write 1/(2pi) or (1/2)pi",
  "missing-operator": () => "missing an operator (such as * or /) before a number",
  "missing-close": (r) => `missing ${q(r.close)}`,
  mismatched: (r) => `${q(r.open)} is closed by ${q(r.close)}`,
  "needs-parentheses": (r) => `write ${r.name}(…) with parentheses`,
  incomplete: () => "something is missing at the end",
  "not-real": () => "the value is not a real number",
  "too-large": () => "the value is too large",
  "too-small": () => "the value is too small",
  "division-by-zero": () => "division by zero",
  "fractional-power": () => "a negative number to a fractional power is not a real number",
  "negative-root": () => "the square root of a negative number is not a real number",
  "log-domain": () => "the logarithm of zero or a negative number is undefined",
  "too-complex": () => "too complex",
};

const enSetHowTo = (max: number) => `list numbers from 1 to ${max} separated by commas, or “none” for the empty set`;

const EN: Sentences<NotUnderstood> = {
  "too-long": (r) => `the answer is longer than ${r.max} characters`,
  "vulgar-fraction": () => "write fractions with a slash, e.g. 1/2",
  subscript: (r) => `subscripts such as ${q(r.char)} are not read: write powers with ^ (10^-5) or superscripts (10⁻⁵)`,
  "unsupported-char": (r) => `${q(r.char)} is not read: type plain digits, letters and symbols`,
  "expected-number": () => "type a number",
  "not-a-number": (r) => `could not read ${q(r.input)} as a number: ${say(EN_PROBLEM, r.problem)}`,
  "sig-figs": (r) => `give at least ${r.needed} significant figures (${q(r.input)} has ${r.got})`,
  "expected-vector": (r) => `type ${plural(r.length, "number")} separated by commas`,
  "not-a-list": (r) => `could not read ${q(r.input)} as a list: ${say<NumberProblem>(EN_PROBLEM, r.problem)}`,
  "vector-length": (r) => `expected ${plural(r.expected, "number")} separated by commas, got ${r.got}`,
  "empty-entry": (r) => `entry ${r.entry} is empty`,
  "bad-entry": (r) => `entry ${r.entry}: could not read ${q(r.input)} as a number: ${say(EN_PROBLEM, r.problem)}`,
  "expected-choice": (r) => `choose one of ${r.options.join(", ")}`,
  "expected-boolean": () => "answer yes or no",
  "expected-set": (r) => enSetHowTo(r.max),
  "set-item": (r) => `could not read ${q(r.input)} as an item number: ${enSetHowTo(r.max)}`,
  "set-range": (r) => `${q(r.input)} is out of range: choose numbers from 1 to ${r.max}`,
};

const ZH_PROBLEM: Sentences<NumberProblem> = {
  "misplaced-point": () => "小数点的位置不对",
  "unknown-name": (r) => `不认识的名称${q(r.name)}`,
  "decimal-comma": () => "小数请用点号（0.5），不要用千位分隔符（1000）；逗号用来分隔列表中的各项",
  unexpected: (r) => `这里不应出现${q(r.token)}`,
  "spaced-exponent": (r) => `${q(r.letter)}后面接带符号的数有歧义：2×10⁻³ 请写成 2e-3（不加空格），2·e − 3 请写成 2*e - 3`,
  "too-deep": (r) => `嵌套太深（超过 ${r.max} 层）`,
  nothing: () => "没有可读的内容",
  "ambiguous-product": () => "“/”之后的乘积有歧义：请写成 1/(2pi) 或 (1/2)pi",
  "missing-operator": () => "数字前缺少运算符（如 * 或 /）",
  "missing-close": (r) => `缺少${q(r.close)}`,
  mismatched: (r) => `${q(r.open)}与${q(r.close)}不配对`,
  "needs-parentheses": (r) => `请加括号：${r.name}(…)`,
  incomplete: () => "末尾缺少内容",
  "not-real": () => "结果不是实数",
  "too-large": () => "数值太大",
  "too-small": () => "数值太小",
  "division-by-zero": () => "除数为零",
  "fractional-power": () => "负数的分数次幂不是实数",
  "negative-root": () => "负数的平方根不是实数",
  "log-domain": () => "零或负数的对数没有定义",
  "too-complex": () => "表达式太复杂",
};

const zhSetHowTo = (max: number) => `请列出 1 到 ${max} 之间的编号，用逗号分隔；空集请写“无”或 none`;

const ZH: Sentences<NotUnderstood> = {
  "too-long": (r) => `答案超过了 ${r.max} 个字符`,
  "vulgar-fraction": () => "分数请用斜杠书写，例如 1/2",
  subscript: (r) => `不识别下标（如${q(r.char)}）：幂请用 ^（10^-5）或上标（10⁻⁵）书写`,
  "unsupported-char": (r) => `不识别${q(r.char)}：请输入普通的数字、字母和符号`,
  "expected-number": () => "请输入一个数",
  "not-a-number": (r) => `无法把${q(r.input)}读作一个数：${say(ZH_PROBLEM, r.problem)}`,
  "sig-figs": (r) => `请至少给出 ${r.needed} 位有效数字（${q(r.input)}只有 ${r.got} 位）`,
  "expected-vector": (r) => `请输入 ${r.length} 个数，用逗号分隔`,
  "not-a-list": (r) => `无法把${q(r.input)}读作列表：${say<NumberProblem>(ZH_PROBLEM, r.problem)}`,
  "vector-length": (r) => `应输入 ${r.expected} 个数（用逗号分隔），实际是 ${r.got} 个`,
  "empty-entry": (r) => `第 ${r.entry} 项是空的`,
  "bad-entry": (r) => `第 ${r.entry} 项：无法把${q(r.input)}读作一个数：${say(ZH_PROBLEM, r.problem)}`,
  "expected-choice": (r) => `请从 ${r.options.join("、")} 中选一个`,
  "expected-boolean": () => "请回答“是”或“否”（也可以写 yes 或 no）",
  "expected-set": (r) => zhSetHowTo(r.max),
  "set-item": (r) => `无法把${q(r.input)}读作编号：${zhSetHowTo(r.max)}`,
  "set-range": (r) => `${q(r.input)}超出范围：请选择 1 到 ${r.max} 之间的编号`,
};

export const en = {
  answer: {
    /** Why an answer was not understood, e.g. "could not read “1..2” as a number: misplaced decimal point". */
    notUnderstood: (r: NotUnderstood): string => say(EN, r),
  },
};

export const zh: typeof en = {
  answer: {
    notUnderstood: (r: NotUnderstood): string => say(ZH, r),
  },
};
