import { resolve } from "node:path";
import type { Command, CommandContext, OptionValues } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { account, flag, list, oneOf, optional, region, regions, required } from "../cli/option-readers.js";
import { readUserPool, USER_POOL_HELP } from "../cli/user-pool.reader.js";
import { exportSource, type SyncSettings, syncRegion } from "./api-sync.runner.js";
import {
  API_TARGET_HELP,
  API_TARGET_OPTIONS,
  type ApiTarget,
  describeApiTargets,
  readApiTargets,
} from "./api-target.reader.js";
import { ENDPOINT_TYPES } from "./import.command.js";

export const syncCommand: Command = {
  name: "sync",
  summary: "copy deployed APIs and stages from one region to others, then check the copies match",
  aws: true,
  options: {
    ...API_TARGET_OPTIONS,
    from: { type: "string" },
    to: { type: "string" },
    stages: { type: "string" },
    account: { type: "string" },
    "user-pool-arn": { type: "string" },
    "user-pools": { type: "string" },
    "endpoint-type": { type: "string" },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway sync --from us-east-1 --to us-west-2,eu-west-1 [--version ${EXAMPLE.version}] [--stages ${EXAMPLE.liveStage}]

Makes the APIs in other regions serve what they serve in --from: every version's API (${EXAMPLE.allApis})
unless --version or --api picks one, and every deployed stage of each unless --stages picks some.
For each stage: export it from --from (OpenAPI 3.0 with integrations and authorizers), rewrite its
region- and account-bound ARNs for each target region (Lambda integrations; the Cognito user pool
ARN is kept, since one pool in its own region serves every region, unless a pool flag names
another), import it into the API of the same name there (PutRestApi overwrite, or ImportRestApi to
create the API), and deploy it to the stage of the same name, keeping the stage variables of
--from (alias=${EXAMPLE.liveAlias} on ${EXAMPLE.liveStage}). Variables only a target has are kept and reported. Before the
first change to an API in a region, every deployed stage of it there is backed up, with a command
to restore it. Finally each target stage is exported again and compared with --from.

Regions are synced one after another, each with progress lines; a failure in one region does not
stop the others, and makes the command exit non-zero. A canary on a --from stage is not copied:
run \`canary\` in each region. Permission for API Gateway to invoke the Lambda functions of a
target region (lambda:InvokeFunction for apigateway.amazonaws.com) is the infra stack's job.

Options:
  --from <region>           the region whose stages are the reference
  --to <r1,r2,...>          the regions to bring in line
${API_TARGET_HELP}
  --stages <s1,s2,...>      stages to sync (default: every stage of each API in --from)
${USER_POOL_HELP.arn}
${USER_POOL_HELP.perRegion}
  --account <id>            rewrite account ids in Lambda ARNs (default: keep them, same account)
  --endpoint-type <type>    endpoint type of APIs created in targets (default: as in --from)
  --backup-dir <dir>        where backups go (default: .gateway-backups)
  --dry-run                 export and rewrite, show what would change; change nothing
`,
  async run(values, context) {
    const from = region(required(values, "from"));
    const targets = regions(values, "to");
    if (!targets.length) throw new GatewayCliError("--to needs at least one region");
    if (targets.includes(from)) throw new GatewayCliError(`--to includes the source region ${from}`);
    const userPool = readUserPool(values);
    const accountId = account(optional(values, "account"));
    const apis = readApiTargets(values);
    context.log.line(`sync: ${describeApiTargets(values, apis)}`);
    const failures: string[] = [];
    for (const target of apis) {
      failures.push(...(await syncApi(target, from, targets, { accountId, userPool }, values, context)));
    }
    if (failures.length) {
      throw new GatewayCliError(`sync failed:\n  ${failures.join("\n  ")}`);
    }
    if (flag(values, "dry-run")) context.log.line("sync: dry run done; nothing was changed");
    return 0;
  },
};

/** Syncs one API to every target region; returns one line per region that failed. */
async function syncApi(
  target: ApiTarget,
  from: string,
  targets: string[],
  rewrite: Pick<SyncSettings, "accountId" | "userPool">,
  values: OptionValues,
  context: CommandContext,
): Promise<string[]> {
  const source = context.gateway(from);
  const api = await source.requireApi(target.api);
  const stages = await exportSource(source, api, list(values, "stages"), context);
  const settings: SyncSettings = {
    from,
    api,
    stages,
    ...rewrite,
    dryRun: flag(values, "dry-run"),
    backupDirectory: resolve(context.cwd, String(values["backup-dir"])),
    endpointType: oneOf(
      values,
      "endpoint-type",
      ENDPOINT_TYPES,
      (api.endpointTypes?.[0] as (typeof ENDPOINT_TYPES)[number] | undefined) ?? "REGIONAL",
    ),
  };
  const failures: string[] = [];
  for (const [index, region] of targets.entries()) {
    context.log.line(`sync: ${api.name} ${from} → ${region} (${index + 1} of ${targets.length})`);
    try {
      await syncRegion(context.gateway(region), settings, context);
    } catch (error) {
      if (!(error instanceof GatewayCliError)) throw error;
      context.log.region(region, `failed: ${error.message}`);
      failures.push(`${api.name} in ${region}: ${error.message}`);
    }
  }
  if (!failures.length && !settings.dryRun) {
    const names = stages.map((stage) => stage.name).join(", ");
    context.log.line(`sync: ${names} of ${api.name} in ${targets.join(", ")} now match ${from}`);
  }
  return failures;
}
