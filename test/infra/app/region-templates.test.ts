import { describe, expect, it } from "vitest";
import { synthTestApp, testConfig } from "../../../infra/testing/test-app.js";

type Json = unknown;

// Health checkers outside the deployment's regions, so replacing region names leaves them alone.
const { stacks, template } = synthTestApp(
  testConfig({ healthCheckRegions: ["us-west-2", "ap-southeast-1", "sa-east-1"] }),
);
const [home, secondary] = stacks.regions;
if (!home || !secondary) throw new Error("the test config has two regions");

/**
 * A regional template with what legitimately varies by region made uniform: region names, values
 * imported from other stacks (same-region exports vs cross-region readers), the database secret's
 * ARN (created at home, derived from the replica's region elsewhere), and the content hashes CDK
 * puts into version and deployment ids, which follow from those values.
 */
function normalized(stackTemplate: Json, region: string): Record<string, Json> {
  let text = JSON.stringify(stackTemplate).replaceAll(region, "<region>");
  // AWS publishes the Parameters and Secrets extension layer from a different account in each region.
  text = text.replace(/(arn:aws:lambda:<region>:)\d{12}(:layer:)/g, "$1<layer-account>$2");
  // Ids CDK derives from construct paths, which start with the stack name, e.g. Cellaruseast1.
  const stackId = `Cellar${region.replaceAll("-", "")}`;
  text = text.replace(
    new RegExp(`"(\\w*?)${stackId}(\\w*)"`, "g"),
    (_whole, before: string, after: string) =>
      `"${before}Cellar<region>${after.replace(/[0-9A-F]{4,}/g, "")}"`,
  );
  const hashedIds = [...text.matchAll(/"((?:\w+Deployment|\w+CurrentVersion)[0-9A-F]{8})[0-9a-f]{32}"/g)];
  for (const [whole, stem] of hashedIds) text = text.replaceAll(whole.slice(1, -1), `${stem}<hash>`);
  return uniform(JSON.parse(text)) as Record<string, Json>;
}

function uniform(value: Json): Json {
  if (Array.isArray(value)) return value.map(uniform);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, Json>;
  if ("Fn::ImportValue" in object) return "<imported>";
  const getAtt = object["Fn::GetAtt"];
  if (Array.isArray(getAtt) && String(getAtt[0]).startsWith("ExportsReader")) return "<imported>";
  const ref = object.Ref;
  if (typeof ref === "string" && ref.startsWith("DatabaseSecret")) return "<database-secret>";
  if ("Fn::Join" in object && JSON.stringify(object).includes("secretsmanager:<region>"))
    return "<database-secret>";
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, uniform(item)]));
}

function resources(t: Json): Record<string, Json> {
  return (t as { Resources: Record<string, Json> }).Resources;
}

