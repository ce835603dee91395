import { describe, expect, it } from "vitest";
import {
  loadGatewayDefinition,
  renderGatewayDefinition,
} from "../../infra/gateway/render-gateway-definition.js";
import {
  fillGatewayPlaceholders,
  GATEWAY_PLACEHOLDERS,
  placeholdersIn,
} from "../../src/topology/gateway-placeholders.js";
import { API_VERSIONS, DEFAULT_APP_NAME, userPoolArn } from "../../src/topology/topology.js";
import { canonicalizeArns, rewriteArns } from "../../tools/gateway/definition/arn.rewriter.js";
import type { JsonObject } from "../../tools/gateway/definition/json.util.js";

// One region, one account, one pool in another region: what a non-home region of a release sees.
const REGION = "eu-west-1";
const ACCOUNT = "111111111111";
const POOL_ID = "us-east-1_Pool";

/** The definition without codegen's do-not-edit marker, which neither deploy tool keeps. */
function withoutMarker(definition: Record<string, unknown>): JsonObject {
  const { "x-generated": _marker, ...rest } = definition;
  return rest as JsonObject;
}

describe("the gateway placeholders: codegen writes them, the CLI and the CDK app fill them alike", () => {
  it.each(API_VERSIONS)(
    "gateway/%s.gen.json uses exactly the placeholders the shared module defines",
    (version) => {
      const used = new Set(placeholdersIn(JSON.stringify(loadGatewayDefinition(version))));
      expect([...used].sort()).toEqual(Object.values(GATEWAY_PLACEHOLDERS).sort());
    },
  );

  it.each(API_VERSIONS)("the gateway CLI and the CDK app render %s to the same definition", (version) => {
    const generated = loadGatewayDefinition(version);
    const byCli = rewriteArns(withoutMarker(generated), {
      region: REGION,
      accountId: ACCOUNT,
      userPoolId: POOL_ID,
    });
    const byInfra = renderGatewayDefinition(generated, {
      region: REGION,
      accountId: ACCOUNT,
      userPoolId: POOL_ID,
      userPoolArn: userPoolArn(POOL_ID, ACCOUNT),
      functionPrefix: DEFAULT_APP_NAME,
    });
    expect(byCli.unfilled).toEqual([]);
    expect(byCli.document).toEqual(byInfra);
    // Plain substitution gives the same Lambda URIs too: the pool is the only value placed by region.
    const substituted = fillGatewayPlaceholders(JSON.stringify(withoutMarker(generated)), {
      region: REGION,
      accountId: ACCOUNT,
      userPoolId: POOL_ID,
    });
    expect(JSON.parse(substituted.replaceAll(`cognito-idp:${REGION}:`, "cognito-idp:us-east-1:"))).toEqual(
      byInfra,
    );
  });

  it.each(API_VERSIONS)(
    "the CLI's canonical form of a rendered %s is the generated definition",
    (version) => {
      const generated = loadGatewayDefinition(version);
      const rendered = rewriteArns(withoutMarker(generated), {
        region: REGION,
        accountId: ACCOUNT,
        userPoolId: POOL_ID,
      }).document;
      expect(canonicalizeArns(rendered)).toEqual(withoutMarker(generated));
    },
  );

  it("fills only the placeholders it is given and leaves unknown ones to be reported", () => {
    const text = "{{region}}/{{accountId}}/{{userPoolId}}/{{stage}}";
    expect(fillGatewayPlaceholders(text, { region: "us-west-2" })).toBe(
      "us-west-2/{{accountId}}/{{userPoolId}}/{{stage}}",
    );
    expect(
      placeholdersIn(fillGatewayPlaceholders(text, { region: "r", accountId: "a", userPoolId: "p" })),
    ).toEqual(["{{stage}}"]);
  });
});
