import { describeApiOn } from "./api-scenario.js";

describeApiOn("PGlite (in memory)", async () => {
  process.env.DATABASE_URL = "memory://";
  return async () => {};
});
