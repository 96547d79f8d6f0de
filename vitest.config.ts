import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/db and lib/content/load start with `import "server-only"`, which
      // only resolves to an empty module under the react-server condition that
      // Next and our CLI scripts use. Tests run the same code on plain Node.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    env: { TZ: "UTC" },
    testTimeout: 30_000,
    pool: "forks",
  },
});
