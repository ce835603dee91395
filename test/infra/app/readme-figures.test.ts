import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CfnResource } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../infra/operations/operation-functions.js";
import { resourcesOfType, synthTestApp } from "../../../infra/testing/test-app.js";
import { routes } from "../../../src/generated/routes.gen.js";

/** CloudFormation's per-template resource limit. */
const MAX_RESOURCES = 500;

const readme = readFileSync(join(repoRoot, "infra/README.md"), "utf8");
const { app, stacks, template } = synthTestApp();
const [home] = stacks.regions;
if (!home) throw new Error("the test config has a region");
const t = template(home);
const resources = t.toJSON().Resources as Record<string, unknown>;

/** The figure README marks with `<!--figure:<name>-->` (a comment, invisible once rendered). */
function figure(name: string): string {
  const match = readme.match(new RegExp(`<!--figure:${name}-->(\\$?[\\d.]+)`));
  if (!match?.[1]) throw new Error(`infra/README.md marks no figure ${name}`);
  return match[1];
}

/** Resources one operation brings: everything its constructs hold, plus its warmer permission and its errors-or-throttles alarm. */
function resourcesOfOperation(operationId: string): number {
  const own = new RegExp(`^${home!.functions.node.path}/${operationId}(?=[A-Z/]|$)`);
  const ownIds = home!.node
    .findAll()
    .filter((node) => node instanceof CfnResource && own.test(node.node.path))
    .map((node) => home!.resolve((node as CfnResource).logicalId) as string);
  const warmer = new RegExp(`AllowEventRule\\w*Functions${operationId}Alias`);
  const warmerIds = Object.keys(resources).filter((id) => warmer.test(id));
  const alarm = new RegExp(`^ServiceAlarms${operationId}ErrorsOrThrottles[0-9A-F]{8}$`);
  const alarmIds = Object.keys(resources).filter((id) => alarm.test(id));
  return new Set([...ownIds, ...warmerIds, ...alarmIds]).size;
}

const computed: Record<string, string> = {
  operations: String(routes.length),
  "home-resources": String(Object.keys(resources).length),
  "home-template-kb": String(
    Math.round(statSync(app.synth().getStackByName(home.stackName).templateFullPath).size / 10_240) * 10,
  ),
  "resources-per-operation": String(resourcesOfOperation("pingV1")),
  "operation-headroom": String(
    Math.floor((MAX_RESOURCES - Object.keys(resources).length) / resourcesOfOperation("pingV1")),
  ),
  "invoke-statements": String(
    Object.values(resourcesOfType(t, "AWS::Lambda::Permission")).filter(
      (permission) => permission.Properties.Principal === "apigateway.amazonaws.com",
    ).length,
  ),
  alarms: String(Object.keys(resourcesOfType(t, "AWS::CloudWatch::Alarm")).length),
  "alarms-cost": `$${(Object.keys(resourcesOfType(t, "AWS::CloudWatch::Alarm")).length * 0.1).toFixed(2)}`,
};

describe("infra/README.md's figures", () => {
  it("are all checked here", () => {
    const marked = [...readme.matchAll(/<!--figure:([\w-]+)-->/g)].map((match) => match[1]);
    expect(marked.sort()).toEqual(Object.keys(computed).sort());
  });

  it.each(Object.keys(computed))("%s is what the synthesized test app has", (name) => {
    expect(figure(name)).toBe(computed[name]);
  });

  it("has idle-cost totals that are the sum of the table's rows", () => {
    const table = readme.slice(readme.indexOf("## Idle cost"), readme.indexOf("Once per deployment"));
    const rows = table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| item"));
    const amounts = (cell: string) => {
      const numbers = [...cell.replace(/<!--.*?-->/g, "").matchAll(/\d+(?:\.\d+)?/g)].map((m) =>
        Number(m[0]),
      );
      return { min: numbers[0] ?? 0, max: numbers.at(-1) ?? 0 };
    };
    const items = rows
      .filter((row) => !row.startsWith("| **"))
      .map((row) => ({ item: row, ...amounts(row.split("|").at(-2) ?? "") }));
    const total = (include: (item: string) => boolean) => {
      const counted = items.filter(({ item }) => include(item));
      const min = counted.reduce((sum, item) => sum + item.min, 0);
      const max = counted.reduce((sum, item) => sum + item.max, 0);
      return `≈ $${Math.round(min)}–${Math.round(max)}`;
    };
    const stated = (label: string) => rows.find((row) => row.includes(label))?.match(/≈ \$[\d–]+/)?.[0];
    expect(stated("with RDS Proxy")).toBe(total(() => true));
    expect(stated("`database.proxy: false`")).toBe(total((item) => !item.startsWith("| RDS Proxy")));
  });
});
