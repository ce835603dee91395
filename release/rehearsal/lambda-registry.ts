import type { LambdaHandler } from "../../src/local/handler-registry.js";

/** One alias: a version, and optionally a second version taking `weight` of the invocations. */
export interface AliasRouting {
  version: string;
  additional?: { version: string; weight: number };
}

interface RehearsedFunction {
  versions: LambdaHandler[];
  aliases: Map<string, AliasRouting>;
}

/**
 * What the rehearsal needs of Lambda: published versions (immutable code) and aliases pointing at
 * them, with the weighted routing CodeDeploy uses while shifting traffic
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html#configuring-alias-routing).
 * No Lambda emulator runs here, and nothing under test calls Lambda's API: CloudFormation and
 * CodeDeploy do, and those are played by the rehearsal. So this is a map, not a server.
 */
export class LambdaRegistry {
  private readonly functions = new Map<string, RehearsedFunction>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Publishes a version (numbered from 1, as Lambda does) and returns its number. */
  publish(functionName: string, handler: LambdaHandler): string {
    let fn = this.functions.get(functionName);
    if (!fn) {
      fn = { versions: [], aliases: new Map() };
      this.functions.set(functionName, fn);
    }
    fn.versions.push(handler);
    return String(fn.versions.length);
  }

  setAlias(functionName: string, alias: string, routing: AliasRouting): void {
    const fn = this.function(functionName);
    for (const version of [routing.version, routing.additional?.version]) {
      if (version !== undefined && !fn.versions[Number(version) - 1]) {
        throw new Error(`${functionName} has no version ${version}`);
      }
    }
    fn.aliases.set(alias, routing);
  }

  alias(functionName: string, alias: string): AliasRouting | undefined {
    return this.functions.get(functionName)?.aliases.get(alias);
  }

  /** The handler an invocation of `functionName:alias` runs: Lambda picks by the routing weight. */
  resolve(functionName: string, alias: string): LambdaHandler {
    const fn = this.function(functionName);
    const routing = fn.aliases.get(alias);
    if (!routing) throw new Error(`Function not found: ${functionName}:${alias}`);
    const version =
      routing.additional && this.random() < routing.additional.weight
        ? routing.additional.version
        : routing.version;
    return fn.versions[Number(version) - 1]!;
  }

  private function(functionName: string): RehearsedFunction {
    const fn = this.functions.get(functionName);
    if (!fn) throw new Error(`Function not found: ${functionName}`);
    return fn;
  }
}

/**
 * A handler registry for the local stage whose entries invoke `<app>-<operationId>:<alias>` through the
 * registry, the alias read from the invoked ARN as Lambda reads it, so a moved alias takes effect on
 * the next request.
 */
export function aliasDispatchingHandlers(
  registry: LambdaRegistry,
  operationIds: readonly string[],
): Record<string, LambdaHandler> {
  return Object.fromEntries(
    operationIds.map((operationId) => [
      operationId,
      (event, context) => {
        const [, , , , , , functionName, alias] = context.invokedFunctionArn.split(":");
        if (!functionName || !alias)
          throw new Error(`unqualified invocation of ${context.invokedFunctionArn}`);
        return registry.resolve(functionName, alias)(event, context);
      },
    ]),
  );
}
