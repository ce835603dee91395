import { corsOriginsProblems } from "../../src/runtime/cors-origins.js";

/** One AWS region of the deployment. */
export interface RegionConfig {
  region: string;
  /**
   * Named here rather than looked up, so synth never calls AWS; two are enough for Aurora and
   * RDS Proxy. Not every region has an "a" and "b" zone for every account (ap-northeast-1 lacks "b").
   */
  availabilityZones: string[];
}

/**
 * CodeDeploy's predefined Lambda deployment configurations (the names of `LambdaDeploymentConfig`):
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html
 */
export const TRAFFIC_SHIFTING_CONFIGS = [
  "CANARY_10PERCENT_5MINUTES",
  "CANARY_10PERCENT_10MINUTES",
  "CANARY_10PERCENT_15MINUTES",
  "CANARY_10PERCENT_30MINUTES",
  "LINEAR_10PERCENT_EVERY_1MINUTE",
  "LINEAR_10PERCENT_EVERY_2MINUTES",
  "LINEAR_10PERCENT_EVERY_3MINUTES",
  "LINEAR_10PERCENT_EVERY_10MINUTES",
  "ALL_AT_ONCE",
] as const;
export type TrafficShifting = (typeof TRAFFIC_SHIFTING_CONFIGS)[number];

/**
 * The gate function runs at most 15 minutes (Lambda's limit); it gets one more minute than it waits,
 * so it always reports its verdict to CodeDeploy before it is cut off.
 */
export const MAX_GATE_TIMEOUT_MINUTES = 14;

/**
 * The floor AWS recommends for Aurora Serverless v2 in a global database: "Aurora global databases –
 * 8 ACUs" in "Choosing the minimum Aurora Serverless v2 capacity setting for a cluster"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.min_capacity_considerations),
 * and 8 ACUs for the primary cluster in "Getting started with Aurora Global Database"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-getting-started.html).
 * A secondary must apply the writer's changes without falling behind (same page: readers that scale
 * independently need a floor "high enough"), so the production default gives it the same floor.
 */
export const GLOBAL_DATABASE_MIN_CAPACITY = 8;

/** Per database role: the primary (home, writer) cluster and every secondary cluster. */
export interface DatabaseFloor {
  primary: number;
  secondary: number;
}

/** The user pool's sign-in settings (infra/README.md, "Sign-in"). */
export interface IdentityConfig {
  /**
   * The hosted sign-in domain `<prefix>.auth.<region>.amazoncognito.com`; unique in its region and
   * without "aws", "amazon" or "cognito". Default: `<name>-<account>`.
   */
  domainPrefix?: string;
  /**
   * Where the hosted UI may send users back with an authorization code (PKCE, no implicit grant).
   * Default: the site's `/app/` when `site.domainName` is set; with none, the app client has no OAuth.
   */
  callbackUrls?: string[];
  /** Where sign-out may return; default: the callback URLs. */
  logoutUrls?: string[];
  /**
   * Send sign-up and password e-mails through SES from this verified address. Unset, Cognito's
   * default sender is used, which allows only a few e-mails a day: not for production.
   */
  email?: {
    fromEmail: string;
    fromName?: string;
    replyTo?: string;
    sesRegion?: string;
    sesVerifiedDomain?: string;
  };
}

/** Everything that differs between deployments of Cellar; see infra/README.md for each field. */
export interface InfraConfig {
  /** Prefix of stack and resource names; the functions are `<name>-<operationId>`. */
  name: string;
  account: string;
  /** The first region is home: Cognito, the Aurora writer and migrations live there. */
  regions: RegionConfig[];
  /** API domain (latency-routed) and its public hosted zone, which must already exist. */
  domain: { apiDomainName: string; hostedZoneId: string; hostedZoneName: string };
  /** The docs and demo app site; without a domain name it is served on its CloudFront name. */
  site: {
    domainName?: string;
    /** The built demo app to deploy under /app/; default DEMO_APP_DIR, which `npm run synth` builds. */
    demoAppDir?: string;
  };
  /** Sign-in: the user pool's hosted domain, its app client's OAuth URLs, how it sends e-mail. */
  identity: IdentityConfig;
  /**
   * Origins allowed by CORS (format: src/runtime/cors-origins.ts): the functions' `CORS_ORIGINS` and
   * the stages' `corsOrigins` variable, which the gateway preflights read; the first is also the one
   * gateway-generated errors (401 from the authorizer, throttling) allow.
   */
  corsOrigins: string[];
  lambda: { memorySize: number; timeoutSeconds: number; databasePoolMax: number };
  database: {
    engineVersion: string;
    /** ACU floor per cluster role (see GLOBAL_DATABASE_MIN_CAPACITY and infra/README.md, "Idle cost"). */
    minCapacity: DatabaseFloor;
    maxCapacity: number;
    /** RDS Proxy in front of each regional cluster (see README: "Database"). */
    proxy: boolean;
    deletionProtection: boolean;
  };
  throttling: { rateLimit: number; burstLimit: number };
  /** How a release moves traffic (see infra/README.md, "Release"). */
  release: {
    /** The CodeDeploy configuration that shifts each function's live alias to the candidate. */
    trafficShifting: TrafficShifting;
    /** How long the release gate waits for the release command's verdict before failing the release. */
    gateTimeoutMinutes: number;
  };
  alarms: { serverErrorRate: number; p99LatencyMs: number; email?: string };
  /** Route 53 health checker regions (at least 3); fewer regions, fewer billed pings. */
  healthCheckRegions: string[];
  /** AWS WAF web ACLs (managed common and known-bad-inputs rules, a per-IP rate limit) on every API stage and on CloudFront. */
  waf: { enabled: boolean };
}

