import type { PredictionGap } from "@/lib/exercises/generators/lab-predict/compare";
import type { en } from "@/lib/i18n/messages/lab";
import { ownValue } from "@/lib/own-key";

type PredictText = (typeof en)["lab"]["predict"];

const SUPERSCRIPT: ReadonlyMap<string, string> = new Map([..."0123456789"].map((c, i) => [c, "⁰¹²³⁴⁵⁶⁷⁸⁹"[i] as string]));

/** A measured number in text: 3 significant digits, `1.23 × 10⁻⁶` below 10⁻³ or from 10⁵ on. */
export function formatMeasured(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "NaN";
  if (x === 0) return "0";
  const ax = Math.abs(x);
  const sign = x < 0 ? "−" : "";
  if (ax < 1e-3 || ax >= 1e5) {
    const [mant = "0", exp = "0"] = ax.toExponential(2).split("e");
    const e = Number(exp);
    const digits = [...String(Math.abs(e))].map((c) => SUPERSCRIPT.get(c) ?? c).join("");
    return `${sign}${Number(mant)} × 10${e < 0 ? "⁻" : ""}${digits}`;
  }
  return sign + String(Number(ax.toPrecision(3)));
}

/** How far the measurement is from a wrong guess, in words of the interface language. */
export function gapText(gap: PredictionGap, t: PredictText): string {
  const x = formatMeasured(gap.value);
  switch (gap.kind) {
    case "factor":
      return gap.side === "above" ? t.gap.factorAbove(x) : t.gap.factorBelow(x);
    case "difference": {
      const unit = ownValue(t.unit, gap.unit) ?? "";
      return gap.side === "above" ? t.gap.differenceAbove(x, unit) : t.gap.differenceBelow(x, unit);
    }
    case "slower":
      return t.gap.slower(x);
    case "larger":
      return t.gap.larger(x);
  }
}
