/** Mean earth radius (IUGG), the sphere the haversine distances are computed on. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

export interface LatLngBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

// Widen every edge a little (~1 cm) so float rounding never drops a point that lies exactly on the radius.
const EDGE_MARGIN_DEGREES = 1e-7;

/**
 * The boxes (one, or two when the circle crosses the antimeridian) that contain every point within
 * `radiusMeters` of the centre on the sphere. When the circle reaches a pole every longitude is
 * included. Longitude half-width is asin(sin(d)/cos(lat)), the exact extent of a spherical cap
 * (see Matuschek, "Finding Points Within a Distance of a Latitude/Longitude Using Bounding Coordinates").
 */
export function boundingBoxes(lat: number, lng: number, radiusMeters: number): LatLngBox[] {
  const angularRadius = radiusMeters / EARTH_RADIUS_METERS;
  const latDelta = toDegrees(angularRadius) + EDGE_MARGIN_DEGREES;
  const minLat = lat - latDelta;
  const maxLat = lat + latDelta;
  if (minLat <= -90 || maxLat >= 90) {
    return [{ minLat: Math.max(minLat, -90), maxLat: Math.min(maxLat, 90), minLng: -180, maxLng: 180 }];
  }

  const lngDelta =
    toDegrees(Math.asin(Math.sin(angularRadius) / Math.cos(toRadians(lat)))) + EDGE_MARGIN_DEGREES;
  const minLng = lng - lngDelta;
  const maxLng = lng + lngDelta;
  if (lngDelta >= 180) return [{ minLat, maxLat, minLng: -180, maxLng: 180 }];
  if (minLng < -180) {
    return [
      { minLat, maxLat, minLng: minLng + 360, maxLng: 180 },
      { minLat, maxLat, minLng: -180, maxLng },
    ];
  }
  if (maxLng > 180) {
    return [
      { minLat, maxLat, minLng, maxLng: 180 },
      { minLat, maxLat, minLng: -180, maxLng: maxLng - 360 },
    ];
  }
  return [{ minLat, maxLat, minLng, maxLng }];
}

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

function toDegrees(radians: number): number {
  return (radians * 180) / Math.PI;
}
