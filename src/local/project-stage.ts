import { readdir } from "node:fs/promises";
import type { Server } from "node:http";
import { join } from "node:path";
import { DOCS_DIR, GATEWAY_DIR, gatewayFileVersion } from "../../codegen/layout.js";
import { basePath, stageName, stageVariables } from "../topology/topology.js";
import type { LambdaHandler } from "./handler-registry.js";
import { loadGateways } from "./load-gateways.js";
import { createLocalIssuer, localIssuerUrl } from "./local-issuer.js";
import type { Logger } from "./logger.js";
import { createLocalStage } from "./server.js";
import type { StageMapping } from "./stages.js";

export interface ProjectStageOptions {
  /** The project root: where `gateway/*.gen.json` and `docs/` were generated. */
  projectDir: string;
  /** The project's handler registry, keyed by operationId (its `src/handlers/index.ts`). */
  handlers: Readonly<Record<string, LambdaHandler>>;
  logger: Logger;
  /** For the local token issuer's `iss`, known only once the server listens. */
  port: () => number;
}

/**
 * The stage mappings of whatever versions a project's spec declares: one per generated gateway
 * definition, named as production names them (src/topology/topology.ts), not read from our own routes.
 */
export async function projectStageMappings(projectDir: string): Promise<StageMapping[]> {
  const dir = join(projectDir, GATEWAY_DIR);
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const versions = files.flatMap((file) => gatewayFileVersion(file) ?? []).sort();
  if (versions.length === 0)
    throw new Error(`${dir} holds no gateway definitions: run \`cellar codegen\` first`);
  return versions.map((version) => ({
    basePath: basePath(version),
    stage: stageName(version),
    stageVariables: stageVariables(version),
  }));
}

/**
 * The local stage of any project (`cellar start`): its generated gateway definitions routed to its
 * handlers, with the local token issuer and its docs. No database, seed or queue workers: those are
 * the reference app's (src/local/main.ts), which a project adds in its own handlers.
 */
export async function createProjectStage(
  options: ProjectStageOptions,
): Promise<{ server: Server; basePaths: string[] }> {
  const gateways = await loadGateways(options.projectDir, await projectStageMappings(options.projectDir));
  const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(options.port()) });
  const server = createLocalStage({
    gateways,
    handlers: options.handlers,
    issuer,
    logger: options.logger,
    docsDir: join(options.projectDir, DOCS_DIR),
  });
  return { server, basePaths: gateways.map((gateway) => gateway.basePath) };
}