export type InfraConfigInput = Omit<
  InfraConfig,
  | "site"
  | "identity"
  | "lambda"
  | "database"
  | "throttling"
  | "release"
  | "alarms"
  | "healthCheckRegions"
  | "name"
  | "waf"
> & {
  name?: string;
  site?: Partial<InfraConfig["site"]>;
  identity?: IdentityConfig;
  lambda?: Partial<InfraConfig["lambda"]>;
  /** `minCapacity` may be one number for every cluster (say 0.5 for a development deployment). */
  database?: Partial<Omit<InfraConfig["database"], "minCapacity">> & {
    minCapacity?: number | Partial<DatabaseFloor>;
  };
  throttling?: Partial<InfraConfig["throttling"]>;
  release?: Partial<InfraConfig["release"]>;
  alarms?: Partial<InfraConfig["alarms"]>;
  healthCheckRegions?: string[];
  waf?: Partial<InfraConfig["waf"]>;
};

export const INFRA_DEFAULTS = {
  name: "cellar",
  // The cold-start measurements favoured 1024 MB: init CPU scales with memory.
  lambda: { memorySize: 1024, timeoutSeconds: 15, databasePoolMax: 2 },
  database: {
    engineVersion: "16.6",
    minCapacity: { primary: GLOBAL_DATABASE_MIN_CAPACITY, secondary: GLOBAL_DATABASE_MIN_CAPACITY },
    // Room above the floor: a maximum equal to the minimum would never scale.
    maxCapacity: 32,
    proxy: true,
    deletionProtection: true,
  },
  throttling: { rateLimit: 200, burstLimit: 400 },
  release: { trafficShifting: "CANARY_10PERCENT_5MINUTES", gateTimeoutMinutes: MAX_GATE_TIMEOUT_MINUTES },
  alarms: { serverErrorRate: 0.05, p99LatencyMs: 3000 },
  healthCheckRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
  waf: { enabled: true },
} as const;

/** Fills defaults and rejects a config that would synthesize but fail to deploy. */
export function defineInfraConfig(input: InfraConfigInput): InfraConfig {
  const config: InfraConfig = {
    ...input,
    name: input.name ?? INFRA_DEFAULTS.name,
    site: { ...input.site },
    identity: { ...input.identity },
    lambda: { ...INFRA_DEFAULTS.lambda, ...input.lambda },
    database: {
      ...INFRA_DEFAULTS.database,
      ...input.database,
      minCapacity: databaseFloor(input.database?.minCapacity),
    },
    throttling: { ...INFRA_DEFAULTS.throttling, ...input.throttling },
    release: { ...INFRA_DEFAULTS.release, ...input.release },
    alarms: { ...INFRA_DEFAULTS.alarms, ...input.alarms },
    healthCheckRegions: input.healthCheckRegions ?? [...INFRA_DEFAULTS.healthCheckRegions],
    waf: { ...INFRA_DEFAULTS.waf, ...input.waf },
  };
  const problems = [...retiredSettings(input), ...configProblems(config)];
  if (problems.length > 0) throw new Error(`Invalid infra config:\n  - ${problems.join("\n  - ")}`);
  return config;
}

