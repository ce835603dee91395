// Types for schema-validator.cjs.
import type { JsonObject, OpenApiDocument } from "./openapi-document.cjs";

export interface SchemaValidator {
  /** The JSON Schema the suite validates against. */
  convert(schema: JsonObject): JsonObject;
  /** One message per violation; empty when the value conforms. */
  validate(schema: JsonObject, value: unknown): string[];
}

export declare const SPEC_SCHEMA_ID: string;
export declare function createSchemaValidator(doc: OpenApiDocument): SchemaValidator;
