import { REL_TOL } from "./mistakes";
import { plainNum, texNum } from "./tex";

/**
 * Does a prompt give its answer away? A draw whose prompt already shows the
 * answer is redrawn.
 */

/**
 * True when the number `tex` (as displayed) occurs as a whole number in
 * `text`: not preceded by a digit or a point, not followed by a digit.
 * A plain scan (no RegExp built per call: this runs once per candidate draw).
 */
export function showsNumber(text: string, tex: string): boolean {
  if (tex === "") return false;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  for (let at = text.indexOf(tex); at >= 0; at = text.indexOf(tex, at + 1)) {
    const before = at > 0 ? text[at - 1] : undefined;
    if (!isDigit(before) && before !== "." && !isDigit(text[at + tex.length])) return true;
  }
  return false;
}

/** True when the prompt shows the answer (as TeX or as typed, to 4 significant digits) among its numbers. */
export function promptShowsAnswer(prompt: string, expected: number): boolean {
  return showsNumber(prompt, texNum(expected, 4)) || showsNumber(prompt, plainNum(expected, 4));
}

/**
 * True when one of the numbers shown in a prompt would already be accepted as
 * the answer (within REL_TOL): compares values, where showsNumber compares text.
 */
export function echoesAnswer(shown: readonly number[], expected: number): boolean {
  return shown.some((s) => Math.abs(s - expected) <= REL_TOL * Math.abs(expected));
}
