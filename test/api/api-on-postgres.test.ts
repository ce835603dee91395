import { createTemporaryPostgresDatabase } from "../support/databases.js";
import { describeApiOn } from "./api-scenario.js";

describeApiOn("Postgres", async () => {
  const database = await createTemporaryPostgresDatabase();
  process.env.DATABASE_URL = database.url;
  return () => database.drop();
});
