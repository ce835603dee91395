import type { CloudFormationCustomResourceCreateEvent } from "aws-lambda";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handler } from "../../infra/lambda/migrate.handler.js";
import { databaseBehindProxy, type TcpProxy } from "../hardening/support/tcp-proxy.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

const createEvent = {
  RequestType: "Create",
  ResourceProperties: { ServiceToken: "x" },
} as unknown as CloudFormationCustomResourceCreateEvent;
const plentyOfTime = { getRemainingTimeInMillis: () => 15 * 60_000 };

/**
 * The first deploy: the proxy's new target is still registering, so connections hang until pg's
 * connect timeout, an error that carries no code. The migrations function must wait it out, not fail
 * the stack.
 */
describe("the migrations custom resource on a database that is not reachable yet", () => {
  let database: TemporaryDatabase;
  let proxy: TcpProxy;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    const behindProxy = await databaseBehindProxy(database.url);
    proxy = behindProxy.proxy;
    Object.assign(process.env, {
      DATABASE_URL: behindProxy.url,
      DATABASE_CONNECT_TIMEOUT_MS: "300",
      CELLAR_MIGRATE_RETRY_MS: "1",
    });
  });
  afterAll(async () => {
    process.env = saved;
    await proxy?.close();
    await database?.drop();
  });

  it("retries after pg's connect timeout and migrates once the database answers", async () => {
    await proxy.blackhole();
    const warnings: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => {
      warnings.push(line);
      if (line.includes("database not reachable yet")) void proxy.up();
    });
    try {
      const result = await handler(createEvent, plentyOfTime);
      expect(result.Data?.Applied).not.toBe("none");
    } finally {
      log.mockRestore();
    }
    expect(warnings.filter((line) => line.includes("not reachable"))).toHaveLength(1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query("select count(*)::int as n from kysely_migration");
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("still fails at once on an error that retrying cannot fix", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cellar_no_such_database";
    await expect(handler(createEvent, plentyOfTime)).rejects.toThrow(/does not exist/);
  });
});
