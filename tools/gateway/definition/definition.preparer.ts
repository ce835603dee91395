import { GatewayCliError } from "../cli/gateway-cli.error.js";
import {
  type ArnRewrite,
  type ArnTarget,
  describeUnfilled,
  type FlagHints,
  rewriteArns,
} from "./arn.rewriter.js";
import { GENERATED_BANNER_KEY } from "./definition.normalizer.js";
import { isJsonObject, type JsonObject } from "./json.util.js";

export interface PreparedDefinition {
  document: JsonObject;
  rewrites: ArnRewrite[];
}

/**
 * Makes a definition (generated, rendered, exported or a backup) importable into `target.region`:
 * drops codegen's banner and the source's `servers` (another API's execute-api host), rewrites ARNs,
 * optionally renames it, and refuses to go on while any placeholder is left.
 */
export function prepareDefinition(
  source: JsonObject,
  target: ArnTarget,
  title?: string,
  hints: FlagHints = { account: "--account", userPool: "--user-pool-arn" },
): PreparedDefinition {
  const { [GENERATED_BANNER_KEY]: _banner, servers: _servers, ...rest } = source;
  const result = rewriteArns(rest, target);
  if (result.unfilled.length) {
    throw new GatewayCliError(
      `cannot prepare the definition for ${target.region}: ${describeUnfilled(result.unfilled, hints)}`,
    );
  }
  const document = result.document;
  if (title) document.info = { ...(isJsonObject(document.info) ? document.info : {}), title };
  return { document, rewrites: result.rewrites };
}

/** "23 ARNs rewritten (21 integration URIs, 1 authorizer, 1 other)". */
export function summarizeRewrites(rewrites: ArnRewrite[]): string {
  if (!rewrites.length) return "no ARN needed rewriting";
  const integrations = rewrites.filter((item) =>
    item.pointer.endsWith("/x-amazon-apigateway-integration/uri"),
  ).length;
  const authorizers = rewrites.filter((item) =>
    item.pointer.includes("/x-amazon-apigateway-authorizer/"),
  ).length;
  const other = rewrites.length - integrations - authorizers;
  const parts = [
    integrations ? `${integrations} integration URI${integrations === 1 ? "" : "s"}` : "",
    authorizers ? `${authorizers} authorizer ARN${authorizers === 1 ? "" : "s"}` : "",
    other ? `${other} other` : "",
  ].filter(Boolean);
  return `${rewrites.length} ARN value${rewrites.length === 1 ? "" : "s"} rewritten (${parts.join(", ")})`;
}
