/**
 * What every variant of the benchmarked handler answers, so that the generated wrapper and the
 * baselines do the same business work and differ only in what surrounds it.
 */
export const WINERY_ID = "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45";
const CREATED_AT = "2024-03-14T09:26:53.000Z";

export interface WineryInput {
  name: string;
  lat: number;
  lng: number;
  region: string;
  website?: string;
}

export interface WineryV1 extends WineryInput {
  id: string;
  averageRating: number;
  reviewCount: number;
  createdAt: string;
}

export type WineryNearV1 = WineryV1 & { distanceKm: number };

export function wineryFrom(input: WineryInput): WineryV1 {
  return {
    id: WINERY_ID,
    name: input.name,
    lat: input.lat,
    lng: input.lng,
    region: input.region,
    ...(input.website ? { website: input.website } : {}),
    averageRating: 0,
    reviewCount: 0,
    createdAt: CREATED_AT,
  };
}

/** A small body: what a mobile client sends to create a winery. */
export const SMALL_WINERY: WineryInput = {
  name: "Marrow Creek Cellars",
  lat: 38.5,
  lng: -122.4,
  region: "Napa Valley",
  website: "https://marrowcreek.example",
};

/** The largest body the contract accepts for the same operation: every string at its maxLength. */
export const LARGE_WINERY: WineryInput = {
  name: "N".repeat(200),
  lat: -33.9,
  lng: 18.86,
  region: "R".repeat(100),
  website: `https://${"w".repeat(2048 - "https://.example".length)}.example`,
};

const pages = new Map<number, WineryNearV1[]>();

/** A page of nearby wineries, built once per size so that the benches time the wrapper, not this. */
export function nearbyPage(size: number): WineryNearV1[] {
  let page = pages.get(size);
  if (!page) {
    page = Array.from({ length: size }, (_, index) => ({
      ...wineryFrom({
        name: `Winery ${index}`,
        lat: 38.5 + index / 1000,
        lng: -122.4 - index / 1000,
        region: "Napa Valley",
        website: `https://winery-${index}.example`,
      }),
      id: `3f2b8c1e-5d4a-4e7b-9c2d-${String(index).padStart(12, "0")}`,
      averageRating: (index % 50) / 10,
      reviewCount: index,
      distanceKm: index / 10,
    }));
    pages.set(size, page);
  }
  return page;
}