function configProblems(config: InfraConfig): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{1,20}$/.test(config.name)) problems.push("name must be 2-21 chars of a-z, 0-9, -");
  if (!/^\d{12}$/.test(config.account)) problems.push("account must be a 12-digit AWS account id");
  if (config.regions.length === 0) problems.push("regions must list at least one region");
  const seen = new Set<string>();
  for (const { region, availabilityZones } of config.regions) {
    if (seen.has(region)) problems.push(`region ${region} is listed twice`);
    seen.add(region);
    if (availabilityZones.length < 2) problems.push(`region ${region} needs at least 2 availability zones`);
    for (const zone of availabilityZones) {
      if (!zone.startsWith(region)) problems.push(`zone ${zone} is not in ${region}`);
    }
  }
  const { apiDomainName, hostedZoneName } = config.domain;
  if (!(apiDomainName === hostedZoneName || apiDomainName.endsWith(`.${hostedZoneName}`))) {
    problems.push(`domain.apiDomainName ${apiDomainName} is not in hosted zone ${hostedZoneName}`);
  }
  const site = config.site.domainName;
  if (site && !(site === hostedZoneName || site.endsWith(`.${hostedZoneName}`))) {
    problems.push(`site.domainName ${site} is not in hosted zone ${hostedZoneName}`);
  }
  problems.push(...identityProblems(config.identity));
  if (config.corsOrigins.length === 0) problems.push("corsOrigins needs at least one origin");
  // The demo app on the site calls the API from the site's origin (its /config.json names the API).
  if (site && config.corsOrigins.length > 0 && !config.corsOrigins.includes(`https://${site}`))
    problems.push(`corsOrigins must list https://${site}: the demo app on the site calls the API from there`);
  // The list becomes a stage variable too, so it must also fit API Gateway's rules for those.
  for (const problem of corsOriginsProblems(config.corsOrigins)) problems.push(`corsOrigins: ${problem}`);
  const { memorySize, timeoutSeconds } = config.lambda;
  if (memorySize < 128 || memorySize > 10240) problems.push("lambda.memorySize must be 128-10240 MB");
  // API Gateway gives up on an integration after 29 s.
  if (timeoutSeconds < 1 || timeoutSeconds > 29) problems.push("lambda.timeoutSeconds must be 1-29");
  const { minCapacity, maxCapacity } = config.database;
  for (const floor of [minCapacity.primary, minCapacity.secondary]) {
    if (!(typeof floor === "number" && floor >= 0.5 && maxCapacity >= floor && maxCapacity <= 256)) {
      // 0 (auto-pause) is refused: RDS Proxy and global database members keep instances running.
      problems.push("database capacity must satisfy 0.5 <= minCapacity <= maxCapacity <= 256");
      break;
    }
  }
  const { trafficShifting, gateTimeoutMinutes } = config.release;
  if (!TRAFFIC_SHIFTING_CONFIGS.includes(trafficShifting)) {
    problems.push(`release.trafficShifting must be one of ${TRAFFIC_SHIFTING_CONFIGS.join(", ")}`);
  }
  if (
    !(
      Number.isInteger(gateTimeoutMinutes) &&
      gateTimeoutMinutes >= 1 &&
      gateTimeoutMinutes <= MAX_GATE_TIMEOUT_MINUTES
    )
  ) {
    problems.push(
      `release.gateTimeoutMinutes must be a whole number of minutes, 1-${MAX_GATE_TIMEOUT_MINUTES}`,
    );
  }
  if (config.healthCheckRegions.length < 3) problems.push("healthCheckRegions needs at least 3 regions");
  // A JSON config could say "false", which would switch the firewall on.
  if (typeof config.waf.enabled !== "boolean") problems.push("waf.enabled must be true or false");
  return problems;
}

function identityProblems({
  domainPrefix,
  callbackUrls = [],
  logoutUrls = [],
  email,
}: IdentityConfig): string[] {
  const problems: string[] = [];
  // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
  if (domainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix))
    problems.push("identity.domainPrefix must be lower-case letters, digits and hyphens, at most 63");
  if (domainPrefix !== undefined && /aws|amazon|cognito/.test(domainPrefix))
    problems.push('identity.domainPrefix may not contain "aws", "amazon" or "cognito"');
  // Cognito takes https callbacks, http only for localhost, and app schemes (myapp://) for native apps.
  for (const url of [...callbackUrls, ...logoutUrls]) {
    if (!URL.canParse(url) || /^http:\/\/(?!localhost[:/])/.test(url) || url.includes("#"))
      problems.push(`identity URL ${url} must be https (http only for localhost) and have no fragment`);
  }
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email.fromEmail))
    problems.push("identity.email.fromEmail must be an e-mail address");
  return problems;
}

function databaseFloor(input: number | Partial<DatabaseFloor> | undefined): DatabaseFloor {
  const defaults = INFRA_DEFAULTS.database.minCapacity;
  if (typeof input === "number") return { primary: input, secondary: input };
  return { ...defaults, ...input };
}

/** Settings a JSON config may still carry from an earlier version of this app. */
function retiredSettings(input: InfraConfigInput): string[] {
  if (!("canary" in input)) return [];
  return [
    'canary is gone: the stage canary was replaced by CodeDeploy traffic shifting of each function\'s live alias; remove it and set release.trafficShifting (see infra/README.md, "Release")',
  ];
}
