import { Duration, Stack } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import type { VersionedApi } from "./versioned-api.construct.js";

export const HEALTH_CHECK_PATH = "/v1/ping";

/** `eu-west-1.api.example.com`: reaches one region directly, for health checks and debugging. */
export const regionalDomainName = (config: InfraConfig, region: string): string =>
  `${region}.${config.domain.apiDomainName}`;

/**
 * The API's public names in one region: the shared name (latency-routed between regions, each record
 * guarded by this region's health check) and a region-specific name, both mapping `/v1` and `/v2`
 * to their stages. The health check targets the regional name: checking the shared one would test
 * whichever region is closest to the checker.
 */
export class ApiDomain extends Construct {
  readonly healthCheck: route53.HealthCheck;

  constructor(scope: Construct, id: string, props: { config: InfraConfig; apis: readonly VersionedApi[] }) {
    super(scope, id);
    const { config } = props;
    const region = Stack.of(this).region;
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
      hostedZoneId: config.domain.hostedZoneId,
      zoneName: config.domain.hostedZoneName,
    });
    const sharedName = config.domain.apiDomainName;
    const regionalName = regionalDomainName(config, region);
    // Regional endpoints need a certificate from their own region.
    const certificate = new acm.Certificate(this, "Certificate", {
      domainName: sharedName,
      subjectAlternativeNames: [regionalName],
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const domains = [sharedName, regionalName].map(
      (domainName, index) =>
        new apigateway.DomainName(this, index === 0 ? "SharedDomain" : "RegionalDomain", {
          domainName,
          certificate,
          endpointType: apigateway.EndpointType.REGIONAL,
          securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
        }),
    );
    for (const domain of domains) {
      for (const { api, stage, version } of props.apis) {
        // Base path = version: /v1 -> prodv1, /v2 -> prodv2, exactly what the local stage emulates.
        domain.addBasePathMapping(api, { basePath: version, stage });
      }
    }
    const [sharedDomain, regionalDomain] = domains as [apigateway.DomainName, apigateway.DomainName];

    this.healthCheck = new route53.HealthCheck(this, "HealthCheck", {
      type: route53.HealthCheckType.HTTPS,
      fqdn: regionalName,
      port: 443,
      resourcePath: HEALTH_CHECK_PATH,
      enableSNI: true,
      requestInterval: Duration.seconds(30),
      failureThreshold: 3,
      regions: config.healthCheckRegions,
    });
    new route53.ARecord(this, "LatencyRecord", {
      zone,
      recordName: sharedName,
      target: route53.RecordTarget.fromAlias(new targets.ApiGatewayDomain(sharedDomain)),
      region,
      setIdentifier: `${config.name}-${region}`,
      healthCheck: this.healthCheck,
    });
    new route53.ARecord(this, "RegionalRecord", {
      zone,
      recordName: regionalName,
      target: route53.RecordTarget.fromAlias(new targets.ApiGatewayDomain(regionalDomain)),
    });
  }
}
