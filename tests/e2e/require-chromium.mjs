// Pre-flight for `npm run test:e2e`: the browser tests need a system Chromium
// (Playwright's own browser download is not used). Fail loudly, never skip.
import { accessSync, constants, statSync } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function usable(p) {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (!usable(path)) {
  const why = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${path}` : `${path} (the default)`;
  console.error(
    [
      "",
      `test:e2e: no Chromium executable at ${why}.`,
      "The end-to-end tests drive a system Chromium; they are NOT skipped without one.",
      "Install it (Debian/Ubuntu):",
      "  sudo apt-get update && sudo apt-get install -y chromium",
      "or point CHROMIUM_PATH at an existing Chromium/Chrome binary:",
      "  CHROMIUM_PATH=/path/to/chrome npm run test:e2e",
      "(Do not run `npx playwright install`; the tests do not use its browsers.)",
      "",
    ].join("\n"),
  );
  process.exit(1);
}
