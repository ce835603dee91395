import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "./spec.js";

/** TypeScript types for the whole spec, through openapi-typescript's programmatic API (no CLI spawn). */
export async function emitTypes(doc: OpenApiDocument): Promise<string> {
  // openapi-typescript mutates and annotates its input; give it a private copy.
  const nodes = await openapiTS(structuredClone(doc) as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    silent: true,
  });
  return astToString(nodes);
}
