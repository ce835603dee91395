import { randomUUID } from "node:crypto";
import type { NewWinery } from "../../src/db/winery.repository.js";

let sequence = 0;

/** A valid winery in the Napa Valley with a unique name; override what the test is about. */
export function newWinery(overrides: Partial<NewWinery> = {}): NewWinery {
  sequence += 1;
  return { name: `Test Winery ${sequence}`, lat: 38.5, lng: -122.4, region: "Napa Valley", ...overrides };
}

/** A user id no other test uses, so tests sharing one database do not see each other's rows. */
export function newUserId(): string {
  return `user-${randomUUID()}`;
}
