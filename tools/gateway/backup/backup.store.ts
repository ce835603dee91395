import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ApiRef, RegionalGateway } from "../aws/regional-gateway.client.js";
import type { ProgressLogger } from "../cli/progress.logger.js";
import { normalizeDefinition, stringifyDefinition } from "../definition/definition.normalizer.js";

export interface BackupFile {
  stage: string;
  path: string;
  restoreCommand: string;
}

export interface BackupRequest {
  gateway: RegionalGateway;
  api: ApiRef;
  directory: string;
  cwd: string;
  now: Date;
  log: ProgressLogger;
}

/**
 * Saves the export of every deployed stage of an API before it is overwritten, one file per stage,
 * and prints how to put each one back. GetExport only exports stages, so an API that was never
 * deployed has nothing to save: that is said, not hidden.
 */
export async function backupApi(request: BackupRequest): Promise<BackupFile[]> {
  const { gateway, api, log } = request;
  const stages = await gateway.getStages(api);
  if (!stages.length) {
    log.region(
      gateway.region,
      `${api.name} (${api.id}) has no deployed stage, so there is no export to back up`,
    );
    return [];
  }
  const folder = join(request.directory, gateway.region);
  mkdirSync(folder, { recursive: true });
  const stamp = request.now
    .toISOString()
    .replace(/:/g, "-")
    .replace(/\.\d+Z$/, "Z");
  const files: BackupFile[] = [];
  for (const stage of stages) {
    const stageName = stage.stageName ?? "";
    const exported = await gateway.exportStage(api, stageName);
    const path = join(folder, `${safe(api.name)}-${api.id}-${safe(stageName)}-${stamp}.json`);
    writeFileSync(path, stringifyDefinition(normalizeDefinition(exported)));
    const fromCwd = relative(request.cwd, path);
    const shown = fromCwd && !fromCwd.startsWith("..") ? fromCwd : path;
    const restoreCommand = `npm run gateway -- import --file ${shown} --region ${gateway.region} --api ${api.id} --mode overwrite --stage ${stageName}`;
    files.push({ stage: stageName, path, restoreCommand });
    log.region(gateway.region, `backed up stage ${stageName} of ${api.name} to ${shown}`);
    log.region(gateway.region, `  to restore it: ${restoreCommand}`);
  }
  return files;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}
