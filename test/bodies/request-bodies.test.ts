import { readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayDefinition } from "../../src/local/gateway-definition.js";
import { createLocalIssuer, localIssuerUrl } from "../../src/local/local-issuer.js";
import { createLocalStage } from "../../src/local/server.js";
import { type BodiesProject, generateBodiesProject } from "./support/bodies-project.js";

let project: BodiesProject;
let server: Server;
let origin = "";

beforeAll(async () => {
  project = await generateBodiesProject();
  const { handlers } = (await import(join(project.dir, "src/handlers/index.ts"))) as { handlers: object };
  let port = 0;
  const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
  server = createLocalStage({
    gateways: [{ basePath: "v1", definition: project.gateway as unknown as GatewayDefinition }],
    handlers,
    issuer,
    logger: { info: () => {}, error: () => {} },
    corsOrigins: ["http://localhost:3000"],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

const post = (path: string, body: BodyInit, contentType?: string, method = "POST") =>
  fetch(`${origin}${path}`, {
    method,
    body,
    ...(contentType ? { headers: { "content-type": contentType } } : {}),
  });

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { status: number; errors?: Array<{ path: string; message: string }> };
}

describe("generating a spec with non-JSON request bodies", () => {
  it("compiles: handlers get typed form fields, Buffers and uploaded files, the SDK typed inputs", () => {
    expect(project.typeErrors).toBe("");
  });

  it("warns, per operation, about each media type it cannot serve, and generates the rest", () => {
    expect(project.warnings).toHaveLength(3);
    expect(project.warnings[0]).toMatch(
      /^createNote \(POST \/v1\/notes\): request body application\/xml is not served/,
    );
    expect(project.warnings[1]).toMatch(
      /^createNote \(POST \/v1\/notes\): request body text\/plain is not served/,
    );
    expect(project.warnings[2]).toMatch(/^saveFilter \(POST \/v1\/filters\): .*deepObject/);
  });

  it("lists the byte bodies' media types as the gateway's binary media types, and keeps their bodies", () => {
    expect(project.gateway["x-amazon-apigateway-binary-media-types"]).toEqual([
      "application/octet-stream",
      "image/png",
      "multipart/form-data",
    ]);
    const paths = project.gateway.paths as Record<
      string,
      Record<string, { requestBody?: { content: object } }>
    >;
    expect(Object.keys(paths["/blobs/{blobId}"]!.put!.requestBody!.content)).toEqual([
      "application/octet-stream",
      "image/png",
    ]);
    expect(Object.keys(paths["/notes"]!.post!.requestBody!.content)).toEqual(["application/json"]);
    return expect(`${JSON.stringify(project.gateway, null, 2)}\n`).toMatchFileSnapshot(
      "../../codegen/__snapshots__/request-bodies.gateway.gen.json",
    );
  });

  it("passes the multipart reader to the wrapper, and types its file as an uploaded file (snapshot)", () => {
    const module = readFileSync(join(project.dir, "src/generated/operations/uploadPhoto.gen.ts"), "utf8");
    return expect(module).toMatchFileSnapshot(
      "../../codegen/__snapshots__/request-bodies.uploadPhoto.gen.ts.snap",
    );
  });
});

describe("a form body through the local stage", () => {
  it("reaches the handler with its fields coerced by the schema (repeated fields of an array collected)", async () => {
    const response = await post(
      "/v1/contacts",
      "name=Ann+Lee&age=41&subscribed=true&tags=red&tags=white",
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: "Ann Lee",
      age: 41,
      subscribed: true,
      tags: ["red", "white"],
    });
  });

  it("is validated like JSON: a bad field is a 400 naming it", async () => {
    const response = await post(
      "/v1/contacts",
      "name=Ann&age=old&extra=1",
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual(
      expect.arrayContaining([
        { path: "/body/age", message: "must be integer" },
        { path: "/body/extra", message: "is not allowed" },
      ]),
    );
  });

  it("refuses a scalar field sent twice", async () => {
    const response = await post(
      "/v1/contacts",
      "name=Ann&name=Bob&age=3",
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "/body/name", message: "must not be repeated" },
    ]);
  });

  it("keeps the JSON path of the same operation as it was", async () => {
    const response = await post("/v1/contacts", JSON.stringify({ name: "Ann", age: 41 }), "application/json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "Ann", age: 41 });
  });

  it("answers 415 for a media type the operation does not declare", async () => {
    const response = await post("/v1/contacts", "name=Ann", "text/plain");
    expect(response.status).toBe(415);
  });
});

describe("a binary body through the local stage", () => {
  const bytes = new Uint8Array([0, 255, 128, 10, 0xc3, 0x28]);

  it.each(["application/octet-stream", "image/png"])(
    "reaches the handler as the bytes sent (%s)",
    async (type) => {
      const response = await post("/v1/blobs/b-1", bytes, type, "PUT");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        blobId: "b-1",
        size: bytes.byteLength,
        contentType: type,
        base64: Buffer.from(bytes).toString("base64"),
      });
    },
  );

  it("still requires a body the spec requires", async () => {
    const response = await post("/v1/blobs/b-1", new Uint8Array(), "application/octet-stream", "PUT");
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([{ path: "/body", message: "is required" }]);
  });

  it("validates the parameters next to it", async () => {
    const response = await post("/v1/blobs/NOT_OK", bytes, "application/octet-stream", "PUT");
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors?.[0]?.path).toBe("/path/blobId");
  });

  it("answers 415 for a media type the operation does not declare", async () => {
    const response = await post("/v1/blobs/b-1", "text", "text/plain", "PUT");
    expect(response.status).toBe(415);
  });
});

