import { describe, expect, it } from "vitest";
import { ArnRewriteError, canonicalizeArns, findPlaceholders, rewriteArns } from "./arn.rewriter.js";

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
  it("fills the codegen placeholders", () => {
    const source = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    const { document, rewrites, unfilled } = rewriteArns(source, {
      region: "us-west-2",
      accountId: "210987654321",
      userPoolId: "us-west-2_Abc",
    });
    expect(unfilled).toEqual([]);
    expect(rewrites).toHaveLength(2);
    expect(document).toEqual(
      definition(
        lambdaUri("us-west-2", "210987654321"),
        poolArn("us-west-2", "210987654321", "us-west-2_Abc"),
      ),
    );
  });

  it("moves a deployed definition to another region, keeping the account and the stage variable", () => {
    const source = definition(
      lambdaUri("us-east-1", "123456789012"),
      poolArn("us-east-1", "123456789012", "us-east-1_X"),
    );
    const { document } = rewriteArns(source, { region: "eu-west-1", userPoolId: "eu-west-1_Y" });
    expect(document).toEqual(
      definition(lambdaUri("eu-west-1", "123456789012"), poolArn("eu-west-1", "123456789012", "eu-west-1_Y")),
    );
  });

  it("refuses to guess the user pool of another region", () => {
    const source = definition(
      lambdaUri("us-east-1", "123456789012"),
      poolArn("us-east-1", "123456789012", "us-east-1_X"),
    );
    expect(() => rewriteArns(source, { region: "eu-west-1" })).toThrow(ArnRewriteError);
    expect(() => rewriteArns(source, { region: "eu-west-1" })).toThrow(
      /us-east-1_X, which lives in us-east-1/,
    );
  });

  it("reports placeholders it cannot fill, with their location", () => {
    const source = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    const { unfilled } = rewriteArns(source, { region: "us-west-2" });
    expect(unfilled.map((item) => item.placeholder).sort()).toEqual([
      "{{accountId}}",
      "{{accountId}}",
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
      poolArn("us-west-2", "123456789012", "us-west-2_Q"),
    );
    const generated = definition(
      lambdaUri("{{region}}", "{{accountId}}"),
      poolArn("{{region}}", "{{accountId}}", "{{userPoolId}}"),
    );
    expect(canonicalizeArns(west)).toEqual(generated);
    expect(findPlaceholders(canonicalizeArns(west))).toHaveLength(6);
  });
});
