import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStage, startLocalStage } from "../../contract-tests/local-stage.js";
import { runContractSuite } from "../../contract-tests/run-suite.js";
import {
  startWriteForwardingProxy,
  type WriteForwardingProxy,
} from "../../release/testing/write-forwarding/write-forwarding-proxy.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { seedSampleWineries } from "../../src/seed/seed.js";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Every operation, with every documented status the contract suite can provoke, and the queue
 * workers behind them (imports, rating roll-ups), served as a secondary region serves them: through
 * a connection that refuses what Aurora's write forwarding refuses. The home region migrated (and
 * here seeded) the database; the secondary never migrates.
 */
describe("the contract suite against a stage on a secondary region's write-forwarding connection", () => {
  let database: TemporaryDatabase;
  let proxy: WriteForwardingProxy;
  let stage: LocalStage | undefined;
  const savedMigrateSetting = process.env.CELLAR_MIGRATE_ON_START;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    const home = await openDatabase(database.url);
    await migrateToLatest(home.db);
    await seedSampleWineries(home.db);
    await home.close();
    proxy = await startWriteForwardingProxy(database.url);
    process.env.CELLAR_MIGRATE_ON_START = "false";
    stage = await startLocalStage({ repoRoot, databaseUrl: proxy.url });
  }, 120_000);
  afterAll(async () => {
    if (savedMigrateSetting === undefined) delete process.env.CELLAR_MIGRATE_ON_START;
    else process.env.CELLAR_MIGRATE_ON_START = savedMigrateSetting;
    await stage?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it("passes in full, and no statement is refused", async () => {
    const lines: string[] = [];
    const result = await runContractSuite(
      {
        endpoint: stage?.endpoint ?? "",
        tokens: {},
        apiKey: LOCAL_API_KEYS.app.value,
        lowQuotaApiKey: LOCAL_API_KEYS.lowQuota.value,
      },
      (line) => lines.push(line),
    );
    expect(result.exitCode, `${lines.join("\n")}\n${stage?.output()}`).toBe(0);
    expect(result.failed).toBe(0);
    expect(result.checks).toBeGreaterThan(100);
    expect(proxy.refusals).toEqual([]);
  }, 240_000);
});
