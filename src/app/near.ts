import { validationFailed } from "@cellar/runtime";

/** v2's `near=lat,lng`: the spec's pattern checks the shape, this checks the ranges. */
export function parseNear(near: string): { lat: number; lng: number } {
  const [lat, lng] = near.split(",").map(Number);
  const errors = [];
  if (lat === undefined || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    errors.push({ path: "/query/near", message: "latitude must be between -90 and 90" });
  }
  if (lng === undefined || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    errors.push({ path: "/query/near", message: "longitude must be between -180 and 180" });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { lat: lat!, lng: lng! };
}
