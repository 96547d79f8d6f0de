import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a schema-engine binary at start; offline that fails.
// `generate` does not need the engine, so point the variable at any file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/gradprep.db" },
});
