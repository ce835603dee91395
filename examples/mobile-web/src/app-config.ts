/**
 * `/config.json`: what the demo reads before anything else. The Site stack writes it next to the
 * deployed app (infra/stacks/site.stack.ts) and the local stage serves it (src/local/app-config-endpoint.ts);
 * both build it with this type, so the three cannot drift apart. No DOM or SDK types here: the
 * repository's tsc checks this file for the stack and the local stage.
 */
export interface AppConfig {
  /** The API's origin, without a version: the SDK's v2 client appends `/v2` itself. */
  apiBaseUrl: string;
  /** The user pool to sign in with; absent, the demo signs in through the local stage's `/_local/token`. */
  cognito?: CognitoConfig;
  /** The app's own `x-api-key` (the deployment's `app` tier); absent, the local stage's app key built into the demo. */
  apiKey?: string;
}

export interface CognitoConfig {
  region: string;
  userPoolId: string;
  /** The public app client (no secret) that allows USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. */
  clientId: string;
  /** Cognito's API at another address: cognito-local, locally. Absent: Cognito's own regional endpoint. */
  endpoint?: string;
}

export const APP_CONFIG_PATH = "/config.json";

/** The parts of `value` the demo can use; anything malformed is an error naming the field. */
export function parseAppConfig(value: unknown): AppConfig {
  const record = value as Record<string, unknown> | null;
  if (typeof record?.apiBaseUrl !== "string")
    throw new Error(`${APP_CONFIG_PATH}: apiBaseUrl must be a string`);
  if (record.apiKey !== undefined && typeof record.apiKey !== "string")
    throw new Error(`${APP_CONFIG_PATH}: apiKey must be a string`);
  const apiKey = record.apiKey === undefined ? {} : { apiKey: record.apiKey as string };
  const cognito = record.cognito as Record<string, unknown> | undefined;
  if (cognito === undefined) return { apiBaseUrl: record.apiBaseUrl, ...apiKey };
  for (const field of ["region", "userPoolId", "clientId"] as const) {
    if (typeof cognito?.[field] !== "string")
      throw new Error(`${APP_CONFIG_PATH}: cognito.${field} must be a string`);
  }
  if (cognito.endpoint !== undefined && typeof cognito.endpoint !== "string")
    throw new Error(`${APP_CONFIG_PATH}: cognito.endpoint must be a string`);
  return {
    apiBaseUrl: record.apiBaseUrl,
    cognito: {
      region: cognito.region as string,
      userPoolId: cognito.userPoolId as string,
      clientId: cognito.clientId as string,
      ...(cognito.endpoint === undefined ? {} : { endpoint: cognito.endpoint as string }),
    },
    ...apiKey,
  };
}

/**
 * Reads `/config.json` from the site that served the app. A site without one (a plain static
 * server) means the API is that same origin, with no user pool.
 */
export async function loadAppConfig(siteOrigin: string): Promise<AppConfig> {
  const response = await fetch(`${siteOrigin}${APP_CONFIG_PATH}`, { cache: "no-store" });
  if (response.status === 404) return { apiBaseUrl: siteOrigin };
  if (!response.ok) throw new Error(`${APP_CONFIG_PATH} could not be read (${response.status})`);
  return parseAppConfig(await response.json());
}
