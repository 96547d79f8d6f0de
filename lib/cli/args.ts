/**
 * Argument reading shared by the command-line tools: a usage error prints the
 * message and the usage line on stderr and exits 2; values are checked
 * against their allowed range or list (never turned into patterns or keys).
 */

export interface ArgReader {
  fail(message: string): never;
  /** An integer option lo..hi; `fallback` undefined makes it required. */
  integer(name: string, text: string | undefined, fallback: number | undefined, lo: number, hi: number): number;
  /** An option that must be one of `allowed`, or undefined when absent. */
  oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T | undefined;
}

export function argReader(usage: string): ArgReader {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(2);
  };
  return {
    fail,
    integer(name, text, fallback, lo, hi) {
      if (text === undefined) {
        if (fallback === undefined) fail(`--${name} is required`);
        return fallback as number;
      }
      const n = Number(text);
      if (text.trim() === "" || !Number.isInteger(n) || n < lo || n > hi) fail(`--${name}: expected an integer ${lo}..${hi}, got ${JSON.stringify(text)}`);
      return n;
    },
    oneOf(name, text, allowed) {
      if (text === undefined) return undefined;
      const value = allowed.find((a) => a === text);
      if (value === undefined) fail(`--${name}: expected one of ${allowed.join(", ")}, got ${JSON.stringify(text)}`);
      return value;
    },
  };
}
