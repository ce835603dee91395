import type { Context } from "aws-lambda";
import { warmDatabase } from "../../src/db/database-instance.js";
import { logError } from "../../src/runtime/log.js";
import { isWarmerEvent } from "../../src/runtime/warmer.js";

/** Returns the SecretString of a Secrets Manager secret. */
export type SecretReader = (secretId: string) => Promise<string>;

/**
 * Reads through the AWS Parameters and Secrets Lambda Extension (a layer listening on localhost),
 * which caches the value: no AWS SDK in the bundle and no Secrets Manager call per cold request.
 */
export function extensionSecretReader(env: NodeJS.ProcessEnv = process.env): SecretReader {
  return async (secretId) => {
    const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? "2773";
    const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
    const response = await fetch(url, {
      headers: { "X-Aws-Parameters-Secrets-Token": env.AWS_SESSION_TOKEN ?? "" },
    });
    if (!response.ok) throw new Error(`the secrets extension answered ${response.status}`);
    const body = (await response.json()) as { SecretString?: unknown };
    if (typeof body.SecretString !== "string") throw new Error("the database secret has no SecretString");
    return body.SecretString;
  };
}

/**
 * DATABASE_URL carries no password (Lambda configuration is readable by anyone who can list
 * functions); the password comes from the secret named by CELLAR_DATABASE_SECRET_ARN into PGPASSWORD,
 * which pg reads whenever it opens a connection. Once per container; a failure is retried next call.
 */
export function databasePasswordLoader(
  readSecret: SecretReader = extensionSecretReader(),
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () => {
    const secretId = env.CELLAR_DATABASE_SECRET_ARN;
    if (secretId === undefined || secretId === "" || env.PGPASSWORD !== undefined) return Promise.resolve();
    loading ??= readSecret(secretId)
      .then((secretString) => {
        const { password } = JSON.parse(secretString) as { password?: unknown };
        if (typeof password !== "string") throw new Error("the database secret has no password");
        env.PGPASSWORD = password;
      })
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
}

/**
 * Wraps an operation handler or queue worker: anything but a warm-up ping first gets the database
 * password; without it the handler still runs, and its own error handling answers (503/500).
 * A warm-up ping (EventBridge, every WARMER_INTERVAL_MINUTES) gets the password and opens and checks
 * a pooled connection before the handler answers it, so the next real request finds both ready
 * instead of paying for them. A failed warm-up is logged, never thrown: the ping's answer is unused.
 */
export function withDatabasePassword<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  loadPassword: () => Promise<void> = databasePasswordLoader(),
  warmUp: () => Promise<void> = warmDatabase,
): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    if (isWarmerEvent(event)) {
      try {
        await loadPassword();
        await warmUp();
      } catch (error) {
        logError("warm-up could not reach the database", error);
      }
    } else {
      try {
        await loadPassword();
      } catch (error) {
        logError("database password unavailable", error);
      }
    }
    return handler(event, context);
  };
}
