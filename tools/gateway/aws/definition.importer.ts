import { backupApi } from "../backup/backup.store.js";
import type { ProgressLogger } from "../cli/progress.logger.js";
import type { JsonObject } from "../definition/json.util.js";
import type { ApiRef, RegionalGateway } from "./regional-gateway.client.js";

export interface ImportPlan {
  gateway: RegionalGateway;
  document: JsonObject;
  /** The API to update, as found by id or name; undefined creates a new one. */
  existing: ApiRef | undefined;
  mode: "merge" | "overwrite";
  failOnWarnings: boolean;
  endpointType: string;
  /** Backs up the existing API's stages first; callers that back up once for many puts pass undefined. */
  backup?: { directory: string; cwd: string; now: Date };
  log: ProgressLogger;
}

/** ImportRestApi for a new API, PutRestApi (after a backup) for an existing one. */
export async function importDefinition(plan: ImportPlan): Promise<{ api: ApiRef; created: boolean }> {
  const { gateway, document, existing, log } = plan;
  let result: Awaited<ReturnType<RegionalGateway["importApi"]>>;
  if (existing) {
    if (plan.backup) await backupApi({ gateway, api: existing, log, ...plan.backup });
    result = await gateway.putApi(existing, document, {
      mode: plan.mode,
      failOnWarnings: plan.failOnWarnings,
    });
    log.region(
      gateway.region,
      `updated ${existing.name} (${existing.id}) with PutRestApi, mode ${plan.mode}`,
    );
  } else {
    result = await gateway.importApi(document, {
      failOnWarnings: plan.failOnWarnings,
      endpointType: plan.endpointType,
    });
    log.region(
      gateway.region,
      `created ${result.name} (${result.id}) with ImportRestApi, ${plan.endpointType} endpoint`,
    );
  }
  for (const warning of result.warnings ?? [])
    log.region(gateway.region, `warning from API Gateway: ${warning}`);
  const api = existing ?? { id: result.id ?? "", name: result.name ?? "" };
  return { api, created: !existing };
}
