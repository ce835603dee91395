// Set at build time (scripts/build.ts, esbuild `define`) to the app's own API key on the local
// stage (src/settings/api-keys.ts); a packaged app would take its key from its config instead.
declare const __CELLAR_APP_API_KEY__: string;

/** The app's partner key, sent as `x-api-key` by the SDK to every /v2 operation but ping. */
export const APP_API_KEY: string = __CELLAR_APP_API_KEY__;
