import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForLambda } from "../support/lambda-bundle.js";
import { type BodiesProject, generateBodiesProject, repoRoot } from "./support/bodies-project.js";

let project: BodiesProject;
beforeAll(async () => {
  project = await generateBodiesProject({ typecheck: false });
}, 120_000);
afterAll(() => {
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

/** A handler bundled as for Lambda (see test/bundle), unminified so the readers keep their names. */
async function bundle(entry: string): Promise<string> {
  const outfile = join(project.dir, "bundles", `${entry.replaceAll("/", "-")}.mjs`);
  return bundleForLambda(entry, outfile);
}

const handlerOf = (name: string) => join(project.dir, `src/handlers/${name}.handler.ts`);
const READERS = ["parseFormBody", "parseMultipartBody", "parseBinaryBody", "coerceBodyFields"];
/** The readers a bundle defines (as a const or a function), in READERS order. */
const readersIn = (code: string) =>
  READERS.filter((reader) => code.includes(`${reader} =`) || code.includes(`function ${reader}(`));

describe("body readers in Lambda bundles", () => {
  it("stay out of JSON-only handlers, the app's own included", async () => {
    for (const entry of [handlerOf("create-note"), join(repoRoot, "src/handlers/get-winery-v1.handler.ts")]) {
      expect(readersIn(readFileSync(await bundle(entry), "utf8"))).toEqual([]);
    }
  });

  it("are each bundled only with the operations that take their kind of body", async () => {
    expect(readersIn(readFileSync(await bundle(handlerOf("subscribe")), "utf8"))).toEqual([
      "parseFormBody",
      "coerceBodyFields",
    ]);
    expect(readersIn(readFileSync(await bundle(handlerOf("upload-photo")), "utf8"))).toEqual([
      "parseMultipartBody",
      "coerceBodyFields",
    ]);
    expect(readersIn(readFileSync(await bundle(handlerOf("put-blob")), "utf8"))).toEqual(["parseBinaryBody"]);
  });

  it("decode a base64 body, as API Gateway sends one of its binary media types, in the bundled handler", async () => {
    const bundlePath = await bundle(handlerOf("put-blob"));
    const script = join(project.dir, "invoke.mjs");
    writeFileSync(
      script,
      `const { handler } = await import(process.argv[2]);
const result = await handler(JSON.parse(process.argv[3]), { getRemainingTimeInMillis: () => 3000, awsRequestId: "b" });
process.stdout.write(JSON.stringify(result));`,
    );
    const bytes = Buffer.from([0, 1, 254, 255]);
    const event = {
      httpMethod: "PUT",
      path: "/v1/blobs/b-9",
      headers: { "Content-Type": "application/octet-stream" },
      pathParameters: { blobId: "b-9" },
      requestContext: {},
      body: bytes.toString("base64"),
      isBase64Encoded: true,
    };
    const output = execFileSync(process.execPath, [script, bundlePath, JSON.stringify(event)], {
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", NODE_ENV: "production" },
    });
    const result = JSON.parse(output.toString()) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      blobId: "b-9",
      size: 4,
      base64: bytes.toString("base64"),
    });
  });
});
