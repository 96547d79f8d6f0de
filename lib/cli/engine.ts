/**
 * `npm run --silent engine -- grad FILE|-`: reads one JSON spec, prints one
 * JSON result. Exit codes: 0 ok; 2 bad usage or bad spec (stderr names the
 * field); 3 valid spec whose result overflows float64 (stderr names the
 * quantity). All logic lives in lib/engine so the web app computes the same.
 */
import { readFileSync } from "node:fs";
import { EngineError, grad, NonFiniteError } from "../engine/index";

const USAGE = "usage: engine grad FILE   (FILE may be - for stdin)";

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const [command, file, ...rest] = argv;
  if (command !== "grad" || file === undefined || rest.length > 0) fail(2, USAGE);
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    fail(2, `spec: cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(2, `spec: invalid JSON: ${(e as Error).message}`);
  }
  try {
    process.stdout.write(`${JSON.stringify(grad(json))}\n`);
  } catch (e) {
    if (e instanceof NonFiniteError) fail(3, e.message);
    if (e instanceof EngineError) fail(2, e.message);
    throw e;
  }
}

main(process.argv.slice(2));
