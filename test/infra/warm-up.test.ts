import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROXY_IDLE_CLIENT_TIMEOUT_SECONDS } from "../../infra/constructs/aurora-database.construct.js";
import { DATABASE_IDLE_TIMEOUT_MS } from "../../infra/constructs/operation-functions.construct.js";
import {
  databasePasswordLoader,
  extensionSecretReader,
  withDatabasePassword,
} from "../../infra/lambda/database-credentials.js";
import {
  type FakeSecretsExtension,
  startFakeSecretsExtension,
} from "../../infra/testing/fake-secrets-extension.js";
import { closeDatabase } from "../../src/db/database-instance.js";
import { handler as getWineryV1 } from "../../src/handlers/get-winery-v1.handler.js";
import { WARMER_EVENT, WARMER_INTERVAL_MINUTES } from "../../src/runtime/warmer.js";
import { lambdaContext, proxyEvent } from "../support/proxy-events.js";
import {
  createTemporaryPostgresDatabase,
  postgresServerUrl,
  type TemporaryDatabase,
} from "../support/temporary-postgres.js";

/** What EventBridge sends, typed as the event the handler takes (the wrappers look only at `instruction`). */
const warmerEvent = Object.assign(proxyEvent(), WARMER_EVENT);
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:cellar/database-AbCdEf";

/**
 * A warm-up ping, as the EventBridge warmer sends it to a fresh container, against real Postgres and
 * a stand-in for the Parameters and Secrets extension: it must leave the password fetched and a
 * checked connection idle in the pool, which the next real request uses instead of opening one.
 */
describe("a warm-up ping", () => {
  let database: TemporaryDatabase;
  let extension: FakeSecretsExtension;
  let admin: pg.Client;
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    process.env.DATABASE_URL = database.url;
    extension = await startFakeSecretsExtension({
      [SECRET_ARN]: { username: "postgres", password: "s3cret" },
    });
    admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await closeDatabase();
    await admin?.end();
    await extension?.close();
    await database?.drop();
    process.env.DATABASE_URL = savedUrl;
  });

  /** The server's sessions on the test database: one row per connection the process holds. */
  const sessions = async () => {
    const { rows } = await admin.query<{ pid: number; state: string; query: string }>(
      "select pid, state, query from pg_stat_activity where datname = $1 order by pid",
      [new URL(database.url).pathname.slice(1)],
    );
    return rows;
  };

  it("fetches the credentials and opens a checked connection, which the next request reuses", async () => {
    const env: NodeJS.ProcessEnv = {
      CELLAR_DATABASE_SECRET_ARN: SECRET_ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
    };
    const handler = withDatabasePassword(
      getWineryV1,
      databasePasswordLoader(extensionSecretReader(env), env),
    );
    expect(await sessions()).toEqual([]);

    const warm = await handler(warmerEvent, lambdaContext());
    expect(warm).toEqual({ statusCode: 200, body: "warm" });
    expect(env.PGPASSWORD).toBe("s3cret");
    expect(extension.requests).toHaveLength(1);
    const afterWarmUp = await sessions();
    expect(afterWarmUp).toEqual([{ pid: expect.any(Number), state: "idle", query: "select 1" }]);

    const wineryId = randomUUID();
    const response = await handler(
      proxyEvent({
        path: `/v1/wineries/${wineryId}`,
        resource: "/wineries/{wineryId}",
        pathParameters: { wineryId },
      }),
      lambdaContext(),
    );
    // Answered from the database (it looked the winery up), on the connection the ping opened.
    expect(response.statusCode).toBe(404);
    const afterRequest = await sessions();
    expect(afterRequest.map(({ pid }) => pid)).toEqual(afterWarmUp.map(({ pid }) => pid));
    expect(afterRequest[0]?.query).toMatch(/wineries/);
    // The password is fetched once per container, by the ping.
    expect(extension.requests).toHaveLength(1);
  });

  it("still answers when the database cannot be reached, and logs why", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = withDatabasePassword(
      getWineryV1,
      async () => {},
      async () => {
        throw new Error("connect ECONNREFUSED");
      },
    );
    expect(await handler(warmerEvent, lambdaContext())).toEqual({ statusCode: 200, body: "warm" });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("warm-up could not reach the database"));
    errors.mockRestore();
  });
});

describe("the deployed pool's idle timeout", () => {
  it("keeps a warmed connection past the next ping, and closes it before RDS Proxy would", () => {
    expect(DATABASE_IDLE_TIMEOUT_MS).toBeGreaterThan(WARMER_INTERVAL_MINUTES * 60_000);
    expect(DATABASE_IDLE_TIMEOUT_MS).toBeLessThan(PROXY_IDLE_CLIENT_TIMEOUT_SECONDS * 1000);
  });
});
