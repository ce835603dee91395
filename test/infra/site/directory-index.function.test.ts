import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { DIRECTORY_INDEX_FUNCTION_CODE } from "../../../infra/site/directory-index.function.js";

type Handler = (event: { request: { uri: string } }) => {
  uri?: string;
  statusCode?: number;
  headers?: unknown;
};
// CloudFront Functions run plain JavaScript with no modules: evaluated the same way here, in a bare context.
const handler = runInNewContext(`${DIRECTORY_INDEX_FUNCTION_CODE}\nhandler;`, {}) as Handler;
const viewerRequest = (uri: string) => handler({ request: { uri } });

describe("the site's directory-index CloudFront Function", () => {
  it.each([
    ["/docs/", "/docs/index.html"],
    ["/docs/v2/", "/docs/v2/index.html"],
    ["/app/", "/app/index.html"],
  ])("reads a folder's index: %s -> %s", (uri, object) => {
    expect(viewerRequest(uri)).toEqual({ uri: object });
  });

  it.each(["/docs", "/docs/v2", "/app"])("redirects %s to its folder", (uri) => {
    expect(viewerRequest(uri)).toEqual({
      statusCode: 301,
      statusDescription: "Moved Permanently",
      headers: { location: { value: `${uri}/` } },
    });
  });

  it.each(["/docs/v2/openapi.json", "/docs/v2/sdk.html", "/config.json", "/app/assets/app.js"])(
    "passes files through untouched: %s",
    (uri) => {
      expect(viewerRequest(uri)).toEqual({ uri });
    },
  );
});
