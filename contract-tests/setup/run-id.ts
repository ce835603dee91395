import { randomBytes } from "node:crypto";

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Short and unique enough to keep runs apart on a shared stage: token subjects, names, keys. */
export function createRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/**
 * A random point in the Southern Ocean (latitude -47..-57): no real winery, and most likely no other
 * run, lies within a few kilometers, so searches around it return this run's fixtures. Four decimals
 * keep `near=lat,lng` short.
 */
export function randomRemoteLocation(random: () => number = Math.random): GeoPoint {
  const lat = -47 - random() * 10;
  const lng = -179 + random() * 358;
  return { lat: round(lat), lng: round(lng) };
}

/**
 * Fresh points for one run: a random start in the Southern Ocean, then steps of 0.3 degrees of
 * longitude (about 20 km there), so no two probes of a run ever search around each other's data.
 */
export function locationSequence(random: () => number = Math.random): () => GeoPoint {
  const start = randomRemoteLocation(random);
  let step = 0;
  return () => {
    const lng = ((start.lng + 180 + 0.3 * step++) % 360) - 180;
    return { lat: start.lat, lng: round(lng) };
  };
}

/** A point `km` kilometers north-east of `origin` (good enough away from the poles). */
export function offsetKm(origin: GeoPoint, km: number): GeoPoint {
  const dLat = km / Math.SQRT2 / 111.32;
  const dLng = km / Math.SQRT2 / (111.32 * Math.cos((origin.lat * Math.PI) / 180));
  return { lat: round(origin.lat + dLat), lng: round(origin.lng + dLng) };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
