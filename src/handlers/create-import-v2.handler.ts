import { runWithIdempotencyKey } from "../app/idempotency.js";
import { toImportV2 } from "../app/import-presenter.js";
import { enqueueImport, findImportOrThrow, stageImport } from "../app/imports.js";
import type { Db } from "../db/database.js";
import { getDatabase } from "../db/database-instance.js";
import { inTransaction } from "../db/transaction.js";
import { createImportV2 } from "../generated/operations/createImportV2.gen.js";
import { getJobQueue } from "../queue/get-job-queue.js";

export const handler = createImportV2(async ({ body, headers, caller: { sub } }) => {
  const accept = async (trx: Db) => {
    const job = await findImportOrThrow(trx, await stageImport(trx, sub, body));
    return { status: 202 as const, body: toImportV2(job), headers: { Location: `/v2/imports/${job.id}` } };
  };
  const key = headers["Idempotency-Key"];
  const db = await getDatabase();
  const response =
    key === undefined
      ? await inTransaction(db, accept)
      : await runWithIdempotencyKey(db, { scope: `${sub}:createImportV2`, key, request: body }, accept);
  // After the commit, also for a replay: it sends what a crashed first attempt did not.
  await enqueueImport(db, getJobQueue(), await findImportOrThrow(db, response.body.id));
  return response;
});