describe("the regional templates of a two-region deployment", () => {
  const homeResources = resources(normalized(template(home).toJSON(), "us-east-1"));
  const secondaryResources = resources(normalized(template(secondary).toJSON(), "eu-west-1"));
  const typeOf = (resource: Json) => (resource as { Type: string }).Type;

  it("differ only in the database's role and what comes with it", () => {
    const homeOnly = Object.keys(homeResources).filter((id) => !(id in secondaryResources));
    const secondaryOnly = Object.keys(secondaryResources).filter((id) => !(id in homeResources));
    const changed = Object.keys(homeResources).filter(
      (id) =>
        id in secondaryResources &&
        JSON.stringify(homeResources[id]) !== JSON.stringify(secondaryResources[id]),
    );

    // Home: the writer's secret (attached to the cluster, rotated by a function Secrets Manager hosts,
    // admitted to the cluster and the Secrets Manager endpoint) and global cluster, the migrations
    // (function, provider, resource) and the writer of the cross-region exports (the secret's ARN)
    // that the other regions read.
    expect(
      homeOnly.map((id) => `${typeOf(homeResources[id])} ${id.replace(/[0-9A-F]{4,}$/, "")}`).sort(),
    ).toEqual(
      [
        "AWS::SecretsManager::Secret DatabaseSecret",
        "AWS::SecretsManager::SecretTargetAttachment DatabaseSecretAttachment",
        "AWS::SecretsManager::RotationSchedule DatabaseSecretAttachmentRotation",
        "AWS::SecretsManager::ResourcePolicy DatabaseSecretAttachmentPolicy",
        "AWS::EC2::SecurityGroup DatabaseRotationSecurityGroup",
        "AWS::EC2::SecurityGroupIngress DatabaseClusterSecurityGroupfromCellar<region>DatabaseRotationSecurityGroup",
        "AWS::EC2::SecurityGroupIngress NetworkVpcSecretsManagerSecurityGroupfromCellar<region>DatabaseRotationSecurityGroup",
        "AWS::RDS::GlobalCluster DatabaseGlobalCluster",
        "AWS::Lambda::Function MigrationsFunction",
        "AWS::IAM::Role MigrationsFunctionServiceRole",
        "AWS::IAM::Policy MigrationsFunctionServiceRoleDefaultPolicy",
        "AWS::Logs::LogGroup MigrationsLogs",
        "AWS::Lambda::Function MigrationsProviderframeworkonEvent",
        "AWS::IAM::Role MigrationsProviderframeworkonEventServiceRole",
        "AWS::IAM::Policy MigrationsProviderframeworkonEventServiceRoleDefaultPolicy",
        "Custom::CellarMigrations MigrationsRun",
        "Custom::CrossRegionExportWriter ExportsWritereuwest",
      ].sort(),
    );
    // Elsewhere: the reader of those exports, the proxy's read-only endpoint (a secondary cluster
    // has no writer for the default endpoint to reach), and the writer of its health check ids to
    // us-east-1 (the home region there passes them as plain stack outputs), nothing else of its own.
    // Both regions write exports, so the writer's provider function and role are in both.
    expect(secondaryOnly.map((id) => typeOf(secondaryResources[id])).sort()).toEqual(
      [
        "AWS::IAM::Role",
        "AWS::Lambda::Function",
        "Custom::CrossRegionExportReader",
        "Custom::CrossRegionExportWriter",
        "AWS::RDS::DBProxyEndpoint",
      ].sort(),
    );
    // Changed: the cluster (writer vs. write-forwarding member) and its parameters (the forwarded
    // sessions' consistency at a secondary, their share of the writer's slots at home), the proxy's
    // pool (at home it leaves the forwarded sessions their slots), the functions' DATABASE_URL (default vs. read-only proxy endpoint), and
    // the aliases with their invoke permissions, which at home wait for the migrations.
    const changedTypes = [...new Set(changed.map((id) => typeOf(homeResources[id])))].sort();
    // Also the dashboard, whose health-check graph names us-east-1 (Route 53's metrics region; at home
    // that is the region itself), and the exports writer's role (it writes into the other region).
    expect(changedTypes).toEqual([
      "AWS::CloudWatch::Dashboard",
      "AWS::IAM::Role",
      "AWS::Lambda::Alias",
      "AWS::Lambda::Function",
      "AWS::Lambda::Permission",
      "AWS::RDS::DBCluster",
      "AWS::RDS::DBClusterParameterGroup",
      "AWS::RDS::DBProxyTargetGroup",
    ]);
  });

  it("change functions only by the database endpoint in DATABASE_URL", () => {
    const withoutUrl = (resource: Json) => {
      const copy = structuredClone(resource) as {
        Properties: { Environment?: { Variables?: Record<string, Json> } };
      };
      delete copy.Properties.Environment?.Variables?.DATABASE_URL;
      return copy;
    };
    for (const [id, resource] of Object.entries(homeResources)) {
      if (typeOf(resource) !== "AWS::Lambda::Function" || !(id in secondaryResources)) continue;
      expect(withoutUrl(secondaryResources[id]), id).toEqual(withoutUrl(resource));
    }
  });

  it("change aliases and their permissions only by a dependency on the migrations", () => {
    for (const [id, resource] of Object.entries(homeResources)) {
      if (!["AWS::Lambda::Alias", "AWS::Lambda::Permission"].includes(typeOf(resource))) continue;
      const { DependsOn: homeDeps, ...homeRest } = resource as { DependsOn?: string[] };
      const { DependsOn: otherDeps, ...otherRest } = secondaryResources[id] as { DependsOn?: string[] };
      expect(otherRest).toEqual(homeRest);
      const extra = (homeDeps ?? []).filter((dep) => !(otherDeps ?? []).includes(dep));
      expect(extra.filter((dep) => !dep.startsWith("Migrations"))).toEqual([]);
    }
  });
});
