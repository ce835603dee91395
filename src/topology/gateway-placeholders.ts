/**
 * The region- and account-bound values a generated API Gateway definition leaves open, and how they
 * are filled. Codegen writes them (codegen/emit-gateway.ts), the gateway CLI fills or restores them
 * (tools/gateway/definition/arn.rewriter.ts) and the CDK app fills them
 * (infra/gateway/render-gateway-definition.ts); test/topology/gateway-placeholders.test.ts proves the
 * three agree. No imports: codegen runs before the generated route table this folder's topology reads.
 */
export const GATEWAY_PLACEHOLDERS = {
  region: "{{region}}",
  accountId: "{{accountId}}",
  userPoolId: "{{userPoolId}}",
} as const;

export type GatewayPlaceholderName = keyof typeof GATEWAY_PLACEHOLDERS;
export type GatewayPlaceholderValues = Record<GatewayPlaceholderName, string>;

/** The stage variable every generated integration qualifies its Lambda ARN with. */
export const ALIAS_STAGE_VARIABLE = "alias";
/** Filled by API Gateway on each request from the stage's variables, never by deploy tools. */
export const ALIAS_QUALIFIER = `\${stageVariables.${ALIAS_STAGE_VARIABLE}}`;

/** Any `{{name}}`, known or not: whatever is left after filling is an error, not a literal. */
const ANY_PLACEHOLDER = /\{\{\s*[A-Za-z0-9_]+\s*\}\}/g;

/** Every `{{name}}` in `text`, in order, repeats included. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(ANY_PLACEHOLDER)].map((match) => match[0]);
}

/** `text` with each placeholder `values` names replaced; the others are left for the caller to report. */
export function fillGatewayPlaceholders(text: string, values: Partial<GatewayPlaceholderValues>): string {
  let filled = text;
  for (const name of Object.keys(GATEWAY_PLACEHOLDERS) as GatewayPlaceholderName[]) {
    const value = values[name];
    if (value !== undefined) filled = filled.replaceAll(GATEWAY_PLACEHOLDERS[name], value);
  }
  return filled;
}

/**
 * The URI API Gateway invokes a Lambda function through (`aws_proxy` integrations): the regional
 * API Gateway service path wrapping the function's ARN, qualified by an alias or version.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
export function lambdaIntegrationUri(
  region: string,
  accountId: string,
  functionName: string,
  qualifier: string,
): string {
  const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${functionName}:${qualifier}`;
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** What codegen writes for the Cognito authorizer: the pool's ARN with all three fields open. */
export const USER_POOL_ARN_PLACEHOLDER = `arn:aws:cognito-idp:${GATEWAY_PLACEHOLDERS.region}:${GATEWAY_PLACEHOLDERS.accountId}:userpool/${GATEWAY_PLACEHOLDERS.userPoolId}`;
