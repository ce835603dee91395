import type { ServerResponse } from "node:http";
import type { AppConfig, CognitoConfig } from "../../examples/mobile-web/src/app-config.js";

export { APP_CONFIG_PATH } from "../../examples/mobile-web/src/app-config.js";

/**
 * The demo app's `/config.json`, as the Site stack writes it for a deployment: the API is this
 * stage's own origin (the demo is served from it, at /app/), and the pool the stage trusts, if any.
 * Without one the demo signs in through `/_local/token`.
 */
export function localAppConfig(origin: string, cognito: CognitoConfig | undefined): AppConfig {
  return { apiBaseUrl: origin, ...(cognito ? { cognito } : {}) };
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
