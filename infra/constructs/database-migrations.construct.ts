import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CustomResource, Duration } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import { MIGRATE_FUNCTION, repoRoot } from "../operations/operation-functions.js";
import type { AuroraDatabase } from "./aurora-database.construct.js";
import type { Network } from "./network.construct.js";
import { functionDefaults, logGroupFor } from "./operation-functions.construct.js";

/** Changes exactly when a migration is added or edited, which is when the resource must run again. */
export function migrationsFingerprint(): string {
  const dir = join(repoRoot, "src/db/migrations");
  const hash = createHash("sha256");
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  hash.update(readFileSync(join(repoRoot, "src/db/migration-list.ts")));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Migrations run once per deploy, in the home region, by a one-off function behind a custom resource.
 * Handlers never migrate in production (NODE_ENV=production): a cold start must not take a DDL lock.
 */
export class DatabaseMigrations extends Construct {
  readonly resource: CustomResource;

  constructor(
    scope: Construct,
    id: string,
    props: { config: InfraConfig; bundles: LambdaBundles; network: Network; database: AuroraDatabase },
  ) {
    super(scope, id);
    const fn = new lambda.Function(this, "Function", {
      ...functionDefaults(props.config, props.network, props.database),
      functionName: `${props.config.name}-${MIGRATE_FUNCTION}`,
      description: "Applies database migrations on deploy (custom resource)",
      code: lambda.Code.fromAsset(props.bundles.directoryFor(MIGRATE_FUNCTION)),
      timeout: Duration.minutes(10),
      logGroup: logGroupFor(this, "Logs"),
    });
    props.database.secret.grantRead(fn);
    const provider = new cr.Provider(this, "Provider", { onEventHandler: fn });
    this.resource = new CustomResource(this, "Run", {
      serviceToken: provider.serviceToken,
      resourceType: "Custom::CellarMigrations",
      properties: { Migrations: migrationsFingerprint() },
    });
    // The database (and its proxy targets) and the Secrets Manager endpoint must be up first.
    this.resource.node.addDependency(props.database, props.network);
  }
}
