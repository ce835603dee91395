import { expect } from "vitest";
import { startWriteForwardingProxy } from "../../release/testing/write-forwarding/write-forwarding-proxy.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { describeApiOn } from "../api/api-scenario.js";
import { createTemporaryPostgresDatabase } from "../support/databases.js";

/**
 * Every handler, as a secondary region runs it: on a connection that refuses what Aurora's write
 * forwarding refuses (release/testing/write-forwarding). The home region migrated the database; the
 * secondary never does.
 */
describeApiOn("a secondary region's write-forwarding connection", async () => {
  const database = await createTemporaryPostgresDatabase();
  const home = await openDatabase(database.url);
  await migrateToLatest(home.db);
  await home.close();
  const proxy = await startWriteForwardingProxy(database.url);
  process.env.DATABASE_URL = proxy.url;
  process.env.CELLAR_MIGRATE_ON_START = "false";
  return async () => {
    delete process.env.CELLAR_MIGRATE_ON_START;
    await proxy.close();
    await database.drop();
    expect(proxy.refusals).toEqual([]);
  };
});
