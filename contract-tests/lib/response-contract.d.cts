// Types for response-contract.cjs.
import type { OpenApiResponse, SpecOperation } from "./openapi-document.cjs";
import type { SchemaValidator } from "./schema-validator.cjs";

export interface ResponseUnderTest {
  operation: SpecOperation;
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  bodyText: string;
  validator: Pick<SchemaValidator, "validate">;
}

/** What is wrong with the response; empty when it conforms to the spec. */
export declare function checkResponse(response: ResponseUnderTest): string[];
export declare function documentedResponse(
  operation: SpecOperation,
  status: number,
): OpenApiResponse | undefined;
export declare function mediaTypeOf(contentType: string | undefined): string | undefined;
export declare function isJsonMediaType(mediaType: string | undefined): boolean;
