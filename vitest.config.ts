import { defineConfig } from "vitest/config";

export default defineConfig({
  // `@cellar/runtime` resolves to its source (src/runtime), as tsconfig.json's `paths` say.
  resolve: { tsconfigPaths: true },
  test: {
    // Every test lives under test/, in the folder of the area it tests (test/layout.test.ts holds to it).
    include: ["test/**/*.test.ts"],
    // The packed-toolkit test packs and installs the packages (about a minute): `npm run test:toolkit`.
    exclude: [
      "**/node_modules/**",
      "**/dist/**",
      "infra/cdk.out/**",
      ...(process.env.CELLAR_TOOLKIT_TEST === "1" ? [] : ["test/toolkit/packed-toolkit.test.ts"]),
    ],
    // Before any test file: a missing PostgreSQL server is one clear message, a missing database is created.
    // Then a temp folder of the run's own, checked at the end for folders a test did not remove.
    globalSetup: ["test/support/postgres-global-setup.ts", "test/support/temp-folder-global-setup.ts"],
    // Handlers open the database as the local stage does (PGlite, migrations), not as Lambda does.
    // And a passing test prints no error-level line it did not expect (test/support/capture-logs.ts).
    setupFiles: [
      "test/support/local-database.setup.ts",
      "test/support/remove-test-temp-dirs.setup.ts",
      "test/support/quiet-logs.setup.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: PGlite boots and real Postgres databases are created per file, so keep the pool small.
    maxWorkers: 2,
  },
});
