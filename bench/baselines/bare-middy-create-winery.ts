/** Baseline: createWinery as a bare Middy handler that parses and serializes JSON and nothing else, alone in its module. */
import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { WINERY_ID, type WineryInput, wineryFrom } from "../handlers/winery-fixture.js";

export const createWinery = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
  const input = JSON.parse(event.body ?? "null") as WineryInput;
  return {
    statusCode: 201,
    headers: { "Content-Type": "application/json", Location: `/v1/wineries/${WINERY_ID}` },
    body: JSON.stringify(wineryFrom(input)),
  };
});
