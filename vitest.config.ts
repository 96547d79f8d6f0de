import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    env: { TZ: "UTC" },
    // lib/db starts with `import "server-only"`, which throws outside React
    // Server Components; tests run the same code on plain Node.
    server: { deps: { inline: [] } },
    testTimeout: 30_000,
    pool: "forks",
  },
});
