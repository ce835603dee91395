import { randomBytes } from "node:crypto";
import pg from "pg";

// No vitest imports here: the benches (plain tsx scripts) create their databases with this too.

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** DATABASE_URL when it names a Postgres server (as in CI), else the local default. */
export const postgresServerUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? (process.env.DATABASE_URL as string)
  : DEFAULT_POSTGRES_URL;

export interface TemporaryDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, for code that opens its own connections from a URL. */
export async function createTemporaryPostgresDatabase(prefix = "cellar_t"): Promise<TemporaryDatabase> {
  const name = `${prefix}_${randomBytes(8).toString("hex")}`;
  await onServer((client) => client.query(`create database ${name}`));
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

/**
 * pg's pool.end() resolves before the server has seen its clients go, and a forced drop would kill
 * those sessions mid-goodbye (logged as "terminating connection due to administrator command").
 * So wait briefly for them to leave, and only force the drop if some never do.
 */
async function dropDatabase(name: string): Promise<void> {
  await onServer(async (client) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { rows } = await client.query<{ sessions: number }>(
        "select count(*)::int as sessions from pg_stat_activity where datname = $1",
        [name],
      );
      if (rows[0]?.sessions === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  });
}

export async function isPostgresReachable(): Promise<boolean> {
  try {
    await onServer((client) => client.query("select 1"));
    return true;
  } catch {
    return false;
  }
}

async function onServer(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
