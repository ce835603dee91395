/**
 * Baseline: the same operation the usual Middy way, with JSON body parsing and @middy/validator,
 * whose schemas ajv compiles at runtime, when the module loads (what Cellar precompiles at codegen).
 */
import middy from "@middy/core";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import validator from "@middy/validator";
import { transpileSchema } from "@middy/validator/transpile";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { WINERY_ID, type WineryInput, type WineryV1, wineryFrom } from "../handlers/winery-fixture.js";
import { createWineryEventSchema, createWineryResponseSchema } from "./winery-json-schemas.js";

type ParsedEvent = Omit<APIGatewayProxyEvent, "body"> & { body: WineryInput };
type Unserialized = Omit<APIGatewayProxyResult, "body"> & { body: WineryV1 | string };

// `after` middlewares run in reverse order of `use`: this one runs last, once the response is validated.
const serializeBody: middy.MiddlewareObj<ParsedEvent, Unserialized> = {
  after: (request) => {
    if (request.response)
      request.response = { ...request.response, body: JSON.stringify(request.response.body) };
  },
};

export const createWinery = middy<ParsedEvent, Unserialized>()
  .use(serializeBody)
  .use(httpJsonBodyParser() as unknown as middy.MiddlewareObj<ParsedEvent, Unserialized>)
  .use(
    validator({
      eventSchema: transpileSchema(createWineryEventSchema),
      responseSchema: transpileSchema(createWineryResponseSchema),
    }) as middy.MiddlewareObj<ParsedEvent, Unserialized>,
  )
  .handler(async (event) => ({
    statusCode: 201,
    headers: { "Content-Type": "application/json", Location: `/v1/wineries/${WINERY_ID}` },
    body: wineryFrom(event.body),
  }));
