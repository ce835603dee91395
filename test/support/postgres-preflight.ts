import pg from "pg";

/** Why the suite cannot run at all: printed as one line instead of ECONNREFUSED in every test file. */
export class PostgresUnavailableError extends Error {}

/** The server address of a URL, without its credentials, for messages. */
function describeServer(url: URL): string {
  return `${url.hostname}:${url.port || "5432"}`;
}

/**
 * The unit and integration tests need a PostgreSQL server; each test file creates its own
 * databases on it, connecting through the one DATABASE_URL names. That database is created when
 * missing (a fresh server has only `postgres`). No server answering is a PostgresUnavailableError
 * whose message says what to do.
 */
export async function ensureTestDatabase(serverUrl: string): Promise<"present" | "created"> {
  const url = new URL(serverUrl);
  const database = decodeURIComponent(url.pathname.slice(1)) || "postgres";
  try {
    await query(serverUrl, "select 1");
    return "present";
  } catch (error) {
    if (pgErrorCode(error) !== "3D000") throw unavailable(url, error);
  }
  const maintenance = new URL(serverUrl);
  maintenance.pathname = "/postgres";
  try {
    await query(maintenance.toString(), `create database "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    // Another run created it meanwhile.
    if (pgErrorCode(error) !== "42P04") throw unavailable(url, error);
  }
  return "created";
}

function unavailable(url: URL, error: unknown): PostgresUnavailableError {
  const cause = error instanceof Error ? error.message || String(error) : String(error);
  return new PostgresUnavailableError(
    `The tests need PostgreSQL at ${describeServer(url)} (from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), ` +
      `which did not answer: ${cause}. Start PostgreSQL, or point DATABASE_URL at one: ` +
      "DATABASE_URL=postgres://user@host:5432/test npm test",
  );
}

function pgErrorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;
}

async function query(connectionString: string, sql: string): Promise<void> {
  // A filtered port or an unroutable host would otherwise hang for the OS's TCP timeout.
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
