import type { ServerResponse } from "node:http";
import type { AppConfig, CognitoConfig } from "../../examples/mobile-web/src/app-config.js";

export { APP_CONFIG_PATH } from "../../examples/mobile-web/src/app-config.js";

/** How long cognito-local may take to answer its health check before the demo is told to do without it. */
const EMULATOR_PROBE_MS = 1_000;

/**
 * The demo app's `/config.json`, as the Site stack writes it for a deployment: the API is this
 * stage's own origin (the demo is served from it, at /app/), and the pool the stage trusts, if any
 * and, for an emulator, if it is running. Without one the demo signs in through `/_local/token`.
 */
export async function localAppConfig(origin: string, cognito: CognitoConfig | undefined): Promise<AppConfig> {
  const usable = cognito && (cognito.endpoint === undefined || (await emulatorAnswers(cognito.endpoint)));
  return { apiBaseUrl: origin, ...(usable ? { cognito } : {}) };
}

/** cognito-local answers `GET /health`; anything else (refused, timed out, an error) counts as down. */
async function emulatorAnswers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(EMULATOR_PROBE_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export function sendAppConfig(res: ServerResponse, config: AppConfig): void {
  const payload = Buffer.from(JSON.stringify(config));
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json");
  // Settings change when the stage restarts with others; a stale copy would sign in to the wrong pool.
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", payload.length);
  res.end(payload);
}
