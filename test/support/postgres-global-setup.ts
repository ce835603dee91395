import { ensureTestDatabase, PostgresUnavailableError } from "./postgres-preflight.js";
import { postgresServerUrl } from "./temporary-postgres.js";

/**
 * vitest globalSetup: runs once before any test file. Without a server, one clear line and exit 1
 * now, rather than a connection error in every file that needs the database.
 */
export default async function checkPostgres(): Promise<void> {
  try {
    if ((await ensureTestDatabase(postgresServerUrl)) === "created") {
      console.info(`Created the test database ${new URL(postgresServerUrl).pathname.slice(1)}`);
    }
  } catch (error) {
    if (!(error instanceof PostgresUnavailableError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
}
