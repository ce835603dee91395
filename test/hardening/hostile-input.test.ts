import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const MERGE_PATCH = { "Content-Type": "application/merge-patch+json" };
const SQL = `Robert'); DROP TABLE wineries; DROP TABLE reviews;-- "x" \\ %_ $1 ::text`;

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}
const errorPaths = (body: unknown) => ((body as Problem).errors ?? []).map((error) => error.path);

describe.each(stageBackends)("hostile input through the local stage on $name", (backend) => {
  const stage = useStage(backend);
  const tokens: Record<string, string> = {};
  let wineryId = "";

  beforeAll(async () => {
    tokens.admin = await stage().token("hostile-admin", ["admin"]);
    tokens.user = await stage().token(`hostile-user-${randomUUID()}`);
    const created = await call(stage(), "POST", "/v1/wineries", {
      token: tokens.admin,
      body: { name: "Hostile Cellars", lat: -40.1, lng: 150.2, region: "Hostile Region" },
    });
    expect(created.status).toBe(201);
    wineryId = (created.body as { id: string }).id;
  });

  it("treats query parameters and headers named after Object.prototype members as plain names", async () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
    const query = names.map((name) => `${name}=1`).join("&");
    const headers = Object.fromEntries(names.map((name) => [name, "x"]));
    for (const path of [
      "/v1/ping",
      `/v2/wineries?near=-40.1,150.2&${query}`,
      `/v1/wineries/${wineryId}?${query}`,
    ]) {
      const response = await call(stage(), "GET", path.includes("?") ? path : `${path}?${query}`, {
        headers,
      });
      expect(response.status, `${path}: ${response.text}`).toBe(200);
    }
    const created = await call(stage(), "POST", `/v2/wineries?${query}`, {
      token: tokens.admin,
      headers,
      body: { name: "Proto Cellars", location: { lat: -40.1, lng: 150.2 }, region: "R" },
    });
    expect(created.status, created.text).toBe(201);
  });

  it("refuses JSON members named __proto__, constructor or prototype at any depth, and pollutes nothing", async () => {
    const cases: Array<{
      method: string;
      path: string;
      json: string;
      at: string;
      headers?: Record<string, string>;
    }> = [];
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const member = `"${name}": {"polluted": true, "toString": null}`;
      cases.push(
        {
          method: "POST",
          path: "/v1/wineries",
          json: `{"name":"P","lat":1,"lng":1,"region":"R",${member}}`,
          at: `/body/${name}`,
        },
        {
          method: "POST",
          path: "/v2/wineries",
          json: `{"name":"P","location":{"lat":1,"lng":1,${member}},"region":"R"}`,
          at: `/body/location/${name}`,
        },
        {
          method: "PATCH",
          path: `/v2/wineries/${wineryId}`,
          json: `{"name":"P",${member}}`,
          at: `/body/${name}`,
          headers: MERGE_PATCH,
        },
        {
          method: "POST",
          path: `/v1/wineries/${wineryId}/reviews`,
          json: `{"rating":3,${member}}`,
          at: `/body/${name}`,
        },
        {
          method: "POST",
          path: `/v2/wineries/${wineryId}/reviews`,
          json: `{"rating":3,${member}}`,
          at: `/body/${name}`,
        },
      );
    }
    for (const testCase of cases) {
      const response = await call(stage(), testCase.method, testCase.path, {
        token: testCase.path.includes("reviews") ? tokens.user : tokens.admin,
        rawBody: testCase.json,
        ...(testCase.headers ? { headers: testCase.headers } : {}),
      });
      expect(response.status, `${testCase.method} ${testCase.path} ${testCase.json}`).toBe(400);
      expect(errorPaths(response.body)).toContain(testCase.at);
    }
    // The stage runs in this process: a polluted prototype would show up right here.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBeTypeOf("function");
    const winery = await call(stage(), "GET", `/v2/wineries/${wineryId}`);
    expect((winery.body as { name: string }).name).toBe("Hostile Cellars");
  });

  it("refuses NUL characters and unpaired surrogates in text with a 400 naming the field, storing nothing", async () => {
    const near = "-40.1,150.2";
    const before = await call(stage(), "GET", `/v2/wineries?near=${near}&limit=100`);
    for (const bad of ["\u0000", "\ud800", "\udfff"]) {
      const text = `bad${bad}text`;
      const cases = [
        {
          method: "POST",
          path: "/v1/wineries",
          body: { name: text, lat: -40.1, lng: 150.2, region: "R" },
          at: "/body/name",
        },
        {
          method: "POST",
          path: "/v1/wineries",
          body: { name: "N", lat: -40.1, lng: 150.2, region: text },
          at: "/body/region",
        },
        {
          method: "POST",
          path: "/v2/wineries",
          body: { name: text, location: { lat: -40.1, lng: 150.2 }, region: "R" },
          at: "/body/name",
        },
        { method: "PATCH", path: `/v2/wineries/${wineryId}`, body: { region: text }, at: "/body/region" },
        {
          method: "POST",
          path: `/v1/wineries/${wineryId}/reviews`,
          body: { rating: 2, text },
          at: "/body/text",
        },
        {
          method: "POST",
          path: `/v2/wineries/${wineryId}/reviews`,
          body: { rating: 2, text },
          at: "/body/text",
        },
      ];
      for (const testCase of cases) {
        const response = await call(stage(), testCase.method, testCase.path, {
          token: testCase.path.includes("reviews") ? tokens.user : tokens.admin,
          body: testCase.body,
          ...(testCase.method === "PATCH" ? { headers: MERGE_PATCH } : {}),
        });
        expect(
          response.status,
          `${testCase.method} ${testCase.path} ${JSON.stringify(testCase.body)}: ${response.text}`,
        ).toBe(400);
        expect(errorPaths(response.body)).toContain(testCase.at);
      }
    }
    const after = await call(stage(), "GET", `/v2/wineries?near=${near}&limit=100`);
    expect((after.body as { items: unknown[] }).items).toHaveLength(
      (before.body as { items: unknown[] }).items.length,
    );
    const reviews = await call(stage(), "GET", `/v1/wineries/${wineryId}/reviews`);
    expect(reviews.body).toEqual([]);
  });

  it("refuses to mint local tokens for subjects no database can store", async () => {
    for (const sub of ["nul\u0000sub", "half\ud800"]) {
      const response = await call(stage(), "POST", "/_local/token", { body: { sub } });
      expect(response.status, JSON.stringify(sub)).toBe(400);
    }
    const groups = await call(stage(), "POST", "/_local/token", {
      body: { sub: "ok", groups: ["adm\u0000in"] },
    });
    expect(groups.status).toBe(400);
  });

  it("stores SQL metacharacters and odd Unicode verbatim in every string field, the caller's identity included", async () => {
    const sub = `o'brien"; DELETE FROM favorites;-- ${randomUUID()}`;
    const email = "o'brien+%_--@example.com";
    const caller = await stage().token(sub, [], email);
    const text = `${SQL} 👩‍👩‍👧‍👦 \u202e e\u0301 \u2028`;
    const website = "https://x.example/?q=';DROP%20TABLE%20wineries;--&a=$1";
    const v1 = await call(stage(), "POST", "/v1/wineries", {
      token: tokens.admin,
      body: { name: text, lat: -41.5, lng: 151.5, region: SQL, website },
    });
    expect(v1.status, v1.text).toBe(201);
    const id = (v1.body as { id: string }).id;
    expect(await call(stage(), "GET", `/v1/wineries/${id}`)).toMatchObject({
      body: { name: text, region: SQL, website },
    });

    const v2 = await call(stage(), "POST", "/v2/wineries", {
      token: tokens.admin,
      headers: { "Idempotency-Key": "sql-test:'--" },
      body: { name: SQL, location: { lat: -41.5, lng: 151.5 }, region: text },
    });
    expect(v2.status, v2.text).toBe(400); // the key's pattern refuses quotes; the body never reaches SQL
    const patched = await call(stage(), "PATCH", `/v2/wineries/${id}`, {
      token: tokens.admin,
      headers: MERGE_PATCH,
      body: { name: SQL, region: text },
    });
    expect(patched.body).toMatchObject({ name: SQL, region: text });

    const review = await call(stage(), "POST", `/v2/wineries/${id}/reviews`, {
      token: caller,
      body: { rating: 4, text },
    });
    expect(review.status, review.text).toBe(201);
    expect(review.body).toMatchObject({ author: { id: sub }, text });
    const listed = await call(stage(), "GET", `/v1/wineries/${id}/reviews`);
    expect(listed.body).toMatchObject([{ userId: sub, text }]);

    expect((await call(stage(), "PUT", `/v2/me/favorites/${id}`, { token: caller })).status).toBe(204);
    const me = await call(stage(), "GET", "/v2/me", { token: caller });
    expect(me.body).toMatchObject({ id: sub, email, favoritesCount: 1, reviewsCount: 1 });
    const favorites = await call(stage(), "GET", "/v2/me/favorites", { token: caller });
    expect(
      (favorites.body as { items: Array<{ winery: { id: string } }> }).items.map((f) => f.winery.id),
    ).toEqual([id]);
    // Another caller's view is untouched, and every table is still there.
    expect((await call(stage(), "GET", "/v1/me/favorites", { token: tokens.user })).body).toEqual([]);
    expect((await call(stage(), "GET", `/v1/wineries/${wineryId}`)).status).toBe(200);
  });

  // Known PGlite 0.5 defect (dev and tests only; production is Postgres): its wire reader decodes each
  // text value with a default TextDecoder, which drops a leading U+FEFF. Stored intact, read back
  // without it. `it.fails` keeps it visible: this turns red the day PGlite fixes it.
  (backend.name === "PGlite" ? it.fails : it)(
    "reads back text that starts with a byte order mark unchanged",
    async () => {
      const name = "\ufeffBOM first";
      const created = await call(stage(), "POST", "/v1/wineries", {
        token: tokens.admin,
        body: { name, lat: 1, lng: 1, region: "R" },
      });
      expect((created.body as { name: string }).name).toBe(name);
    },
  );

  it("takes coordinates too small to matter (subnormal, 1e-300) without breaking searches or later writes", async () => {
    // Postgres raises "value out of range: underflow" when float math rounds a nonzero product to 0,
    // in the haversine query and in the GiST index's own area arithmetic alike.
    const tiny = [5e-324, -5e-324, 1e-300, -2.2e-308, 1e-160];
    for (const [i, lat] of tiny.entries()) {
      const lng = tiny[(i + 1) % tiny.length]!;
      const v1 = await call(stage(), "POST", "/v1/wineries", {
        token: tokens.admin,
        body: { name: `Tiny ${i}`, lat, lng, region: "R" },
      });
      expect(v1.status, v1.text).toBe(201);
      const v2 = await call(stage(), "POST", "/v2/wineries", {
        token: tokens.admin,
        body: { name: `Tiny v2 ${i}`, location: { lat: lng, lng: lat }, region: "R" },
      });
      expect(v2.status, v2.text).toBe(201);
      const patched = await call(stage(), "PATCH", `/v2/wineries/${(v2.body as { id: string }).id}`, {
        token: tokens.admin,
        headers: MERGE_PATCH,
        body: { location: { lat, lng } },
      });
      expect(patched.status, patched.text).toBe(200);
    }
    for (const path of [
      "/v1/wineries?lat=-5e-324&lng=1e-300&radiusKm=1",
      "/v1/wineries?lat=0&lng=0&radiusKm=0.1",
      `/v2/wineries?near=0.${"0".repeat(25)}1,-0.${"0".repeat(25)}1&radius=1`,
      "/v2/wineries?near=0,0&radius=500000&limit=100",
    ]) {
      const response = await call(stage(), "GET", path);
      expect(response.status, `${path}: ${response.text}`).toBe(200);
    }
    const near = await call(stage(), "GET", "/v1/wineries?lat=0&lng=0&radiusKm=1&limit=100");
    expect((near.body as Array<{ name: string }>).map((w) => w.name)).toEqual(
      expect.arrayContaining(["Tiny 0", "Tiny v2 4"]),
    );
    const after = await call(stage(), "POST", "/v1/wineries", {
      token: tokens.admin,
      body: { name: "After", lat: 0, lng: 0, region: "R" },
    });
    expect(after.status, after.text).toBe(201);
  });

  it("answers cursors with forged members by 400 naming the cursor, never by a server error", async () => {
    const reviewer = await stage().token(`cursor-${randomUUID()}`);
    for (const rating of [3, 4]) {
      const other = await stage().token(`cursor-${randomUUID()}`);
      await call(stage(), "POST", `/v2/wineries/${wineryId}/reviews`, { token: other, body: { rating } });
    }
    const second = await call(stage(), "POST", "/v1/wineries", {
      token: tokens.admin,
      body: { name: "Second", lat: -40.1001, lng: 150.2, region: "R" },
    });
    for (const id of [wineryId, (second.body as { id: string }).id]) {
      await call(stage(), "PUT", `/v2/me/favorites/${id}`, { token: reviewer });
    }
    const lists = [
      { path: "/v2/wineries?near=-40.1,150.2&limit=1", token: undefined },
      { path: `/v2/wineries/${wineryId}/reviews?limit=1`, token: undefined },
      { path: "/v2/me/favorites?limit=1", token: reviewer },
    ];
    for (const list of lists) {
      const first = await call(stage(), "GET", list.path, list.token ? { token: list.token } : {});
      const cursor = (first.body as { nextCursor: string | null }).nextCursor;
      expect(cursor, list.path).toBeTypeOf("string");
      const decoded = JSON.parse(Buffer.from(cursor!, "base64url").toString("utf8")) as {
        k: Record<string, unknown>;
      };
      for (const [member, value] of Object.entries(decoded.k)) {
        const forgeries =
          typeof value === "number"
            ? [-1, 1e308, "1"]
            : ["not-a-uuid", "-271821-04-20T00:00:00.000Z", "' OR 1=1--"];
        for (const forged of forgeries) {
          const tampered = Buffer.from(
            JSON.stringify({ ...decoded, k: { ...decoded.k, [member]: forged } }),
          ).toString("base64url");
          const response = await call(
            stage(),
            "GET",
            `${list.path}&cursor=${tampered}`,
            list.token ? { token: list.token } : {},
          );
          const what = `${list.path} with ${member} = ${JSON.stringify(forged)}: ${response.text}`;
          if (response.status === 200) continue; // still a sensible position (e.g. a huge distance): an empty page
          expect(response.status, what).toBe(400);
          expect(errorPaths(response.body), what).toContain("/query/cursor");
        }
      }
    }
  });
});
