import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  HierarchyLevelLimitExceededException,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  paginateGetParametersByPath,
  ValidationException,
} from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../../release/testing/aws-json-stand-in.js";
import { AwsClients, rejectionOf } from "./aws-clients.harness.js";

let standIn: AwsJsonStandIn;
const clients = new AwsClients(() => standIn.endpoint);
const ssm = (region = "eu-west-1") => clients.ssm(region);
const put = (Name: string, Value: string, extra: { Overwrite?: boolean; region?: string } = {}) =>
  ssm(extra.region).send(
    new PutParameterCommand({ Name, Value, Type: "String", Overwrite: extra.Overwrite }),
  );
const get = (Name: string, region?: string) => ssm(region).send(new GetParameterCommand({ Name }));

beforeAll(async () => {
  standIn = await startAwsJsonStandIn();
});
afterAll(async () => {
  clients.destroy();
  await standIn.close();
});

describe("PutParameter and GetParameter", () => {
  it("stores a String parameter at version 1 and reads it back with its ARN", async () => {
    expect(await put("/cellar/put-get/verdict", "passed")).toMatchObject({ Version: 1, Tier: "Standard" });
    const { Parameter } = await get("/cellar/put-get/verdict");
    expect(Parameter).toMatchObject({
      Name: "/cellar/put-get/verdict",
      Type: "String",
      Value: "passed",
      Version: 1,
      DataType: "text",
      ARN: "arn:aws:ssm:eu-west-1:123456789012:parameter/cellar/put-get/verdict",
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it("refuses to replace a parameter unless Overwrite is true, and counts versions per overwrite", async () => {
    await put("/cellar/overwrite/verdict", "failed: first run");
    const refused = await rejectionOf(put("/cellar/overwrite/verdict", "passed"));
    expect(refused.name).toBe("ParameterAlreadyExists");
    expect(refused).toBeInstanceOf(ParameterAlreadyExists);

    expect((await put("/cellar/overwrite/verdict", "passed", { Overwrite: true })).Version).toBe(2);
    expect((await put("/cellar/overwrite/verdict", "passed again", { Overwrite: true })).Version).toBe(3);
    expect((await get("/cellar/overwrite/verdict")).Parameter).toMatchObject({
      Value: "passed again",
      Version: 3,
    });
    expect((await get("/cellar/overwrite/verdict:1")).Parameter).toMatchObject({
      Value: "failed: first run",
      Version: 1,
      Selector: ":1",
    });
    const missing = await rejectionOf(get("/cellar/overwrite/verdict:9"));
    expect(missing).toBeInstanceOf(ParameterVersionNotFound);
  });

  it("keeps the type on an overwrite that leaves it out, but needs one to create", async () => {
    await put("/cellar/typed/value", "a");
    await ssm().send(new PutParameterCommand({ Name: "/cellar/typed/value", Value: "b", Overwrite: true }));
    expect((await get("/cellar/typed/value")).Parameter).toMatchObject({ Type: "String", Value: "b" });

    const untyped = await rejectionOf(
      ssm().send(new PutParameterCommand({ Name: "/cellar/typed/new", Value: "x" })),
    );
    expect(untyped.name).toBe("ValidationException");
  });

  it("treats Name and /Name as the same parameter", async () => {
    await put("FlatName", "one");
    expect((await get("/FlatName")).Parameter).toMatchObject({ Name: "FlatName", Value: "one" });
    expect((await rejectionOf(put("/FlatName", "two"))).name).toBe("ParameterAlreadyExists");
  });
});

describe("missing parameters", () => {
  it("answers ParameterNotFound to GetParameter and DeleteParameter", async () => {
    const read = await rejectionOf(get("/cellar/never/written"));
    expect(read.name).toBe("ParameterNotFound");
    expect(read).toBeInstanceOf(ParameterNotFound);
    const deleted = await rejectionOf(
      ssm().send(new DeleteParameterCommand({ Name: "/cellar/never/written" })),
    );
    expect(deleted.name).toBe("ParameterNotFound");
  });

  it("deletes a parameter so that reading it fails afterwards", async () => {
    await put("/cellar/deleted/value", "soon gone");
    await ssm().send(new DeleteParameterCommand({ Name: "/cellar/deleted/value" }));
    expect((await rejectionOf(get("/cellar/deleted/value"))).name).toBe("ParameterNotFound");
  });
});

describe("GetParametersByPath", () => {
  const region = "ap-southeast-2";
  beforeAll(async () => {
    for (const name of [
      "/app/gate/r1/waiting",
      "/app/gate/r1/verdict",
      "/app/gate/r2/verdict",
      "/app/gate/top",
    ]) {
      await put(name, name, { region });
    }
    await put("/app/gateway/not-under-gate", "x", { region });
  });
  const names = async (Path: string, Recursive: boolean) => {
    const { Parameters = [] } = await ssm(region).send(new GetParametersByPathCommand({ Path, Recursive }));
    return Parameters.map((parameter) => parameter.Name);
  };

  it("returns only the direct children of the path without Recursive", async () => {
    expect(await names("/app/gate", false)).toEqual(["/app/gate/top"]);
    expect(await names("/app/gate/r1", false)).toEqual(["/app/gate/r1/verdict", "/app/gate/r1/waiting"]);
  });

  it("returns every descendant, sorted by name, with Recursive, and nothing from sibling prefixes", async () => {
    expect(await names("/app/gate", true)).toEqual([
      "/app/gate/r1/verdict",
      "/app/gate/r1/waiting",
      "/app/gate/r2/verdict",
      "/app/gate/top",
    ]);
    expect(await names("/app/gate/", true)).toHaveLength(4);
  });

  it("pages with NextToken, which the SDK paginator follows", async () => {
    const first = await ssm(region).send(
      new GetParametersByPathCommand({ Path: "/app", Recursive: true, MaxResults: 2 }),
    );
    expect(first.Parameters).toHaveLength(2);
    expect(first.NextToken).toBeTypeOf("string");
    const all: string[] = [];
    for await (const page of paginateGetParametersByPath(
      { client: ssm(region), pageSize: 2 },
      { Path: "/app", Recursive: true },
    )) {
      all.push(...(page.Parameters ?? []).map((parameter) => parameter.Name!));
    }
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
  });

  it("rejects MaxResults above 10 and a token it did not issue", async () => {
    const tooMany = await rejectionOf(
      ssm(region).send(new GetParametersByPathCommand({ Path: "/app", MaxResults: 11 })),
    );
    expect(tooMany.name).toBe("ValidationException");
    const badToken = await rejectionOf(
      ssm(region).send(new GetParametersByPathCommand({ Path: "/app", NextToken: "not-a-token" })),
    );
    expect(badToken.name).toBe("InvalidNextToken");
  });
});

describe("regions", () => {
  it("keeps each region's parameters apart, by the region the request is signed for", async () => {
    await put("/cellar/regional/verdict", "passed", { region: "us-east-1" });
    await put("/cellar/regional/verdict", "failed: contract", { region: "us-west-2" });
    expect((await get("/cellar/regional/verdict", "us-east-1")).Parameter?.Value).toBe("passed");
    expect((await get("/cellar/regional/verdict", "us-west-2")).Parameter?.Value).toBe("failed: contract");
    expect((await rejectionOf(get("/cellar/regional/verdict", "sa-east-1"))).name).toBe("ParameterNotFound");
    expect(standIn.ssm.value("us-west-2", "/cellar/regional/verdict")).toBe("failed: contract");
  });
});

describe("name validation", () => {
  it.each([
    ["a name with a slash but no leading slash", "cellar/verdict"],
    ["a space inside the name", "/cellar/release gate"],
    ["a character outside a-zA-Z0-9_.-/", "/cellar/verdict*"],
    ["an empty hierarchy level", "/cellar//verdict"],
    ["more than 2048 characters", `/${"a".repeat(2048)}`],
    ["more than 1011 characters with the ARN prefix", `/${"a".repeat(1000)}`],
    ["the reserved prefix aws", "/aws/cellar"],
    ["the reserved prefix ssm, in any case", "SSM-cellar"],
  ])("rejects %s with ValidationException", async (_, name) => {
    const error = await rejectionOf(put(name, "x"));
    expect(error.name).toBe("ValidationException");
    expect(error).toBeInstanceOf(ValidationException);
  });

  it("accepts fifteen levels and refuses sixteen with HierarchyLevelLimitExceededException", async () => {
    const levels = (count: number) =>
      `/${Array.from({ length: count }, (_, index) => `l${index}`).join("/")}`;
    expect((await put(levels(15), "deep")).Version).toBe(1);
    const error = await rejectionOf(put(levels(16), "too deep"));
    expect(error).toBeInstanceOf(HierarchyLevelLimitExceededException);
  });

  it("refuses a value over the standard tier's 4096 characters", async () => {
    expect((await put("/cellar/value/max", "v".repeat(4096))).Version).toBe(1);
    expect((await rejectionOf(put("/cellar/value/too-long", "v".repeat(4097)))).name).toBe(
      "ValidationException",
    );
  });
});
