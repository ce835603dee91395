/**
 * Baseline: getWinery as a bare Middy handler on the same database libraries as ours (kysely over a
 * pg pool, opened on first use), the same query and the same JSON, and nothing else, alone in its module.
 */
import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../src/db/tables/database.schema.js";

let db: Kysely<Database> | undefined;

export const getWinery = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
  db ??= new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 }),
    }),
  });
  const id = event.pathParameters?.wineryId ?? "";
  const row = await db.selectFrom("wineries").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return { statusCode: 404, headers: { "Content-Type": "application/json" }, body: "{}" };
  const reviews = Number(row.review_count);
  const body = {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    region: row.region,
    ...(row.website ? { website: row.website } : {}),
    averageRating: reviews === 0 ? 0 : Math.round((Number(row.rating_sum) / reviews) * 100) / 100,
    reviewCount: reviews,
    createdAt: row.created_at.toISOString(),
  };
  return { statusCode: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
});
