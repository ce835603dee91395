/**
 * The local stage in a process of its own, so that the load generator does not share its event
 * loop: the real handlers and generated gateway definitions, on DATABASE_URL, with silent logging.
 * Prints `{"port":n}` once listening; exits on SIGTERM.
 */
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { closeDatabase } from "../src/db/database-instance.js";
import { handlers } from "../src/handlers/index.js";
import { installGracefulShutdown } from "../src/local/graceful-shutdown.js";
import { loadGateways } from "../src/local/load-gateways.js";
import { installLocalDatabase } from "../src/local/local-database.js";
import { createLocalIssuer, localIssuerUrl } from "../src/local/local-issuer.js";
import { createLocalStage } from "../src/local/server.js";

installLocalDatabase(); // as the local stage opens it (src/local/main.ts)
const logger = { info: () => {}, error: (message: string, error?: unknown) => console.error(message, error) };
let port = 0;
const issuer = await createLocalIssuer({ issuerUrl: () => localIssuerUrl(port) });
const gateways = await loadGateways(resolve(import.meta.dirname, ".."));
const server = createLocalStage({ gateways, handlers, issuer, logger });
server.listen(0, "127.0.0.1", () => {
  port = (server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
installGracefulShutdown({ server, logger, onClosed: closeDatabase, graceMs: 1_000 });
