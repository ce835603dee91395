// `cellar start`: the local stage of any project, from its generated gateway definitions and its handlers.
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { exitWithUsageError, parseCommandLine } from "../../tools/cli/command-line.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "../settings/local-stage-settings.js";
import { installGracefulShutdown } from "./graceful-shutdown.js";
import type { LambdaHandler } from "./handler-registry.js";
import { DOCS_PATH } from "./local-endpoints.js";
import { consoleLogger } from "./logger.js";
import { createProjectStage } from "./project-stage.js";

const NAME = "cellar start";
const HANDLERS_MODULE = "src/handlers/index.ts";

const HELP = `Usage: cellar start [options]

Serves a project's API locally, as API Gateway and Lambda would: each request is routed by the
generated gateway definitions (gateway/*.gen.json, from \`cellar codegen\`) to the project's handler
for that operation, through the same generated wrapper Lambda runs. Scaffolded handlers answer 501
until you write them. POST /_local/token mints tokens for secured operations; /docs/ serves the docs.

Options:
  --dir <dir>        the project root, where codegen wrote its output (default: the current directory)
  --handlers <file>  the handler registry, exporting \`handlers\` keyed by operationId
                     (default: ${HANDLERS_MODULE} under --dir)
  --port <port>      port to listen on; 0 picks a free one (default: PORT or ${DEFAULT_PORT})
  --host <host>      address to listen on (default: HOST or ${DEFAULT_HOST}; the token endpoint
                     mints tokens for anyone, so keep it on loopback)
  -h, --help         show this help

Stop it with Ctrl-C (SIGINT) or SIGTERM.
`;

const { values } = parseCommandLine({
  name: NAME,
  help: HELP,
  options: {
    dir: { type: "string", default: "." },
    handlers: { type: "string" },
    port: { type: "string", default: process.env.PORT ?? String(DEFAULT_PORT) },
    host: { type: "string", default: process.env.HOST ?? DEFAULT_HOST },
    help: { type: "boolean", short: "h", default: false },
  },
});
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535)
  exitWithUsageError(NAME, `--port must be 0 to 65535, not "${values.port}"`);

const projectDir = resolve(values.dir);
const handlersFile = resolve(projectDir, values.handlers ?? HANDLERS_MODULE);
const logger = consoleLogger;

// Handlers are the project's TypeScript: tsx's loader compiles them (and the generated wrappers) as they load.
register();
const registry = (await import(pathToFileURL(handlersFile).href).catch((error: unknown) => {
  process.stderr.write(
    `${NAME}: cannot load the handlers from ${handlersFile}: ${(error as Error).message}\n`,
  );
  process.exit(1);
})) as { handlers?: Readonly<Record<string, LambdaHandler>> };
if (!registry.handlers) {
  process.stderr.write(`${NAME}: ${handlersFile} exports no \`handlers\` (the registry codegen scaffolds)\n`);
  process.exit(1);
}

let boundPort = port;
const { server, basePaths } = await createProjectStage({
  projectDir,
  handlers: registry.handlers,
  logger,
  port: () => boundPort,
}).catch((error: unknown) => {
  process.stderr.write(`${NAME}: ${(error as Error).message}\n`);
  return process.exit(1);
});
server.on("error", (error: NodeJS.ErrnoException) => {
  logger.error(`${NAME}: cannot listen on ${values.host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, values.host, () => {
  boundPort = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${boundPort}`;
  logger.info(
    [
      `Cellar local stage listening on ${origin}`,
      ...basePaths.map((path) => `  ${origin}/${path}/`),
      `  ${origin}${DOCS_PATH}/`,
      `  tokens: curl -s -X POST ${origin}/_local/token -H 'content-type: application/json' -d '{"sub":"alice"}'`,
    ].join("\n"),
  );
});
installGracefulShutdown({ server, logger });
