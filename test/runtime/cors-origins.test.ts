import { describe, expect, it } from "vitest";
import {
  allowedCorsOrigin,
  corsOriginProblem,
  formatCorsOrigins,
  parseCorsOrigins,
  STAGE_VARIABLE_VALUE,
  varyOnOrigin,
} from "../../src/runtime/cors-origins.js";

const VALID = [
  "https://www.example.org",
  "http://localhost:5173",
  "http://127.0.0.1:8100",
  "capacitor://localhost",
  "ionic://localhost",
  "https://localhost",
  "http://localhost",
  "myapp://host",
  "com.example.app://localhost",
  "null",
];

describe("the CORS origin list format", () => {
  it.each(VALID)("accepts %s", (origin) => {
    expect(corsOriginProblem(origin)).toBeUndefined();
  });

  it("writes a list API Gateway accepts as a stage variable, and reads it back", () => {
    const written = formatCorsOrigins(VALID);
    expect(written).toMatch(STAGE_VARIABLE_VALUE);
    expect(parseCorsOrigins(written)).toEqual(VALID);
  });

  it("reads blanks and repeats leniently, and nothing as no origins", () => {
    expect(parseCorsOrigins(" null ,, capacitor://localhost,null ")).toEqual([
      "null",
      "capacitor://localhost",
    ]);
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins("")).toEqual([]);
  });

  it("refuses to write a bad origin", () => {
    expect(() => formatCorsOrigins(["https://ok.example", "https://*.example"])).toThrow(
      '"https://*.example" is not an origin: wildcards are not allowed',
    );
  });

  it("allows exactly the listed origins", () => {
    const allowed = new Set(["capacitor://localhost", "null"]);
    expect(allowedCorsOrigin("capacitor://localhost", allowed)).toBe("capacitor://localhost");
    expect(allowedCorsOrigin("null", allowed)).toBe("null");
    expect(allowedCorsOrigin("capacitor://localhost:80", allowed)).toBeUndefined();
    expect(allowedCorsOrigin(undefined, allowed)).toBeUndefined();
    expect(allowedCorsOrigin("null", new Set(["capacitor://localhost"]))).toBeUndefined();
  });

  it("adds Origin to Vary once", () => {
    expect(varyOnOrigin(undefined)).toBe("Origin");
    expect(varyOnOrigin("Accept-Encoding")).toBe("Accept-Encoding, Origin");
    expect(varyOnOrigin("accept-encoding, origin")).toBe("accept-encoding, origin");
    expect(varyOnOrigin("*")).toBe("*");
  });
});
