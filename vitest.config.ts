import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "codegen/**/*.test.ts", "src/**/*.test.ts", "contract-tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: PGlite boots and real Postgres databases are created per file, so keep the pool small.
    maxWorkers: 2,
  },
});
