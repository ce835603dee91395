import type { CloudFormationCustomResourceEvent, Context } from "aws-lambda";
import { migrateToLatest } from "../../src/db/migrate.js";
import { openPostgresFromEnvironment } from "../../src/db/postgres-database.js";
import { isDatabaseUnavailable } from "../../src/runtime/database-unavailable.js";
import { readMigrationSettings } from "../../src/settings/migration-settings.js";
import { databasePasswordLoader } from "./database-credentials.js";

const PHYSICAL_ID = "cellar-database-migrations";

interface ProviderResponse {
  PhysicalResourceId: string;
  Data?: Record<string, string>;
}

const loadPassword = databasePasswordLoader();

/**
 * onEvent handler of the migrations custom resource (CDK Provider framework): every create and update
 * of the resource, which the stack changes whenever a migration file changes, applies pending ones.
 */
export async function handler(
  event: CloudFormationCustomResourceEvent,
  context?: Pick<Context, "getRemainingTimeInMillis">,
): Promise<ProviderResponse> {
  if (event.RequestType === "Delete") return { PhysicalResourceId: event.PhysicalResourceId };
  await loadPassword();
  const applied = await migrateWithRetry(context);
  console.log(JSON.stringify({ level: "info", message: "migrations applied", applied }));
  return { PhysicalResourceId: PHYSICAL_ID, Data: { Applied: applied.join(",") || "none" } };
}

async function migrateWithRetry(context?: Pick<Context, "getRemainingTimeInMillis">): Promise<string[]> {
  // Read per event, not at init: a bad value still fails naming the variable, and tests can set it.
  const { retryDelayMs } = readMigrationSettings();
  for (let attempt = 1; ; attempt++) {
    const { db, close } = await openPostgresFromEnvironment();
    try {
      return await migrateToLatest(db);
    } catch (error) {
      const timeLeft = context?.getRemainingTimeInMillis() ?? 0;
      // Retried: whatever the handlers answer 503 for. A proxy whose new target is still registering, or
      // a resuming instance, refuses, resets or lets pg's connect attempt time out (no error code).
      if (!isDatabaseUnavailable(error) || timeLeft < retryDelayMs * 2 || attempt >= 20) throw error;
      console.log(JSON.stringify({ level: "warn", message: "database not reachable yet", attempt }));
      await new Promise((done) => setTimeout(done, retryDelayMs));
    } finally {
      await close();
    }
  }
}