describe("a multipart body through the local stage", () => {
  const photo = () =>
    new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255])], "cellar.png", { type: "image/png" });

  it("hands over the file part as { filename, contentType, data } and the fields coerced, a JSON part parsed", async () => {
    const form = new FormData();
    form.append("photo", photo());
    form.append("caption", "Barrel room");
    form.append("rating", "4");
    form.append("meta", JSON.stringify({ width: 640, camera: "X100" }));
    const response = await post("/v1/photos", form);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      filename: "cellar.png",
      contentType: "image/png",
      size: 6,
      caption: "Barrel room",
      rating: 4,
      width: 640,
    });
  });

  it("is validated by the schema: a missing file, a bad field, a bad JSON part, each named", async () => {
    const form = new FormData();
    form.append("caption", "Barrel room");
    form.append("rating", "9");
    form.append("meta", JSON.stringify({ width: 0 }));
    const response = await post("/v1/photos", form);
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual(
      expect.arrayContaining([
        { path: "/body/photo", message: "is required" },
        { path: "/body/rating", message: "must be <= 5" },
        { path: "/body/meta/width", message: "must be >= 1" },
      ]),
    );
  });

  it("refuses a text field where the spec wants a file, and a JSON part that is not JSON", async () => {
    const form = new FormData();
    form.append("photo", "not a file");
    form.append("caption", "c");
    form.append("meta", "{");
    const response = await post("/v1/photos", form);
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "/body/meta", message: "must be valid JSON" },
    ]);
    const second = new FormData();
    second.append("photo", "not a file");
    second.append("caption", "c");
    const answer = await post("/v1/photos", second);
    expect(answer.status).toBe(400);
    expect((await problemOf(answer)).errors).toEqual([{ path: "/body/photo", message: "must be object" }]);
  });

  it("answers 400 for a body that is not multipart at all", async () => {
    const response = await post("/v1/photos", "garbage", "multipart/form-data; boundary=xyz");
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "/body", message: "must be valid multipart/form-data" },
    ]);
  });
});

describe("media types the generator warned about", () => {
  it("are answered 415, while the operation's JSON body is served", async () => {
    expect((await post("/v1/notes", "a note", "text/plain")).status).toBe(415);
    expect((await post("/v1/notes", "<note/>", "application/xml")).status).toBe(415);
    expect((await post("/v1/notes", JSON.stringify({ text: "a note" }), "application/json")).status).toBe(
      204,
    );
    expect(
      (await post("/v1/filters", "where[region]=Napa", "application/x-www-form-urlencoded")).status,
    ).toBe(415);
  });
});

describe("the generated SDK", () => {
  async function client() {
    // Typed where it was compiled (the project's tsc run); here only its three methods are called.
    const sdk = (await import(join(project.dir, "sdk/src/generated/v1.gen.ts"))) as {
      createClient(options: {
        baseUrl: string;
        retry: false;
      }): Record<string, (input: unknown) => Promise<unknown>>;
    };
    const api = sdk.createClient({ baseUrl: origin, retry: false });
    return { subscribe: api.subscribe!, putBlob: api.putBlob!, uploadPhoto: api.uploadPhoto! };
  }

  it("sends a form body URL-encoded", async () => {
    const api = await client();
    const result = await api.subscribe({
      body: { email: "ann@example.com", weekly: true, topics: ["red", "rose"] },
    });
    expect(result).toEqual({ email: "ann@example.com", weekly: true, topics: ["red", "rose"] });
  });

  it("sends a binary body as the bytes, with its media type", async () => {
    const api = await client();
    const bytes = new Uint8Array([1, 2, 250, 0]);
    const result = await api.putBlob({ blobId: "b-2", body: bytes });
    expect(result).toEqual({
      blobId: "b-2",
      size: 4,
      contentType: "application/octet-stream",
      base64: Buffer.from(bytes).toString("base64"),
    });
  });

  it("sends a multipart body as FormData: files as file parts, objects as JSON parts", async () => {
    const api = await client();
    const photo = new File([new Uint8Array([7, 8, 9])], "vines.jpg", { type: "image/jpeg" });
    const result = await api.uploadPhoto({
      body: { photo, caption: "Vines", rating: 5, meta: { width: 12 } },
    });
    expect(result).toEqual({
      filename: "vines.jpg",
      contentType: "image/jpeg",
      size: 3,
      caption: "Vines",
      rating: 5,
      width: 12,
    });
  });
});
