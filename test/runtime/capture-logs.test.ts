import { describe, expect, it } from "vitest";
import { logError, logWarning } from "../../src/runtime/log.js";
import { captureLogs, isErrorLevel, takeUncapturedErrors } from "../support/capture-logs.js";

describe("captureLogs and the quiet-logs guard", () => {
  it("captures an expected error instead of printing it, so the test can assert it", () => {
    const logs = captureLogs();
    logError("request failed", new Error("boom"), { operationId: "getWineryV1" });
    console.log("GET /v1/ping -> 200");
    expect(logs.errors()).toHaveLength(1);
    expect(JSON.parse(logs.errors()[0] ?? "")).toMatchObject({
      level: "error",
      message: "request failed",
      error: "boom",
      operationId: "getWineryV1",
    });
    expect(logs.lines).toEqual([logs.errors()[0], "GET /v1/ping -> 200"]);
    expect(takeUncapturedErrors()).toEqual([]);
  });

  it("takes a warning (an idle pool client that died, which the pool replaces) as no error", () => {
    const logs = captureLogs();
    logWarning("idle postgres client failed", new Error("Connection terminated unexpectedly"));
    expect(logs.errors()).toEqual([]);
    expect(logs.lines.map((line) => JSON.parse(line))).toEqual([
      { level: "warn", message: "idle postgres client failed", error: "Connection terminated unexpectedly" },
    ]);
  });

  it("knows an error-level line: console.error, or a JSON line at level error on any method", () => {
    expect(isErrorLevel("error", "anything")).toBe(true);
    expect(isErrorLevel("log", JSON.stringify({ level: "error", message: "x" }))).toBe(true);
    expect(isErrorLevel("log", JSON.stringify({ level: "info", message: "x" }))).toBe(false);
    expect(isErrorLevel("log", "{not json")).toBe(false);
    expect(isErrorLevel("warn", "a warning")).toBe(false);
  });
});
