import { describe, expect, it } from "vitest";
import { operationForVerdict, parseTotals, parseVerdict } from "../../contract-tests/dredd/dredd-output.js";
import { rewritePath, rewriteQuery } from "../../contract-tests/dredd/transaction-rewrite.cjs";
import { listOperations, loadSpec } from "../../contract-tests/lib/openapi-document.cjs";

describe("transaction rewriting", () => {
  it("replaces path parameters by name, keeping the other segments", () => {
    expect(
      rewritePath("/v2/wineries/a/reviews/b", "/v2/wineries/{wineryId}/reviews/{reviewId}", {
        reviewId: "r",
      }),
    ).toBe("/v2/wineries/a/reviews/r");
    expect(() => rewritePath("/v1/ping", "/v1/wineries/{wineryId}", {})).toThrow(/does not match/);
  });

  it("drops and overrides query parameters", () => {
    expect(rewriteQuery("limit=20&cursor=abc", ["cursor"], { near: "1,2" })).toBe("?limit=20&near=1%2C2");
    expect(rewriteQuery("cursor=abc", ["cursor"], {})).toBe("");
  });
});

describe("Dredd output", () => {
  const operations = listOperations(loadSpec());

  it("reads verdicts and maps them to operations", () => {
    const verdict = parseVerdict("fail: DELETE (204) /v2/wineries/x/reviews/y duration: 17ms")!;
    expect(verdict).toEqual({
      outcome: "fail",
      method: "DELETE",
      status: 204,
      uri: "/v2/wineries/x/reviews/y",
    });
    expect(operationForVerdict(operations, verdict)?.operationId).toBe("deleteReviewV2");
    const list = parseVerdict("pass: GET (200) /v1/me/favorites duration: 3ms")!;
    expect(operationForVerdict(operations, list)?.operationId).toBe("listFavoritesV1");
    expect(parseVerdict("info: Displaying failed tests...")).toBeUndefined();
  });

  it("reads the totals line, not the timing line", () => {
    expect(parseTotals("complete: 20 passing, 1 failing, 0 errors, 78 skipped, 99 total")).toEqual({
      passing: 20,
      failing: 1,
      errors: 0,
      skipped: 78,
    });
    expect(parseTotals("complete: Tests took 1291ms")).toBeUndefined();
  });
});
