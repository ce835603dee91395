/**
 * The contract of createWineryV1 (openapi.yaml: WineryCreate in, WineryV1 out) as plain JSON Schema,
 * the way a Middy project without codegen would write it by hand for @middy/validator.
 */
const wineryCreate = {
  type: "object",
  additionalProperties: false,
  required: ["name", "lat", "lng", "region"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    lat: { type: "number", minimum: -90, maximum: 90 },
    lng: { type: "number", minimum: -180, maximum: 180 },
    region: { type: "string", minLength: 1, maxLength: 100 },
    website: { type: "string", format: "uri", maxLength: 2048 },
  },
};

const wineryV1 = {
  type: "object",
  required: ["id", "name", "lat", "lng", "region", "averageRating", "reviewCount", "createdAt"],
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string", minLength: 1, maxLength: 200 },
    lat: { type: "number", minimum: -90, maximum: 90 },
    lng: { type: "number", minimum: -180, maximum: 180 },
    region: { type: "string", minLength: 1, maxLength: 100 },
    website: { type: "string", format: "uri", maxLength: 2048 },
    averageRating: { type: "number", minimum: 0, maximum: 5 },
    reviewCount: { type: "integer", minimum: 0 },
    createdAt: { type: "string", format: "date-time" },
  },
};

export const createWineryEventSchema = {
  type: "object",
  required: ["body"],
  properties: { body: wineryCreate },
};

export const createWineryResponseSchema = {
  type: "object",
  required: ["statusCode", "body"],
  properties: { statusCode: { type: "integer", enum: [201] }, body: wineryV1 },
};
