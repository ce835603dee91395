import type { ProbeTable } from "./probe-types.js";
import { favoritesV1Probes } from "./probes/favorites-v1.js";
import { favoritesV2Probes } from "./probes/favorites-v2.js";
import { importsV2Probes } from "./probes/imports-v2.js";
import { meV2Probes } from "./probes/me-v2.js";
import { pingProbes } from "./probes/ping.js";
import { reviewsV1Probes } from "./probes/reviews-v1.js";
import { reviewsV2Probes } from "./probes/reviews-v2.js";
import { wineriesV1Probes } from "./probes/wineries-v1.js";
import { wineriesV2Probes } from "./probes/wineries-v2.js";

/** Every probe, keyed by operationId and status. Add a case where the operation's area lives. */
export const probeTable: ProbeTable = mergeTables([
  pingProbes,
  wineriesV1Probes,
  reviewsV1Probes,
  favoritesV1Probes,
  wineriesV2Probes,
  reviewsV2Probes,
  favoritesV2Probes,
  meV2Probes,
  importsV2Probes,
]);

/** Merges the per-area tables; an operationId in two of them is a mistake worth failing for. */
export function mergeTables(tables: readonly ProbeTable[]): ProbeTable {
  const merged: ProbeTable = {};
  for (const table of tables) {
    for (const [operationId, probes] of Object.entries(table)) {
      if (merged[operationId]) throw new Error(`${operationId} has probes in two tables`);
      merged[operationId] = probes;
    }
  }
  return merged;
}
