import { Duration, Stack } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import { Construct } from "constructs";
import {
  basePath,
  healthCheckPath,
  previewHost,
  regionalHost,
  type StageRole,
} from "../../src/topology/topology.js";
import type { InfraConfig } from "../config/infra-config.js";
import type { VersionedApi } from "./versioned-api.construct.js";

/**
 * The API's public names in one region, each mapping `/<v>` to one stage of every version:
 * - the shared name (latency-routed between regions, guarded by this region's health check) and the
 *   regional name `<region>.api.…`: the live stages;
 * - the preview name `preview.<region>.api.…`: the preview stages, for the release command only (no
 *   latency record, no health check).
 * The health checks (one per version) target the regional name: checking the shared one would test
 * whichever region is closest to the checker. The latency record is guarded by a calculated check that
 * is healthy only while every version is, so a region whose v2 fails leaves the shared name too.
 */
export class ApiDomain extends Construct {
  /** The calculated check guarding the latency record. */
  readonly healthCheck: route53.HealthCheck;
  /** By API version: the HTTPS check of that version's live stage on the regional name. */
  readonly versionHealthChecks = new Map<string, route53.HealthCheck>();

  constructor(scope: Construct, id: string, props: { config: InfraConfig; apis: readonly VersionedApi[] }) {
    super(scope, id);
    const { config } = props;
    const region = Stack.of(this).region;
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
      hostedZoneId: config.domain.hostedZoneId,
      zoneName: config.domain.hostedZoneName,
    });
    const sharedName = config.domain.apiDomainName;
    const regionalName = regionalHost(sharedName, region);
    const previewName = previewHost(sharedName, region);
    // Regional endpoints need a certificate from their own region.
    const certificate = new acm.Certificate(this, "Certificate", {
      domainName: sharedName,
      subjectAlternativeNames: [regionalName, previewName],
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const domain = (constructId: string, domainName: string, role: StageRole) => {
      const name = new apigateway.DomainName(this, constructId, {
        domainName,
        certificate,
        endpointType: apigateway.EndpointType.REGIONAL,
        securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      });
      // Base path = version: /v1 -> prodv1 (or previewv1), exactly what the local stage emulates.
      for (const { api, stages, version } of props.apis) {
        name.addBasePathMapping(api, { basePath: basePath(version), stage: stages[role] });
      }
      return name;
    };
    const sharedDomain = domain("SharedDomain", sharedName, "live");
    const regionalDomain = domain("RegionalDomain", regionalName, "live");
    const previewDomain = domain("PreviewDomain", previewName, "preview");

    for (const { version } of props.apis) {
      this.versionHealthChecks.set(
        version,
        new route53.HealthCheck(this, `HealthCheck${version}`, {
          type: route53.HealthCheckType.HTTPS,
          fqdn: regionalName,
          port: 443,
          resourcePath: healthCheckPath(version),
          enableSNI: true,
          requestInterval: Duration.seconds(30),
          failureThreshold: 3,
          regions: config.healthCheckRegions,
        }),
      );
    }
    const children = [...this.versionHealthChecks.values()];
    this.healthCheck = new route53.HealthCheck(this, "HealthCheck", {
      type: route53.HealthCheckType.CALCULATED,
      childHealthChecks: children,
      healthThreshold: children.length,
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
    new route53.ARecord(this, "PreviewRecord", {
      zone,
      recordName: previewName,
      target: route53.RecordTarget.fromAlias(new targets.ApiGatewayDomain(previewDomain)),
    });
  }
}
