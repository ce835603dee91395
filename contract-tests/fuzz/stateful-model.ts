import fc from "fast-check";
import { type GeoPoint, offsetKm } from "../setup/run-id.js";
import type { TokenRole } from "../setup/tokens.js";
import {
  CheckFavorites,
  CheckMe,
  CheckReviews,
  CheckWinery,
  type Command,
  CreateReview,
  DeleteDeletedReview,
  DeleteFavorite,
  DeleteReview,
  type Model,
  PutFavorite,
  type Real,
} from "./stateful-commands.js";

const ROLES: readonly TokenRole[] = ["user", "otherUser", "admin"];
/** Fresh wineries per model run, so their rating summaries start from nothing. */
export const MODEL_WINERIES = 2;

/**
 * Sequences of favorites and reviews by three callers, compared after every step with a model of
 * what the API must hold: create -> read -> delete -> read again, use after delete, and each
 * caller's view excluding everyone else's data.
 */
export function commandsArbitrary(maxCommands: number): fc.Arbitrary<Iterable<Command>> {
  const role = fc.constantFrom(...ROLES);
  const winery = fc.nat({ max: MODEL_WINERIES - 1 });
  const version = fc.constantFrom(1 as const, 2 as const);
  return fc.commands(
    [
      fc.tuple(role, winery, version).map(([r, w, v]) => new PutFavorite(r, w, v)),
      fc.tuple(role, winery, version).map(([r, w, v]) => new DeleteFavorite(r, w, v)),
      fc.tuple(role, version).map(([r, v]) => new CheckFavorites(r, v)),
      fc
        .tuple(role, winery, fc.integer({ min: 1, max: 5 }), version)
        .map(([r, w, rating, v]) => new CreateReview(r, w, rating, v)),
      fc.tuple(role, role, winery).map(([actor, author, w]) => new DeleteReview(actor, author, w)),
      fc.tuple(role, fc.nat()).map(([actor, pick]) => new DeleteDeletedReview(actor, pick)),
      fc.tuple(winery, version).map(([w, v]) => new CheckWinery(w, v)),
      winery.map((w) => new CheckReviews(w)),
      role.map((r) => new CheckMe(r)),
    ],
    { maxCommands },
  );
}

export interface ModelSetupOptions {
  call: Real["call"];
  location: GeoPoint;
  runId: string;
}

/** Creates this run's wineries and reads each caller's starting counts. */
export async function setupModelRun({
  call,
  location,
  runId,
}: ModelSetupOptions): Promise<{ model: Model; real: Real }> {
  const wineryIds: string[] = [];
  for (let i = 0; i < MODEL_WINERIES; i++) {
    const created = await call("createWineryV1", "POST", "/v1/wineries", "admin", {
      body: { name: `Fuzz ${runId} model ${i}`, ...offsetKm(location, 2 + i), region: "Fuzz Region" },
    });
    if (created.status !== 201) throw new Error(`model setup: creating a winery answered ${created.status}`);
    wineryIds.push((created.json as { id: string }).id);
  }
  const baseline = {} as Real["baseline"];
  for (const role of ROLES) {
    const me = await call("getMeV2", "GET", "/v2/me", role);
    baseline[role] = me.json as { favoritesCount: number; reviewsCount: number };
  }
  const model: Model = {
    favorites: { user: new Set(), otherUser: new Set(), admin: new Set() },
    reviews: Array.from({ length: MODEL_WINERIES }, () => new Map()),
    deleted: [],
  };
  return { model, real: { wineryIds, baseline, call } };
}
