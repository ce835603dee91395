import { type RunningStage, type StageOptions, startStage } from "../../api/running-stage.js";
import { createTemporaryPostgresDatabase } from "../../support/databases.js";

/**
 * The real local stage on a fresh Postgres database of its own (the suite's Postgres server boots
 * in milliseconds where an in-memory PGlite takes seconds), dropped again on close.
 */
export async function startSdkStage(options: StageOptions = {}): Promise<RunningStage> {
  const database = await createTemporaryPostgresDatabase();
  process.env.DATABASE_URL = database.url;
  const stage = await startStage(options);
  return {
    ...stage,
    close: async () => {
      await stage.close();
      await database.drop();
    },
  };
}
