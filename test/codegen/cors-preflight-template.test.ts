import { describe, expect, it } from "vitest";
import { corsPreflightResponseTemplate } from "../../codegen/cors-preflight-template.js";
import { formatCorsOrigins } from "../../src/runtime/cors-origins.js";
import { answerGatewayPreflight } from "../support/gateway-preflight.js";

const HYBRID = ["https://www.example.org", "capacitor://localhost", "ionic://localhost", "https://localhost"];

/** The Access-Control-Allow-Origin API Gateway would send, running the template in a Velocity engine. */
function allowOrigin(headers: Record<string, string>, corsOrigins: string | undefined) {
  const answer = answerGatewayPreflight(
    { statusCode: "204", responseTemplates: { "application/json": corsPreflightResponseTemplate() } },
    { headers, stageVariables: corsOrigins === undefined ? {} : { corsOrigins } },
  );
  return answer.headers["access-control-allow-origin"];
}

describe("the gateway's CORS preflight template", () => {
  it.each(HYBRID)("echoes %s from a list of several origins", (origin) => {
    expect(allowOrigin({ Origin: origin }, formatCorsOrigins(HYBRID))).toBe(origin);
  });

  it("reads the header in the lower case HTTP/2 clients send", () => {
    expect(allowOrigin({ origin: "ionic://localhost" }, formatCorsOrigins(HYBRID))).toBe("ionic://localhost");
  });

  it.each([
    ["an unlisted origin", "https://evil.example"],
    ["a listed origin's prefix", "capacitor://local"],
    ["a listed origin with more after it", "https://localhost.evil.example"],
    ["the same host on another scheme", "http://localhost"],
    ["null when null is not listed", "null"],
    ["two listed origins joined", "capacitor://localhost,ionic://localhost"],
    ["an empty origin", ""],
  ])("allows nothing for %s", (_case, origin) => {
    expect(allowOrigin({ Origin: origin }, formatCorsOrigins(HYBRID))).toBeUndefined();
  });

  it("allows null only when null is listed", () => {
    expect(allowOrigin({ Origin: "null" }, formatCorsOrigins([...HYBRID, "null"]))).toBe("null");
  });

  it("allows nothing without an Origin, or when the stage has no list", () => {
    expect(allowOrigin({}, formatCorsOrigins(HYBRID))).toBeUndefined();
    expect(allowOrigin({ Origin: "https://localhost" }, undefined)).toBeUndefined();
    expect(allowOrigin({ Origin: "https://localhost" }, "")).toBeUndefined();
  });

  it("overrides the header once even when a hand-set list repeats the origin", () => {
    expect(allowOrigin({ Origin: "https://localhost" }, "https://localhost,https://localhost")).toBe(
      "https://localhost",
    );
    // An override applied twice is a 5XX in API Gateway: the template sets it in one place, after the loop.
    expect(corsPreflightResponseTemplate().match(/responseOverride/g)).toHaveLength(1);
    expect(corsPreflightResponseTemplate()).toMatch(
      /#end\n#if\(\$allowOrigin != ""\)#set\(\$context\.responseOverride/,
    );
  });

  it("reads the list from the corsOrigins stage variable, split on commas", () => {
    expect(corsPreflightResponseTemplate()).toContain('"$!stageVariables.corsOrigins"');
    expect(corsPreflightResponseTemplate()).toContain('.split(",")');
  });
});
