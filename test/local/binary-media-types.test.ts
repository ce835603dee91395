import { describe, expect, it } from "vitest";
import { binaryMediaTypesOf, isBinaryMediaType } from "../../src/local/binary-media-types.js";
import type { GatewayDefinition } from "../../src/local/gateway-definition.js";
import { encodeEventBody } from "../../src/local/proxy-event.js";

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html:
// a request whose Content-Type matches one of the API's binaryMediaTypes ("*" a wildcard) reaches a
// Lambda proxy integration base64-encoded; any other as UTF-8 text.
describe("binary media types, as API Gateway matches them", () => {
  it.each([
    ["image/png", ["image/png"], true],
    ["IMAGE/PNG; foo=bar", ["image/png"], true],
    ["image/jpeg", ["image/*"], true],
    ["application/json", ["*/*"], true],
    ["multipart/form-data; boundary=x", ["multipart/form-data"], true],
    ["image/png", ["application/octet-stream"], false],
    [undefined, ["*/*"], false],
  ] as const)("%s against %j: %s", (contentType, types, binary) => {
    expect(isBinaryMediaType(contentType, types)).toBe(binary);
  });

  it("are read from the definition's extension, absent when it lists none", () => {
    const definition = { paths: {}, "x-amazon-apigateway-binary-media-types": ["image/png"] };
    expect(binaryMediaTypesOf(definition as GatewayDefinition)).toEqual(["image/png"]);
    expect(binaryMediaTypesOf({ paths: {} })).toBeUndefined();
  });

  it("decide how the local stage encodes a body when the definition lists them", () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(encodeEventBody(bytes, "image/png", ["image/png"])).toEqual({
      body: bytes.toString("base64"),
      isBase64Encoded: true,
    });
    // Not listed: text, as API Gateway passes it; bytes that are no UTF-8 have no text form.
    expect(encodeEventBody(Buffer.from("abc"), "application/octet-stream", ["image/png"])).toEqual({
      body: "abc",
      isBase64Encoded: false,
    });
    expect(encodeEventBody(bytes, "application/octet-stream", ["image/png"])).toBeUndefined();
    // A listed type is binary even when textual, as `*/*` makes everything binary.
    expect(encodeEventBody(Buffer.from("{}"), "application/json", ["*/*"])).toEqual({
      body: Buffer.from("{}").toString("base64"),
      isBase64Encoded: true,
    });
  });
});
