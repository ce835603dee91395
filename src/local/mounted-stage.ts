import { binaryMediaTypesOf } from "./binary-media-types.js";
import {
  type GatewayDefinition,
  GatewayDefinitionError,
  handlerKeyForFunction,
  resolveStageVariables,
} from "./gateway-definition.js";
import { createGatewayRouter, type GatewayRouter } from "./gateway-router.js";
import { findHandler, type LambdaHandler } from "./handler-registry.js";
import type { Logger } from "./logger.js";
import { stageForBasePath } from "./stages.js";

export interface LambdaBinding {
  handler: LambdaHandler;
  functionName: string;
  /** Resolved from the stage variables, e.g. `v1` for `${stageVariables.alias}`. */
  qualifier: string | undefined;
}

export interface MountedStage {
  basePath: string;
  stage: string;
  stageVariables: Readonly<Record<string, string>>;
  router: GatewayRouter;
  /** Keyed by unqualified function name, as found in the integration URIs. */
  lambdas: ReadonlyMap<string, LambdaBinding>;
  /** The definition's binary media types, if it lists any: bodies API Gateway would base64-encode. */
  binaryMediaTypes?: readonly string[];
}

export interface GatewayMount {
  basePath: string;
  definition: GatewayDefinition;
  /**
   * The stage behind the base path, as deployed (a stage read back from API Gateway); without it, the
   * production mapping of the base path (src/local/stages.ts).
   */
  stage?: { name: string; variables: Readonly<Record<string, string>> };
}

/**
 * Binds every integration of one gateway definition to a handler up front, so a definition that names a
 * function the registry lacks fails at startup rather than on somebody's first request.
 */
export function mountStage(mount: GatewayMount, handlers: object, logger: Logger): MountedStage {
  const basePath = mount.basePath.replace(/^\/+|\/+$/g, "");
  const mapping = mount.stage
    ? { basePath, stage: mount.stage.name, stageVariables: mount.stage.variables }
    : stageForBasePath(basePath);
  const router = createGatewayRouter(mount.definition);
  const lambdas = new Map<string, LambdaBinding>();
  const missing: string[] = [];

  for (const route of router.routes()) {
    if (route.target.type !== "lambda" || lambdas.has(route.target.functionName)) continue;
    const { functionName, qualifier } = route.target;
    const handler = findHandler(handlers, handlerKeyForFunction(functionName));
    if (!handler) {
      missing.push(functionName);
      continue;
    }
    const resolved =
      qualifier === undefined ? undefined : resolveStageVariables(qualifier, mapping.stageVariables);
    lambdas.set(functionName, { handler, functionName, qualifier: resolved });
  }
  if (missing.length > 0) {
    throw new GatewayDefinitionError(`/${basePath}: no handler registered for ${missing.join(", ")}`);
  }

  const qualifiers = [...new Set([...lambdas.values()].map((lambda) => lambda.qualifier ?? "$LATEST"))];
  const variables = Object.entries(mapping.stageVariables)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  logger.info(
    `/${basePath} -> stage ${mapping.stage} (${variables}): ${router.routes().length} routes, ` +
      `${lambdas.size} functions invoked as cellar-*:${qualifiers.join("|")}`,
  );
  const binaryMediaTypes = binaryMediaTypesOf(mount.definition);
  return {
    basePath,
    stage: mapping.stage,
    stageVariables: mapping.stageVariables,
    router,
    lambdas,
    ...(binaryMediaTypes ? { binaryMediaTypes } : {}),
  };
}
