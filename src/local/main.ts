// First, and a side-effect import so it stays first: it ends start-up on a bad setting before the
// handlers' modules (which read the settings as they load) are evaluated.
import "./check-settings.js";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_APP_DIR, DOCS_DIR, layout } from "../../codegen/layout.js";
import { closeDatabase, getDatabase } from "../db/database-instance.js";
import { handlers } from "../handlers/index.js";
import { readRuntimeSettings } from "../runtime/runtime-settings.js";
import { seedSampleWineries } from "../seed/seed.js";
import { readLocalStageSettings } from "../settings/local-stage-settings.js";
import { formatBanner } from "./banner.js";
import { cognitoPoolIssuer } from "./cognito-pool-trust.js";
import { appBuildCommand, buildDemoAppWhenMissing } from "./demo-app-build.js";
import { installGracefulShutdown } from "./graceful-shutdown.js";
import { loadGateways } from "./load-gateways.js";
import { installLocalDatabase } from "./local-database.js";
import { createLocalIssuer, localIssuerUrl } from "./local-issuer.js";
import { consoleLogger } from "./logger.js";
import { startLocalQueueWorkers } from "./queue-workers.js";
import { createLocalStage } from "./server.js";
import { describeSeeding } from "./startup-config.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const logger = consoleLogger;
const { port, host, dataDir, cognito } = readLocalStageSettings(process.env, join(repoRoot, ".data"));
const { production } = readRuntimeSettings();

installLocalDatabase();
const db = await getDatabase();
logger.info(describeSeeding(await seedSampleWineries(db)));

let boundPort = port;
const issuer = await createLocalIssuer({
  issuerUrl: () => localIssuerUrl(boundPort),
  dataDir,
});
const gateways = await loadGateways(repoRoot);
const appDir = join(repoRoot, DEMO_APP_DIR);
const docsDir = join(repoRoot, DOCS_DIR);
const server = createLocalStage({
  gateways,
  handlers,
  issuer,
  logger,
  appDir,
  docsDir,
  ...(cognito ? { cognito } : {}),
});

// `npm start` on a fresh clone builds the demo app for /app; other launchers (the contract tests'
// local stage) start main.ts directly and do without it.
const demoAppBuild =
  process.env.npm_lifecycle_event === "start"
    ? buildDemoAppWhenMissing({ appDir, command: appBuildCommand(repoRoot), logger })
    : undefined;

// Queued work (bulk imports, rating roll-ups) is consumed in-process, from the Postgres queue.
const queueWorkers = startLocalQueueWorkers(getDatabase, logger);

server.on("error", (error: NodeJS.ErrnoException) => {
  const hint = error.code === "EADDRINUSE" ? ` (port ${port} is taken: set PORT to another one)` : "";
  logger.error(`local stage cannot listen on ${host}:${port}${hint}: ${error.message}`);
  void Promise.all([queueWorkers.stop(), demoAppBuild?.stop()])
    .then(closeDatabase)
    .finally(() => process.exit(1));
});
server.listen(port, host, () => {
  boundPort = (server.address() as AddressInfo).port;
  logger.info(
    formatBanner({
      port: boundPort,
      basePaths: gateways.map((gateway) => gateway.basePath),
      hasDocs: existsSync(join(repoRoot, layout.docs)),
      // While the demo app builds, the build's own log lines say when /app is ready.
      ...(demoAppBuild ? {} : { hasApp: existsSync(join(appDir, "index.html")) }),
      docsVersions: gateways
        .map((gateway) => gateway.basePath)
        .filter((version) => existsSync(join(repoRoot, layout.versionDocs(version)))),
      tokenEndpointEnabled: !production,
      ...(cognito ? { cognitoPool: cognitoPoolIssuer(cognito) } : {}),
    }),
  );
});
installGracefulShutdown({
  server,
  logger,
  onClosed: async () => {
    await demoAppBuild?.stop();
    await queueWorkers.stop();
    await closeDatabase();
  },
});
