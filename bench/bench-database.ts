import {
  createTemporaryPostgresDatabase,
  type TemporaryDatabase,
} from "../test/support/temporary-postgres.js";

export { isPostgresReachable } from "../test/support/temporary-postgres.js";

/** A new, empty database for one bench run, dropped afterwards. */
export function createTemporaryDatabase(): Promise<TemporaryDatabase> {
  return createTemporaryPostgresDatabase("cellar_bench");
}
