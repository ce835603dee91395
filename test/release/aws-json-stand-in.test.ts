import { ListApplicationsCommand } from "@aws-sdk/client-codedeploy";
import { DescribeParametersCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { rejectionOf, useAwsStandIn } from "./aws-clients.harness.js";

const aws = useAwsStandIn();
const { clients } = aws;

/** A hand-made AWS JSON 1.1 request, for what the SDK would never send. */
async function raw(target: string, body: string, authorization?: string) {
  const response = await fetch(aws.standIn.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": target,
      ...(authorization ? { authorization } : {}),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
}
const scope = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=x/20261202/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

describe("the AWS JSON 1.1 front door", () => {
  it("names an operation it does not implement, for either service", async () => {
    const ssm = await rejectionOf(clients.ssm("eu-west-1").send(new DescribeParametersCommand({})));
    expect(ssm.name).toBe("UnknownOperationException");
    expect(ssm.message).toContain("AmazonSSM.DescribeParameters");
    const codeDeploy = await rejectionOf(
      clients.codeDeploy("eu-west-1").send(new ListApplicationsCommand({})),
    );
    expect(codeDeploy.name).toBe("UnknownOperationException");
    expect(codeDeploy.message).toContain("CodeDeploy_20141006.ListApplications");
  });

  it("answers errors as 400 with __type and message", async () => {
    const response = await raw("AmazonSSM.GetParameter", JSON.stringify({ Name: "/nothing" }), scope("ssm"));
    expect(response).toEqual({
      status: 400,
      body: { __type: "ParameterNotFound", message: expect.any(String) },
    });
  });

  it("refuses a request without a signature, or signed for another service", async () => {
    const unsigned = await raw("AmazonSSM.GetParameter", "{}");
    expect(unsigned.body.__type).toBe("MissingAuthenticationTokenException");
    const misScoped = await raw(
      "AmazonSSM.GetParameter",
      JSON.stringify({ Name: "/x" }),
      scope("codedeploy"),
    );
    expect(misScoped.body.__type).toBe("InvalidSignatureException");
  });

  it("refuses a body that is not a JSON object", async () => {
    const response = await raw("AmazonSSM.GetParameter", "[1, 2", scope("ssm"));
    expect(response.body.__type).toBe("SerializationException");
  });
});
