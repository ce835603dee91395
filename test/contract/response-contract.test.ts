import { describe, expect, it } from "vitest";
import { listOperations, loadSpec, type SpecOperation } from "../../contract-tests/lib/openapi-document.cjs";
import { checkResponse } from "../../contract-tests/lib/response-contract.cjs";
import { createSchemaValidator } from "../../contract-tests/lib/schema-validator.cjs";

// The validator Dredd's hooks and our checks share, on the real spec: it must pass what conforms and
// fail what does not, or the whole suite proves nothing.
const doc = loadSpec();
const operations = listOperations(doc);
const validator = createSchemaValidator(doc);
const operation = (id: string): SpecOperation => operations.find((op) => op.operationId === id)!;

const winery = {
  id: "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45",
  name: "Oak Hollow",
  lat: 38.4,
  lng: -122.3,
  region: "Napa Valley",
  averageRating: 0,
  reviewCount: 0,
  createdAt: "2024-03-14T09:26:53Z",
};
// getWineryV1 documents ETag and Cache-Control on its 200.
const json = { "content-type": "application/json", etag: '"abc"', "cache-control": "public, no-cache" };

function check(id: string, status: number, headers: Record<string, string>, body: unknown): string[] {
  const bodyText = body === undefined ? "" : JSON.stringify(body);
  return checkResponse({ operation: operation(id), status, headers, bodyText, validator });
}

describe("checkResponse", () => {
  it("passes a conforming body", () => {
    expect(check("getWineryV1", 200, json, winery)).toEqual([]);
  });

  it("fails a field of the wrong type, naming it", () => {
    expect(check("getWineryV1", 200, json, { ...winery, lat: "38.4" })).toEqual(["body /lat must be number"]);
  });

  it("fails a missing required field and a bad format", () => {
    const { region: _region, ...rest } = winery;
    const failures = check("getWineryV1", 200, json, { ...rest, createdAt: "yesterday" });
    expect(failures).toContain('body / is missing required property "region"');
    expect(failures).toContain('body /createdAt must match format "date-time"');
  });

  it("follows $refs through allOf (WineryNearV1) and arrays", () => {
    expect(check("listWineriesV1", 200, json, [{ ...winery, distanceKm: 1 }])).toEqual([]);
    expect(check("listWineriesV1", 200, json, [winery])).toEqual([
      'body /0 is missing required property "distanceKm"',
    ]);
  });

  it("honours nullable", () => {
    const me = { id: "alice", email: null, groups: [], favoritesCount: 0, reviewsCount: 0 };
    expect(check("getMeV2", 200, json, me)).toEqual([]);
    expect(check("getMeV2", 200, json, { ...me, email: 7 })).toEqual(["body /email must be string,null"]);
  });

  it("fails an undocumented status, a wrong media type and a body that is not JSON", () => {
    expect(check("getWineryV1", 418, json, winery)[0]).toMatch(/status 418 is not documented/);
    expect(check("getWineryV1", 200, { "content-type": "text/html" }, winery)[0]).toMatch(
      /Content-Type is text\/html/,
    );
    const notJson = checkResponse({
      operation: operation("getWineryV1"),
      status: 200,
      headers: json,
      bodyText: "<html>",
      validator,
    });
    expect(notJson[0]).toMatch(/not valid JSON/);
  });

  it("requires documented headers: Location on 201, WWW-Authenticate on 401", () => {
    expect(check("createWineryV1", 201, json, winery)).toEqual(["documented header Location is missing"]);
    expect(check("createWineryV1", 201, { ...json, location: `/v1/wineries/${winery.id}` }, winery)).toEqual(
      [],
    );
    const problem = { type: "https://cellar.dev/problems/unauthorized", title: "Unauthorized", status: 401 };
    expect(check("getMeV2", 401, { "content-type": "application/problem+json" }, problem)).toEqual([
      "documented header WWW-Authenticate is missing",
    ]);
  });

  it("reads a header as its schema's type: Retry-After on 503 is an integer number of seconds", () => {
    const problem = { type: "https://cellar.dev/problems/service-unavailable", title: "x", status: 503 };
    const headers = { "content-type": "application/problem+json" };
    expect(check("getWineryV1", 503, { ...headers, "retry-after": "1" }, problem)).toEqual([]);
    expect(check("getWineryV1", 503, { ...headers, "retry-after": "soon" }, problem)).toEqual([
      "header Retry-After: / must be integer",
    ]);
    expect(check("getWineryV1", 503, headers, problem)).toEqual(["documented header Retry-After is missing"]);
  });

  it("fails a body on a response documented without content", () => {
    expect(check("putFavoriteV1", 204, {}, undefined)).toEqual([]);
    expect(check("putFavoriteV1", 204, json, { ok: true })[0]).toMatch(/documents no body/);
  });
});
