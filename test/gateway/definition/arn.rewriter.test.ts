import { describe, expect, it } from "vitest";
import {
  canonicalizeArns,
  findPlaceholders,
  rewriteArns,
} from "../../../tools/gateway/definition/arn.rewriter.js";

const lambdaUri = (region: string, account: string) =>
  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account}:function:cellar-pingV1:\${stageVariables.alias}/invocations`;
const poolArn = (region: string, account: string, pool: string) =>
  `arn:aws:cognito-idp:${region}:${account}:userpool/${pool}`;

function definition(uri: string, pool: string) {
  return {
    openapi: "3.0.1",
    paths: { "/ping": { get: { "x-amazon-apigateway-integration": { type: "aws_proxy", uri } } } },
    components: {
      securitySchemes: {
        cognito: { "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [pool] } },
      },
    },
  };
}

describe("rewriteArns", () => {
  it("fills the codegen placeholders, the pool's region from its id, not the target region", () => {
    const source = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    const { document, rewrites, unfilled } = rewriteArns(source, {
      region: "us-west-2",
      accountId: "210987654321",
      userPoolId: "us-east-1_Home",
    });
    expect(unfilled).toEqual([]);
    expect(rewrites).toHaveLength(2);
    expect(document).toEqual(
      definition(
        lambdaUri("us-west-2", "210987654321"),
        poolArn("us-east-1", "210987654321", "us-east-1_Home"),
      ),
    );
  });

  it("moves a deployed definition's Lambda ARNs to another region and keeps its user pool ARN", () => {
    const source = definition(
      lambdaUri("us-east-1", "123456789012"),
      poolArn("us-east-1", "123456789012", "us-east-1_X"),
    );
    const { document } = rewriteArns(source, { region: "eu-west-1" });
    expect(document).toEqual(
      definition(lambdaUri("eu-west-1", "123456789012"), poolArn("us-east-1", "123456789012", "us-east-1_X")),
    );
    // Not even a cross-account copy moves the pool: one pool is trusted from everywhere.
    const other = rewriteArns(source, { region: "eu-west-1", accountId: "210987654321" }).document;
    expect(other).toEqual(
      definition(lambdaUri("eu-west-1", "210987654321"), poolArn("us-east-1", "123456789012", "us-east-1_X")),
    );
  });

  it("replaces the pool only when told: an ARN verbatim, an id with the ARN region of its prefix", () => {
    const source = definition(
      lambdaUri("us-east-1", "123456789012"),
      poolArn("us-east-1", "123456789012", "us-east-1_X"),
    );
    const arn = poolArn("us-east-1", "123456789012", "us-east-1_Other");
    expect(rewriteArns(source, { region: "eu-west-1", userPoolArn: arn }).document).toEqual(
      definition(lambdaUri("eu-west-1", "123456789012"), arn),
    );
    expect(rewriteArns(source, { region: "us-east-1", userPoolId: "eu-west-1_Y" }).document).toEqual(
      definition(lambdaUri("us-east-1", "123456789012"), poolArn("eu-west-1", "123456789012", "eu-west-1_Y")),
    );
  });

  it("gives a cognito-local pool its emulator ARN, region and account local", () => {
    const source = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    const { document } = rewriteArns(source, {
      region: "us-east-1",
      accountId: "123456789012",
      userPoolId: "local_AbC123",
    });
    expect(document).toEqual(
      definition(
        lambdaUri("us-east-1", "123456789012"),
        "arn:aws:cognito-idp:local:local:userpool/local_AbC123",
      ),
    );
  });

  it("reports placeholders it cannot fill, with their location", () => {
    const source = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    const { unfilled } = rewriteArns(source, { region: "us-west-2" });
    // The pool's region is unknown until the pool is named; its id names its region.
    expect(unfilled.map((item) => item.placeholder).sort()).toEqual([
      "{{accountId}}",
      "{{accountId}}",
      "{{region}}",
      "{{userPoolId}}",
    ]);
    expect(unfilled[0]?.pointer).toBe("/paths/~1ping/get/x-amazon-apigateway-integration/uri");
  });

  it("leaves global IAM ARNs' empty region alone and rewrites their account only when asked", () => {
    const role = { credentials: "arn:aws:iam::123456789012:role/invoker" };
    expect(rewriteArns(role, { region: "us-west-2" }).document).toEqual(role);
    expect(rewriteArns(role, { region: "us-west-2", accountId: "210987654321" }).document).toEqual({
      credentials: "arn:aws:iam::210987654321:role/invoker",
    });
  });
});

describe("canonicalizeArns", () => {
  it("turns any region's ARNs back into the generated placeholders", () => {
    const west = definition(
      lambdaUri("us-west-2", "123456789012"),
      poolArn("us-east-1", "123456789012", "us-east-1_Q"),
    );
    const generated = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    expect(canonicalizeArns(west)).toEqual(generated);
    expect(findPlaceholders(canonicalizeArns(west))).toHaveLength(6);
  });
});
