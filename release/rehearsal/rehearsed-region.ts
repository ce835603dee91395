import type { LambdaHandler } from "../../src/local/handler-registry.js";
import type { Logger } from "../../src/local/logger.js";
import type { Emulators } from "./emulators.js";
import { aliasDispatchingHandlers, LambdaRegistry } from "./lambda-registry.js";
import { readDeployedStages, type ServedStages, serveStages } from "./region-stages.js";

/**
 * One rehearsed region: its Lambda functions and, once its stages are deployed, two "custom domains"
 * serving them from what API Gateway exports: the regional name (live stages) and the preview name.
 */
export class RehearsedRegion {
  readonly registry = new LambdaRegistry();
  private readonly handlers: Record<string, LambdaHandler>;
  private served: { live: ServedStages; preview: ServedStages } | undefined;

  constructor(
    readonly region: string,
    private readonly app: string,
    private readonly versions: readonly string[],
    operationIds: readonly string[],
    private readonly emulators: Emulators,
    private readonly logger: Logger,
  ) {
    this.handlers = aliasDispatchingHandlers(this.registry, operationIds);
  }

  /** (Re)reads every stage from API Gateway and serves it; call after each import. */
  async serve(): Promise<void> {
    await this.close();
    const gateway = this.emulators.apiGateway(this.region);
    const options = {
      region: this.region,
      cognitoEndpoint: this.emulators.cognito.endpoint,
      logger: this.logger,
    };
    const [live, preview] = await Promise.all(
      (["live", "preview"] as const).map(async (role) =>
        serveStages(await readDeployedStages(gateway, this.app, this.versions, role), this.handlers, options),
      ),
    );
    this.served = { live: live!, preview: preview! };
  }

  get liveEndpoint(): string {
    return this.endpoints().live.endpoint;
  }

  get previewEndpoint(): string {
    return this.endpoints().preview.endpoint;
  }

  async close(): Promise<void> {
    const served = this.served;
    this.served = undefined;
    if (served) await Promise.all([served.live.close(), served.preview.close()]);
  }

  private endpoints() {
    if (!this.served) throw new Error(`${this.region} is not serving yet`);
    return this.served;
  }
}
