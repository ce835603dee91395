import { beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/runtime/json-depth.js";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const TOO_DEEP = [{ path: "/body", message: `nested deeper than ${MAX_JSON_DEPTH} levels` }];
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

// Refused before any query runs, so one backend is enough: PGlite, which needs no server.
const pglite = stageBackends.find((backend) => backend.name === "PGlite")!;

describe("bodies nested too deeply, through the local stage", () => {
  const stage = useStage(pglite);
  let admin = "";
  beforeAll(async () => {
    admin = await stage().token("deep-admin", ["admin"]);
  });

  it("answer 400 problem+json naming /body on an operation with a body, at 100,000 levels", async () => {
    const response = await call(stage(), "POST", "/v2/imports", {
      token: admin,
      rawBody: `[{"name":${nestedArrays(100_000 - 2)}}]`,
    });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body).toMatchObject({ status: 400, errors: TOO_DEEP });
    expect(stage().errors).toEqual([]);
  });

  it("answer 400 on /_local/token, as deep as its 64 KB limit allows (32,000 levels)", async () => {
    const response = await call(stage(), "POST", "/_local/token", {
      rawBody: `{"sub":${nestedArrays(32_000)}}`,
    });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body).toMatchObject({ status: 400, instance: "/_local/token", errors: TOO_DEEP });
    // Past the limit the endpoint refuses the size first: 100,000 levels never reach the parser.
    const huge = await call(stage(), "POST", "/_local/token", {
      rawBody: `{"sub":${nestedArrays(100_000)}}`,
    });
    expect(huge.status).toBe(413);
    expect(stage().errors).toEqual([]);
  });
});
