import { beforeAll, describe, expect, it } from "vitest";
import {
  endpointServiceOfClient,
  PARAMS_AND_SECRETS_LAYER,
  PARAMS_AND_SECRETS_SERVICES,
} from "../../../infra/bundle/aws-service-endpoints.js";
import { sdkClientsByBundle } from "../../../infra/bundle/bundle-imports.js";
import { RELEASE_GATE_FUNCTION } from "../../../infra/operations/operation-functions.js";
import { QUEUE_SENDERS } from "../../../infra/queues/queue-workers.js";
import { synthTestApp, testConfig } from "../../../infra/testing/test-app.js";
import {
  type Resources,
  routeTo,
  type VpcFunction,
  vpcFunctions,
} from "../../../infra/testing/vpc-routes.js";

// The functions run in isolated subnets: without a NAT gateway a VPC function has no internet access
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html), so every AWS service
// its code calls needs an interface endpoint in its VPC, with private DNS, in its subnets, admitting
// HTTPS from its security group (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
// What a function calls is derived, not listed: the AWS SDK clients its real bundle can load (built as
// `npm run synth` builds it) plus what the Parameters and Secrets extension of its layers calls for it.

const config = testConfig();
const { stacks, template } = synthTestApp(config);
let clients: Map<string, string[]>;

beforeAll(async () => {
  clients = await sdkClientsByBundle();
}, 120_000);

/** The AWS services a function calls from inside its VPC. Function names are `<app>-<bundle name>`. */
function servicesOf(fn: VpcFunction): string[] {
  const bundle = fn.name.startsWith(`${config.name}-`) ? fn.name.slice(config.name.length + 1) : fn.name;
  const bundleClients = clients.get(bundle);
  if (!bundleClients) throw new Error(`${fn.name} is in a VPC but no bundle says what it calls`);
  const extension = fn.layers.some((layer) => PARAMS_AND_SECRETS_LAYER.test(layer))
    ? PARAMS_AND_SECRETS_SERVICES
    : [];
  return [...new Set([...bundleClients.map(endpointServiceOfClient), ...extension])].sort();
}

/** Every call a VPC function makes that has no route, as `<function> → <service>: <why>`. */
function unroutedCalls(resources: Resources): string[] {
  return vpcFunctions(resources).flatMap((fn) =>
    servicesOf(fn).flatMap((service) => {
      const problem = routeTo(resources, fn, service);
      return problem ? [`${fn.name} → ${service}: ${problem}`] : [];
    }),
  );
}

const resourcesOf = (index: number): Resources => {
  const stack = stacks.regions[index];
  if (!stack) throw new Error(`no region stack ${index}`);
  return structuredClone(template(stack).toJSON().Resources) as Resources;
};

describe("the AWS services the bundled functions call", () => {
  it("are derived from the bundles: SQS for exactly the queue senders, SSM and CodeDeploy for the gate", () => {
    const sqsSenders = [...clients].filter(([, used]) => used.includes("sqs")).map(([bundle]) => bundle);
    expect(sqsSenders.sort()).toEqual(Object.values(QUEUE_SENDERS).flat().sort());
    expect(clients.get(RELEASE_GATE_FUNCTION)).toEqual(["codedeploy", "ssm"]);
  });

  it.each(config.regions.map((region, index) => [region.region, index] as const))(
    "each have a route from every VPC function of %s",
    (_region, index) => {
      const resources = resourcesOf(index);
      // Every operation, both workers and (home only) the migrations function are in the VPC.
      expect(vpcFunctions(resources).length).toBeGreaterThan(Object.values(QUEUE_SENDERS).flat().length);
      expect(unroutedCalls(resources)).toEqual([]);
    },
  );

  it("are found unreachable when an endpoint is missing (the SQS senders, without the SQS endpoint)", () => {
    const resources = resourcesOf(0);
    for (const [id, resource] of Object.entries(resources)) {
      if (JSON.stringify(resource.Properties?.ServiceName ?? "").endsWith('.sqs"')) delete resources[id];
    }
    expect(unroutedCalls(resources).sort()).toEqual(
      Object.values(QUEUE_SENDERS)
        .flat()
        .map(
          (operation) =>
            `${config.name}-${operation} → sqs: no NAT route and no interface endpoint in its VPC`,
        )
        .sort(),
    );
  });

  it("are no concern of the release gate, which runs outside the VPC and so reaches SSM and CodeDeploy itself", () => {
    // A function without VpcConfig runs in Lambda's own network, which reaches public AWS endpoints;
    // the gate is kept out of the VPC for exactly this (infra/constructs/release-gate.construct.ts).
    const resources = resourcesOf(0);
    const gate = Object.values(resources).find(
      (resource) => resource.Properties?.FunctionName === `${config.name}-${RELEASE_GATE_FUNCTION}`,
    );
    expect(gate?.Properties?.VpcConfig).toBeUndefined();
    expect(vpcFunctions(resources).map((fn) => fn.name)).not.toContain(
      `${config.name}-${RELEASE_GATE_FUNCTION}`,
    );
  });
});
