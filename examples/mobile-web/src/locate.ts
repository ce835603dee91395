export interface Position {
  lat: number;
  lng: number;
}

/**
 * The device's position through the webview's geolocation API (Capacitor and Cordova map it to the
 * native one). Rejects with a readable reason when it is unavailable, denied or too slow, so the
 * caller can fall back to typed coordinates.
 */
export function locate(timeoutMs = 8_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error("Location is not available on this device."));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) =>
        reject(
          new Error(
            error.code === error.PERMISSION_DENIED
              ? "Location permission was denied."
              : "Location is unavailable.",
          ),
        ),
      { timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
