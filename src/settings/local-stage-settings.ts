import { type Environment, InvalidSettingError, integerSetting, rawSetting } from "@cellar/runtime";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";

export const DEFAULT_PORT = 3000;
/** Loopback only: the stage mints tokens for anyone who asks, so it must not be reachable from the network. */
export const DEFAULT_HOST = "127.0.0.1";
/** cognito-local's pool ids (`local_…`) carry no region; its tokens name none either. */
export const DEFAULT_COGNITO_REGION = "us-east-1";

/** What only the local stage (`npm start`) reads. */
export interface LocalStageSettings {
  /** `PORT`: 0 lets the system pick one. */
  port: number;
  /** `HOST`. */
  host: string;
  /** `DATA_DIR`: where the stage keeps its signing key. */
  dataDir: string;
  /**
   * `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`, `COGNITO_ENDPOINT` (cognito-local's address; unset,
   * the real Cognito) and `COGNITO_REGION`: a user pool whose ID tokens the stage trusts besides its
   * own, and that `/config.json` tells the demo app to sign in with.
   */
  cognito?: CognitoConfig;
}

export function readLocalStageSettings(
  env: Environment = process.env,
  defaultDataDir = ".data",
): LocalStageSettings {
  const cognito = readCognitoSettings(env);
  return {
    port: integerSetting(env, "PORT", { min: 0, max: 65_535 }, DEFAULT_PORT),
    host: rawSetting(env, "HOST") ?? DEFAULT_HOST,
    dataDir: rawSetting(env, "DATA_DIR") ?? defaultDataDir,
    ...(cognito ? { cognito } : {}),
  };
}

/** A pool needs both its id and its app client's; either alone is a mistake, not "no pool". */
function readCognitoSettings(env: Environment): CognitoConfig | undefined {
  const userPoolId = rawSetting(env, "COGNITO_USER_POOL_ID");
  const clientId = rawSetting(env, "COGNITO_CLIENT_ID");
  const endpoint = rawSetting(env, "COGNITO_ENDPOINT");
  if (userPoolId === undefined && clientId === undefined) {
    if (endpoint !== undefined)
      throw new InvalidSettingError("COGNITO_ENDPOINT", "needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID");
    return undefined;
  }
  if (userPoolId === undefined)
    throw new InvalidSettingError("COGNITO_USER_POOL_ID", "must be set when COGNITO_CLIENT_ID is");
  if (clientId === undefined)
    throw new InvalidSettingError("COGNITO_CLIENT_ID", "must be set when COGNITO_USER_POOL_ID is");
  if (endpoint !== undefined && !/^https?:\/\/[^/]+\/?$/.test(endpoint))
    throw InvalidSettingError.mustBe(
      "COGNITO_ENDPOINT",
      "an http(s) origin such as http://localhost:9229",
      endpoint,
    );
  // A real pool id starts with its region (us-east-1_AbC123).
  const region =
    rawSetting(env, "COGNITO_REGION") ??
    /^([a-z]{2}(?:-[a-z]+)+-\d)_/.exec(userPoolId)?.[1] ??
    DEFAULT_COGNITO_REGION;
  return { region, userPoolId, clientId, ...(endpoint ? { endpoint: endpoint.replace(/\/$/, "") } : {}) };
}
