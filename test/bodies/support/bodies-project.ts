import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generate } from "../../../codegen/generate.js";
import { loadSpec } from "../../../codegen/spec.js";
import { writeOutput } from "../../../codegen/write-output.js";
import { typeErrors } from "../../support/type-errors.js";

export const repoRoot = resolve(import.meta.dirname, "../../..");

/** Handlers for `codegen/fixtures/request-bodies.yaml`: each answers with what it received. */
const HANDLERS: Record<string, string> = {
  "create-contact": `import { createContact } from "../generated/operations/createContact.gen.js";

export const handler = createContact(async ({ body }) => ({ status: 200, body }));
`,
  subscribe: `import { subscribe } from "../generated/operations/subscribe.gen.js";

export const handler = subscribe(async ({ body }) => ({ status: 200, body }));
`,
  "put-blob": `import { putBlob } from "../generated/operations/putBlob.gen.js";

export const handler = putBlob(async ({ path, body, event }) => {
  // The implementation is typed with a Buffer: these calls do not compile on a string.
  const bytes: Buffer = body;
  const contentType = Object.entries(event.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  return {
    status: 200,
    body: { blobId: path.blobId, size: bytes.byteLength, contentType: contentType ?? "", base64: bytes.toString("base64") },
  };
});
`,
  "upload-photo": `import { uploadPhoto } from "../generated/operations/uploadPhoto.gen.js";

export const handler = uploadPhoto(async ({ body }) => {
  const { photo } = body;
  return {
    status: 200,
    body: {
      filename: photo.filename,
      contentType: photo.contentType,
      size: photo.data.byteLength,
      caption: body.caption,
      ...(body.rating === undefined ? {} : { rating: body.rating }),
      ...(body.meta === undefined ? {} : { width: body.meta.width }),
    },
  };
});
`,
  "create-note": `import { createNote } from "../generated/operations/createNote.gen.js";

export const handler = createNote(async () => ({ status: 204, body: undefined }));
`,
  "save-filter": `import { saveFilter } from "../generated/operations/saveFilter.gen.js";

export const handler = saveFilter(async () => ({ status: 204, body: undefined }));
`,
};

export interface BodiesProject {
  dir: string;
  warnings: string[];
  gateway: Record<string, unknown>;
  /** `tsc --noEmit` diagnostics over the generated code, the handlers and the SDK; empty when it compiles (or unchecked). */
  typeErrors: string;
}

/**
 * The fixture generated into a folder inside the repo (so generated code resolves ajv and Middy
 * from node_modules), its handlers written, the whole typechecked.
 */
export async function generateBodiesProject({ typecheck = true } = {}): Promise<BodiesProject> {
  const dir = mkdtempSync(join(repoRoot, "tmp-bodies-"));
  const output = await generate(loadSpec(join(repoRoot, "codegen/fixtures/request-bodies.yaml")), {
    specName: "request-bodies.yaml",
    outDir: dir,
    sdkRuntimeDir: join(repoRoot, "sdk/src/runtime"),
  });
  writeOutput(dir, output);
  for (const [name, code] of Object.entries(HANDLERS)) {
    writeFileSync(join(dir, `src/handlers/${name}.handler.ts`), code);
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../tsconfig.json",
      include: ["src", "sdk"],
      compilerOptions: { types: ["node"] },
    }),
  );
  const gateway = JSON.parse(readFileSync(join(dir, "gateway/v1.gen.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return { dir, warnings: output.warnings, gateway, typeErrors: typecheck ? typeErrors(dir) : "" };
}
