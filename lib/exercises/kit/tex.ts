/**
 * Numbers in TeX for prompts, hints and solutions: computed values to a
 * number of significant digits, drawn values exactly.
 */

/** A number in TeX with `digits` significant digits; scientific form for very small or large values. */
export function texNum(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? "\\infty" : x < 0 ? "-\\infty" : "\\text{NaN}";
  if (x === 0) return "0";
  const ax = Math.abs(x);
  if (ax < 1e-3 || ax >= 1e5) {
    const [mant, exp] = x.toExponential(digits - 1).split("e");
    const m = String(Number(mant));
    return `${m} \\times 10^{${Number(exp)}}`;
  }
  return String(Number(x.toPrecision(digits)));
}

/** Plain-text form of a number (for answers typed back): up to `digits` significant digits. */
export function plainNum(x: number, digits = 6): string {
  if (x === 0) return "0";
  const ax = Math.abs(x);
  return ax < 1e-3 || ax >= 1e5 ? x.toExponential(digits - 1).replace(/\.?0+e/, "e") : String(Number(x.toPrecision(digits)));
}

/**
 * A drawn (rounded) number, shown exactly with no trailing zeros. A value
 * with at most 4 decimals in [1e-3, 1e5) is the double nearest that decimal,
 * so String() prints it exactly (and is much cheaper than toPrecision:
 * prompts are built for every candidate draw); anything else (float noise in
 * a computed value, very small or large values) gets 6 significant digits.
 */
export function texDrawn(x: number): string {
  const ax = Math.abs(x);
  return x === 0 ? "0" : ax >= 1e-3 && ax < 1e5 && Math.round(x * 1e4) === x * 1e4 ? String(x) : texNum(x, 6);
}

/** A column vector in TeX. */
export function texVec(v: readonly number[], digits = 4): string {
  return `\\begin{pmatrix} ${v.map((x) => texNum(x, digits)).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A row list in TeX, e.g. (0.1234,\ -0.5678), with `digits` significant digits. */
export function texList(v: readonly number[], digits = 4): string {
  return `\\left(${v.map((x) => texNum(x, digits)).join(",\\ ")}\\right)`;
}

/** A matrix in TeX. */
export function texMat(m: readonly (readonly number[])[], digits = 4): string {
  return `\\begin{pmatrix} ${m.map((row) => row.map((x) => texNum(x, digits)).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A drawn matrix in TeX, every entry exact. */
export function texDrawnMat(m: readonly (readonly number[])[]): string {
  return `\\begin{pmatrix} ${m.map((row) => row.map(texDrawn).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A drawn column vector in TeX, every entry exact. */
export function texDrawnVec(v: readonly number[]): string {
  return `\\begin{pmatrix} ${v.map(texDrawn).join(" \\\\ ")} \\end{pmatrix}`;
}

/** Comma-separated plain list for "enter the entries in this order" prompts and explanations. */
export function texCommaList(v: readonly number[], fmt: (x: number) => string): string {
  return v.map(fmt).join(",\\ ");
}

/** A number to follow a `+` in TeX: `+ 0.3` or `- 0.3`, so prompts never show `+ -0.3`. */
export function texTerm(x: number, fmt: (x: number) => string): string {
  return x < 0 ? `- ${fmt(-x)}` : `+ ${fmt(x)}`;
}

/** A factor in a product or difference: negative numbers get parentheses, `(-0.3)`. */
export function texParen(x: number, fmt: (x: number) => string): string {
  return x < 0 ? `(${fmt(x)})` : fmt(x);
}
