import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const ALLOWED_ORIGIN = "https://app.cellar.example";
const REVEALING = ["server", "x-powered-by", "x-aspnet-version", "x-runtime", "via"];
const INTERNALS =
  /\n\s+at |\bat [\w.<>]+ \(|\.(?:ts|js|cjs|mjs):\d+|node_modules|\/work\/|postgres|kysely|pglite/i;

/**
 * Every kind of answer the stage gives (the handlers' and its own: routing, authorizer, body limits)
 * names no server software, carries no internals, and grants CORS only to the configured origin.
 * The fuzzer checks the same on every response it gets; this covers the answers it never asks for.
 */
describe("what the local stage discloses, on Postgres", () => {
  const stage = useStage(stageBackends.find((backend) => backend.name === "Postgres")!, {
    corsOrigins: [ALLOWED_ORIGIN],
  });
  let admin = "";
  beforeAll(async () => {
    admin = await stage().token("disclosure-admin", ["admin"]);
  });

  const requests = (): Array<{
    label: string;
    method: string;
    path: string;
    options?: Parameters<typeof call>[3];
  }> => [
    { label: "200", method: "GET", path: "/v1/ping" },
    {
      label: "201",
      method: "POST",
      path: "/v1/wineries",
      options: { token: admin, body: { name: "D", lat: 2, lng: 2, region: "R" } },
    },
    { label: "400 validation", method: "GET", path: "/v1/wineries?lat=north&lng=1" },
    {
      label: "400 malformed JSON",
      method: "POST",
      path: "/v1/wineries",
      options: { token: admin, rawBody: '{"name":' },
    },
    { label: "400 malformed path", method: "GET", path: "/v1/wineries/%E0%A4%A" },
    { label: "401", method: "GET", path: "/v2/me", options: { token: "not-a-jwt" } },
    { label: "403", method: "POST", path: "/v1/wineries", options: { token: "", body: {} } },
    { label: "404 route", method: "GET", path: "/v1/nothing-here" },
    { label: "404 resource", method: "GET", path: "/v1/wineries/3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45" },
    { label: "405", method: "DELETE", path: "/v1/wineries" },
    {
      label: "413",
      method: "POST",
      path: "/v1/wineries",
      options: { token: admin, rawBody: `{"name":"${"x".repeat(70_000)}"}` },
    },
    {
      label: "415",
      method: "POST",
      path: "/v1/wineries",
      options: { token: admin, rawBody: "{}", headers: { "Content-Type": "text/plain" } },
    },
  ];

  it("names no server software and carries no stack traces, paths or driver names in any answer", async () => {
    const user = await stage().token("disclosure-user");
    for (const { label, method, path, options } of requests()) {
      const withToken = label === "403" ? { ...options, token: user } : options;
      const response = await call(stage(), method, path, withToken);
      expect(String(response.status), label).toBe(label.slice(0, 3));
      for (const name of REVEALING) expect(response.headers.get(name), `${label} ${name}`).toBeNull();
      if (response.status >= 400) {
        expect(response.headers.get("content-type"), label).toBe("application/problem+json");
        expect(response.text, label).not.toMatch(INTERNALS);
      }
    }
  });

  it("grants CORS to the configured origin only, on successes and every kind of error", async () => {
    const user = await stage().token("disclosure-user");
    for (const { label, method, path, options } of requests()) {
      const withToken = label === "403" ? { ...options, token: user } : options;
      for (const origin of [
        ALLOWED_ORIGIN,
        "https://evil.example",
        "null",
        `${ALLOWED_ORIGIN}.evil.example`,
      ]) {
        const response = await call(stage(), method, path, {
          ...withToken,
          headers: { ...withToken?.headers, Origin: origin },
        });
        const granted = response.headers.get("access-control-allow-origin");
        expect(granted, `${label} from ${origin}`).toBe(origin === ALLOWED_ORIGIN ? ALLOWED_ORIGIN : null);
        expect(response.headers.get("access-control-allow-credentials"), label).toBeNull();
      }
    }
  });
});
