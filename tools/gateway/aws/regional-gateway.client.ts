import {
  APIGatewayClient,
  CreateDeploymentCommand,
  type Deployment,
  type DeploymentCanarySettings,
  GetExportCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportRestApiCommand,
  type PatchOperation,
  PutRestApiCommand,
  type RestApi,
  type Stage,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import type { ProgressLogger } from "../cli/progress.logger.js";
import { parseDefinition } from "../definition/definition.loader.js";
import type { JsonObject } from "../definition/json.util.js";
import { translateAwsError } from "./aws-error.translator.js";

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsOptions {
  profile?: string;
  endpointUrl?: string;
  /** Attempts per call, throttled ones included; the SDK backs off exponentially with jitter between them. */
  maxAttempts: number;
  /** Static credentials (tests, the stand-in); otherwise the SDK's default chain, honouring `profile`. */
  credentials?: StaticCredentials;
}

export interface ApiRef {
  id: string;
  name: string;
  endpointTypes?: string[];
}

export interface ImportOptions {
  failOnWarnings: boolean;
  endpointType: string;
}

export interface PutOptions {
  mode: "merge" | "overwrite";
  failOnWarnings: boolean;
}

export interface DeploymentInput {
  stageName: string;
  description: string;
  variables?: Record<string, string>;
  canarySettings?: DeploymentCanarySettings;
}

export type { PatchOperation, RestApi, Stage };

/** One region's API Gateway control plane, with every failure turned into a readable one-liner. */
export class RegionalGateway {
  private readonly client: APIGatewayClient;

  constructor(
    readonly region: string,
    private readonly options: AwsOptions,
    private readonly log: ProgressLogger,
  ) {
    this.client = new APIGatewayClient({
      region,
      maxAttempts: options.maxAttempts,
      retryMode: "standard",
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  destroy(): void {
    this.client.destroy();
  }

  private async call<T extends { $metadata?: { attempts?: number } }>(
    action: string,
    send: (client: APIGatewayClient) => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await send(this.client);
    } catch (error) {
      throw translateAwsError(error, action, this.region, {
        ...(this.options.endpointUrl ? { endpoint: this.options.endpointUrl } : {}),
        ...(this.options.profile ? { profile: this.options.profile } : {}),
      });
    }
    const attempts = result.$metadata?.attempts ?? 1;
    if (attempts > 1)
      this.log.region(this.region, `${action}: succeeded after ${attempts} attempts (retried with backoff)`);
    return result;
  }

  async listApis(): Promise<RestApi[]> {
    const apis: RestApi[] = [];
    let position: string | undefined;
    do {
      const page = await this.call("GetRestApis", (client) =>
        client.send(new GetRestApisCommand({ limit: 500, ...(position ? { position } : {}) })),
      );
      apis.push(...(page.items ?? []));
      position = page.position;
    } while (position);
    return apis;
  }

  /** By id first, then by name; a name two APIs share is refused rather than guessed. */
  async findApi(reference: string): Promise<ApiRef | undefined> {
    const apis = await this.listApis();
    const byId = apis.find((api) => api.id === reference);
    const matches = byId ? [byId] : apis.filter((api) => api.name === reference);
    if (matches.length > 1) {
      throw new GatewayCliError(
        `${matches.length} APIs are named "${reference}" in ${this.region} (${matches.map((api) => api.id).join(", ")}); pass --api <id>`,
      );
    }
    const match = matches[0];
    if (!match?.id) return undefined;
    const endpointTypes = match.endpointConfiguration?.types;
    return { id: match.id, name: match.name ?? match.id, ...(endpointTypes ? { endpointTypes } : {}) };
  }

  async requireApi(reference: string): Promise<ApiRef> {
    const api = await this.findApi(reference);
    if (!api) throw new GatewayCliError(`no REST API with id or name "${reference}" in ${this.region}`);
    return api;
  }

  /** The stage's deployed definition as OpenAPI 3.0, with API Gateway's integration and authorizer extensions. */
  async exportStage(api: ApiRef, stage: string): Promise<JsonObject> {
    const response = await this.call(`GetExport of ${label(api)} stage ${stage}`, (client) =>
      client.send(
        new GetExportCommand({
          restApiId: api.id,
          stageName: stage,
          exportType: "oas30",
          accepts: "application/json",
          parameters: { extensions: "integrations,authorizers" },
        }),
      ),
    );
    const text = new TextDecoder().decode(response.body ?? new Uint8Array());
    return parseDefinition(text, `the export of ${label(api)} stage ${stage} in ${this.region}`);
  }

  async getStage(api: ApiRef, stage: string): Promise<Stage> {
    return this.call(`GetStage ${stage} of ${label(api)}`, (client) =>
      client.send(new GetStageCommand({ restApiId: api.id, stageName: stage })),
    );
  }

  async getStages(api: ApiRef): Promise<Stage[]> {
    const response = await this.call(`GetStages of ${label(api)}`, (client) =>
      client.send(new GetStagesCommand({ restApiId: api.id })),
    );
    return response.item ?? [];
  }

  async importApi(document: JsonObject, options: ImportOptions): Promise<RestApi> {
    return this.call(
      `ImportRestApi "${String((document.info as JsonObject | undefined)?.title)}"`,
      (client) =>
        client.send(
          new ImportRestApiCommand({
            body: encode(document),
            failOnWarnings: options.failOnWarnings,
            parameters: { endpointConfigurationTypes: options.endpointType },
          }),
        ),
    );
  }

  async putApi(api: ApiRef, document: JsonObject, options: PutOptions): Promise<RestApi> {
    return this.call(`PutRestApi (${options.mode}) of ${label(api)}`, (client) =>
      client.send(
        new PutRestApiCommand({
          restApiId: api.id,
          body: encode(document),
          mode: options.mode,
          failOnWarnings: options.failOnWarnings,
        }),
      ),
    );
  }

  async createDeployment(api: ApiRef, input: DeploymentInput): Promise<Deployment> {
    return this.call(`CreateDeployment to ${input.stageName} of ${label(api)}`, (client) =>
      client.send(new CreateDeploymentCommand({ restApiId: api.id, ...input })),
    );
  }

  async updateStage(api: ApiRef, stage: string, patchOperations: PatchOperation[]): Promise<Stage> {
    return this.call(`UpdateStage ${stage} of ${label(api)}`, (client) =>
      client.send(new UpdateStageCommand({ restApiId: api.id, stageName: stage, patchOperations })),
    );
  }
}

function label(api: ApiRef): string {
  return api.name === api.id ? api.id : `${api.name} (${api.id})`;
}

function encode(document: JsonObject): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document));
}
