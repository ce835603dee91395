import { afterAll, beforeAll } from "vitest";
import { getDatabase } from "../../../src/db/database-instance.js";
import { createTemporaryPostgresDatabase } from "../../support/databases.js";
import { type HardeningStage, type HardeningStageOptions, startHardeningStage } from "./hardening-stage.js";

/** Where the stage's DATABASE_URL points; `prepare` returns the cleanup. */
export interface StageBackend {
  name: string;
  prepare(): Promise<() => Promise<void>>;
}

export const stageBackends: StageBackend[] = [
  {
    name: "PGlite",
    prepare: async () => {
      process.env.DATABASE_URL = "memory://";
      return async () => {};
    },
  },
  {
    name: "Postgres",
    prepare: async () => {
      const database = await createTemporaryPostgresDatabase();
      process.env.DATABASE_URL = database.url;
      return () => database.drop();
    },
  },
];

/**
 * Starts the stage on `backend` before the enclosing describe's tests and stops it after them. The
 * app opens its database lazily and closeDatabase() forgets it, so one file can run both backends.
 */
export function useStage(backend: StageBackend, options: HardeningStageOptions = {}): () => HardeningStage {
  let stage: HardeningStage | undefined;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    cleanup = await backend.prepare();
    stage = await startHardeningStage(options);
    // Open (and migrate) now: PGlite takes seconds to boot, which a first request should not pay.
    await getDatabase();
  });
  afterAll(async () => {
    await stage?.close();
    await cleanup();
  });
  return () => {
    if (!stage) throw new Error("the stage is not running (used outside a test?)");
    return stage;
  };
}
