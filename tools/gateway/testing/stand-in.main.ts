import { parseArgs } from "node:util";
import { startGatewayStandIn } from "./stand-in.server.js";

const HELP = `Usage: tsx tools/gateway/testing/stand-in.main.ts [--port 4010]

Runs the in-memory API Gateway control-plane stand-in, to try the gateway CLI without AWS:
  npm run gateway -- render --version v1 --region us-east-1 --account 123456789012 \\
    --user-pool-id us-east-1_Example --title cellar --out /tmp/v1.json
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test npm run gateway -- import --file /tmp/v1.json \\
    --region us-east-1 --stage prodv1 --stage-variables alias=v1 --endpoint-url http://127.0.0.1:4010
Any credentials are accepted; the region is taken from the request signature.
`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
} else {
  const standIn = await startGatewayStandIn({ port: Number(values.port) });
  process.stderr.write(`API Gateway stand-in listening on ${standIn.url} (Ctrl-C to stop)\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void standIn.close().then(() => process.exit(0));
    });
  }
}
