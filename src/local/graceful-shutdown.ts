import type { Server } from "node:http";
import type { Logger } from "./logger.js";

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Runs after the server stopped accepting and in-flight requests ended, e.g. to close the database. */
  onClosed?: () => Promise<void>;
  /** How long in-flight requests get before their connections are cut. */
  graceMs?: number;
  exit?: (code: number) => void;
}

export function installGracefulShutdown({
  server,
  logger,
  onClosed,
  graceMs = 5_000,
  exit = (code) => process.exit(code),
}: ShutdownOptions): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      // A second Ctrl-C means "now".
      logger.info(`${signal} again, exiting immediately`);
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.info(`${signal} received, shutting down`);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      (onClosed?.() ?? Promise.resolve()).then(
        () => exit(0),
        (error: unknown) => {
          logger.error("Shutdown cleanup failed", error);
          exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
