/** The benches' numeric options: `--name N`, a positive integer, or the fallback. */
export function positiveIntArg(name: string, fallback: number, argv: readonly string[] = process.argv.slice(2)): number {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} expects a positive integer`);
  return v;
}
