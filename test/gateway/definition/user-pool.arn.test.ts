import { describe, expect, it } from "vitest";
import { userPoolArnProblem, userPoolRegion } from "../../../tools/gateway/definition/user-pool.arn.js";

describe("userPoolArnProblem", () => {
  it.each([
    "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123",
    "arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_AbC123",
    "arn:aws:cognito-idp:local:local:userpool/local_AbC123",
  ])("accepts %s", (arn) => {
    expect(userPoolArnProblem(arn)).toBeUndefined();
  });

  it.each([
    ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/us-east-1_AbC123", /not the region of pool/],
    ["arn:aws:cognito-idp:us-east-1:local:userpool/us-east-1_AbC123", /only cognito-local pools/],
    [
      "arn:aws:cognito-idp:local:123456789012:userpool/local_AbC123",
      /cognito-local pool ARNs have account local, not "123456789012"/,
    ],
    ["arn:aws:cognito-idp:us-east-1:12345:userpool/us-east-1_AbC123", /12-digit/],
    ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/AbC123", /not a user pool id/],
    ["arn:aws:lambda:us-east-1:123456789012:function:x", /not a user pool ARN/],
  ])("rejects %s", (arn, problem) => {
    expect(userPoolArnProblem(arn)).toMatch(problem);
  });
});

describe("userPoolRegion", () => {
  it("reads the region from the id, including cognito-local's", () => {
    expect(userPoolRegion("ap-southeast-2_Xy9")).toBe("ap-southeast-2");
    expect(userPoolRegion("local_AbC123")).toBe("local");
    expect(userPoolRegion("{{userPoolId}}")).toBeUndefined();
  });
});
