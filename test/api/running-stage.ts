import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { closeDatabase } from "../../src/db/database-instance.js";
import { handlers } from "../../src/handlers/index.js";
import { loadGateways } from "../../src/local/load-gateways.js";
import { createLocalIssuer, localIssuerUrl } from "../../src/local/local-issuer.js";
import { createLocalStage, type LocalStageOptions } from "../../src/local/server.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";

/** What the local stage serves besides the API (see `LocalStageOptions`). */
export type StageOptions = Pick<LocalStageOptions, "appDir" | "docsDir" | "cognito">;

export interface RunningStage {
  origin: string;
  token(sub: string, groups?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** The real local stage with the real handlers and generated gateway definitions, on a free port. */
export async function startStage(options: StageOptions = {}): Promise<RunningStage> {
  // Removed after the test file even when a failure skips close().
  const dataDir = makeTestTempDir("cellar-api-");
  let port = 0;
  const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port), dataDir });
  const gateways = await loadGateways(resolve(import.meta.dirname, "../.."));
  const silent = {
    info: () => {},
    error: (message: string, error: unknown) => console.error(message, error),
  };
  const server = createLocalStage({ gateways, handlers, issuer, logger: silent, ...options });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    token: (sub, groups = []) => issuer.issueToken({ sub, groups }),
    close: async () => {
      await new Promise((done) => server.close(done));
      await closeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
