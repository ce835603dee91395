import { render } from "velocityjs";

/** What a generated OPTIONS mock's integration response is made of. */
export interface MockIntegrationResponse {
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

export interface GatewayPreflightRequest {
  /** Request headers as the client spelled them (API Gateway keeps the spelling). */
  headers: Record<string, string>;
  stageVariables: Record<string, string>;
}

export interface GatewayPreflightAnswer {
  statusCode: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
}

const HEADER = "method.response.header.";

/**
 * What API Gateway answers a preflight with, from an OPTIONS mock's default integration response:
 * its static (`'value'`) and stage-variable header mappings, then the mapping template run by a real
 * Velocity engine (velocityjs) with the `$input`, `$stageVariables` and `$context.responseOverride`
 * that API Gateway provides, the template's header overrides applied last. `$input.params().header`
 * is a map with `get`, as in API Gateway.
 */
export function answerGatewayPreflight(
  response: MockIntegrationResponse,
  request: GatewayPreflightRequest,
): GatewayPreflightAnswer {
  const headers: Record<string, string> = {};
  for (const [key, source] of Object.entries(response.responseParameters ?? {})) {
    if (!key.startsWith(HEADER)) throw new Error(`unexpected response parameter ${key}`);
    const value = headerSource(source, request.stageVariables);
    if (value !== undefined) headers[key.slice(HEADER.length).toLowerCase()] = value;
  }
  const template = response.responseTemplates?.["application/json"];
  if (template !== undefined) {
    const context = { responseOverride: { header: {} as Record<string, unknown> } };
    const header = new Map(Object.entries(request.headers));
    const params = { header, path: new Map<string, string>(), querystring: new Map<string, string>() };
    render(template, {
      input: { params: (name?: string) => (name === undefined ? params : header.get(name)) },
      stageVariables: request.stageVariables,
      context,
    });
    for (const [name, value] of Object.entries(context.responseOverride.header)) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
  }
  return { statusCode: Number(response.statusCode ?? 200), headers };
}

function headerSource(source: string, stageVariables: Record<string, string>): string | undefined {
  const literal = /^'(.*)'$/.exec(source);
  if (literal) return literal[1];
  const variable = /^stageVariables\.([A-Za-z0-9_]+)$/.exec(source);
  if (variable) return stageVariables[variable[1]!];
  throw new Error(`unsupported header mapping ${source}`);
}
