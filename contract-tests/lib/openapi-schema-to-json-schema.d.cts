// Types for openapi-schema-to-json-schema.cjs.
import type { JsonObject } from "./openapi-document.cjs";

export declare function toJsonSchema(schema: unknown, rewriteRef: (ref: string) => string): JsonObject;
