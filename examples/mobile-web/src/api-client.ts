import { type Client, createClient } from "@cellar/sdk/v2";
import { APP_API_KEY } from "./api-key.js";
import type { AppConfig } from "./app-config.js";

/**
 * The demo's one SDK client: everything the API needs from every request (base URL, token, and
 * whatever else a deployment asks for) is set here and nowhere else.
 */
export function createApiClient(
  config: AppConfig,
  auth: { getToken(): string | undefined; refreshToken(): Promise<string | undefined> },
): Client {
  return createClient({
    baseUrl: config.apiBaseUrl,
    apiKey: config.apiKey ?? APP_API_KEY,
    getToken: auth.getToken,
    refreshToken: auth.refreshToken,
    timeoutMs: 10_000,
  });
}
