/** Baseline: the same operations as a bare Middy handler that parses and serializes JSON and nothing else. */
import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { nearbyPage } from "../handlers/winery-fixture.js";

export { createWinery } from "./bare-middy-create-winery.js";

export const listWineries = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
  const limit = Number(event.queryStringParameters?.limit ?? 20);
  return {
    statusCode: 200,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(nearbyPage(limit)),
  };
});
