import { randomBytes } from "node:crypto";
import pg from "pg";

/** The Postgres server the geo benches use: DATABASE_URL when it names one (as in CI), else the local test server. */
export const postgresServerUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? (process.env.DATABASE_URL as string)
  : "postgres://postgres@127.0.0.1:5432/test";

export interface TemporaryDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database for one bench run, dropped afterwards. Like test/support/databases.ts,
 * which cannot be imported here because it registers vitest hooks.
 */
export async function createTemporaryDatabase(): Promise<TemporaryDatabase> {
  const name = `cellar_bench_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`create database ${name}`));
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

/** Waits briefly for closed pools to leave the server before forcing the drop. */
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

async function onServer(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export async function isPostgresReachable(): Promise<boolean> {
  try {
    await onServer((client) => client.query("select 1"));
    return true;
  } catch {
    return false;
  }
}
