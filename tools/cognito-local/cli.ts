/**
 * `npm run cognito:local`: cognito-local (the Cognito emulator on npm) with a pool and app client
 * shaped like the Identity stack's, for `npm start` and the demo app to sign in against.
 */
import { resolve } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startCognitoLocal } from "../../release/testing/cognito-local.js";
import { DEFAULT_COGNITO_REGION } from "../../src/settings/local-stage-settings.js";
import { parseCommandLine, UsageError } from "../cli/command-line.js";
import { createConfirmedUser, ensureAppPool, LOCAL_APP_CLIENT_NAME, LOCAL_POOL_NAME } from "./app-pool.js";

const NAME = "npm run cognito:local";
/** cognito-local's own default port. */
const DEFAULT_PORT = 9229;

const HELP = `Usage: ${NAME} [-- --port <n>] [-- --data-dir <dir>] [-- --user <email>:<password>]

Runs cognito-local with a user pool (${LOCAL_POOL_NAME}) and a public app client (${LOCAL_APP_CLIENT_NAME}) shaped
like the Identity stack's, created once and kept in the data directory, then prints the settings
that make \`npm start\` trust the pool and the demo app sign in there. Ctrl-C stops it.

Options:
  --port <n>                    where cognito-local listens; 0 picks a free port (default ${DEFAULT_PORT})
  --data-dir <dir>              where it keeps pools and users (default .data/cognito-local)
  --user <email>:<password>     also create this confirmed user (sign-up works from the demo too)
  -h, --help                    show this help
`;

const { values } = parseCommandLine({
  name: NAME,
  help: HELP,
  options: {
    port: { type: "string" },
    "data-dir": { type: "string" },
    user: { type: "string" },
  },
});

function fail(problem: string): never {
  process.stderr.write(`${NAME}: ${problem} (--help for usage)\n`);
  process.exit(2);
}

const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be 0-65535, got ${values.port}`);
const user = values.user === undefined ? undefined : /^([^\s@:]+@[^\s@:]+):(.+)$/.exec(values.user);
if (values.user !== undefined && !user) fail("--user must be <email>:<password>");

try {
  const dataDir = resolve(values["data-dir"] ?? ".data/cognito-local");
  process.stderr.write(`starting cognito-local (data in ${dataDir})...\n`);
  const emulator = await startCognitoLocal({ port, dataDir });
  const cognito = new CognitoIdentityProviderClient({
    region: DEFAULT_COGNITO_REGION,
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const { userPoolId, clientId } = await ensureAppPool(cognito);
  if (user?.[1] && user[2]) {
    await createConfirmedUser(cognito, userPoolId, user[1], user[2]).catch((error: Error) => {
      if (error.name !== "UsernameExistsException") throw error;
      process.stderr.write(`user ${user[1]} already exists: kept as it is\n`);
    });
  }
  cognito.destroy();
  process.stdout.write(
    `COGNITO_ENDPOINT=${emulator.endpoint} COGNITO_USER_POOL_ID=${userPoolId} COGNITO_CLIENT_ID=${clientId} npm start\n`,
  );
  process.stderr.write("cognito-local is ready: run npm start with the settings above; Ctrl-C stops it\n");
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (error instanceof UsageError) fail(error.message);
  process.stderr.write(`${NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
