import { notFound } from "@cellar/runtime";
import { toImportV2 } from "../app/import-presenter.js";
import { getDatabase } from "../db/database-instance.js";
import { findImportById } from "../db/import.repository.js";
import { getImportV2 } from "../generated/operations/getImportV2.gen.js";

export const handler = getImportV2(async ({ path }) => {
  const job = await findImportById(await getDatabase(), path.importId);
  if (!job) throw notFound(`Import ${path.importId} does not exist.`);
  return { status: 200, body: toImportV2(job) };
});
