import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblemShape, type Harness, request, startHarness } from "./support/local-stage-harness.js";

describe("static folders on the local stage: the demo app at /app, versioned docs under /docs", () => {
  let harness: Harness;
  let root = "";

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "cellar-static-"));
    await mkdir(join(root, "app"));
    await writeFile(join(root, "app/index.html"), "<!doctype html><title>Demo</title>");
    await writeFile(join(root, "app/app.js"), "console.log('demo');");
    await writeFile(join(root, "secret.txt"), "outside the served folder");
    await mkdir(join(root, "docs/v1"), { recursive: true });
    await writeFile(join(root, "docs/index.gen.html"), "<!doctype html><title>All</title>");
    await writeFile(join(root, "docs/v1/index.gen.html"), "<!doctype html><title>v1 reference</title>");
    await writeFile(join(root, "docs/v1/sdk.gen.html"), "<!doctype html><title>v1 SDK</title>");
    await writeFile(join(root, "docs/v1/openapi.gen.json"), '{"openapi":"3.0.3"}');
    harness = await startHarness({ appDir: join(root, "app"), docsDir: join(root, "docs") });
  });
  afterAll(async () => {
    await harness.close();
    await rm(root, { recursive: true, force: true });
  });

  it("redirects /app to /app/ so relative asset URLs resolve, keeping the query", async () => {
    const response = await request(harness.port, "/app?lat=1");
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe("/app/?lat=1");
  });

  it("serves the app's index and assets with their content types", async () => {
    const index = await request(harness.port, "/app/");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(index.text).toContain("<title>Demo</title>");
    const script = await request(harness.port, "/app/app.js");
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.text).toBe("console.log('demo');");
    const head = await request(harness.port, "/app/app.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("serves each version's docs at /docs/<version>/, its SDK page and its spec, and the front page at /docs/", async () => {
    expect((await request(harness.port, "/docs/v1")).headers.location).toBe("/docs/v1/");
    expect((await request(harness.port, "/docs/v1/")).text).toContain("<title>v1 reference</title>");
    expect((await request(harness.port, "/docs/v1/sdk.html")).text).toContain("<title>v1 SDK</title>");
    // The files' own names work too.
    expect((await request(harness.port, "/docs/v1/sdk.gen.html")).text).toContain("<title>v1 SDK</title>");
    const spec = await request(harness.port, "/docs/v1/openapi.json");
    expect(spec.headers["content-type"]).toBe("application/json");
    expect(spec.json()).toEqual({ openapi: "3.0.3" });
    expect((await request(harness.port, "/docs")).headers.location).toBe("/docs/");
    expect((await request(harness.port, "/docs/")).text).toContain("<title>All</title>");
  });

  it.each([
    "/app/../secret.txt",
    "/app/%2e%2e/secret.txt",
    "/app/..%2fsecret.txt",
    "/app/%2e%2e%5csecret.txt",
    "/app/nothing.js",
    "/app/%E0%A4%A",
    "/docs/v9/",
    "/docs/nothing",
    "/docs/v1/nothing.html",
    "/docs/v1/nothing.json",
  ])("answers %s with a 404 problem, never a file outside the folder", async (path) => {
    const response = await request(harness.port, path);
    expect(response.status).toBe(404);
    expect(expectProblemShape(response).type).toBe("https://cellar.dev/problems/not-found");
  });

  it("only reads", async () => {
    const response = await request(harness.port, "/app/", { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
  });

  it("says how to build the app when its folder does not exist", async () => {
    const bare = await startHarness({ appDir: join(root, "not-built") });
    try {
      const response = await request(bare.port, "/app/");
      expect(response.status).toBe(404);
      expect(expectProblemShape(response).detail).toMatch(/npm run app:build/);
    } finally {
      await bare.close();
    }
  });
});
