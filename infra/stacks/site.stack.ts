import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { Annotations, CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { repoRoot } from "../operations/operation-functions.js";

export interface SiteStackProps extends StackProps {
  config: InfraConfig;
  /** Written to /config.json for the demo app: where the API and the user pool are. */
  appConfig: { userPoolId: string; userPoolClientId: string; cognitoRegion: string };
}

/**
 * The API reference (/docs/) and the demo app (/app/) on S3 behind CloudFront. Lives in us-east-1,
 * the only region whose ACM certificates CloudFront accepts.
 */
export class SiteStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Everything in it is rebuilt from the repository on deploy.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const domainName = config.site.domainName;
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
      hostedZoneId: config.domain.hostedZoneId,
      zoneName: config.domain.hostedZoneName,
    });
    const certificate = domainName
      ? new acm.Certificate(this, "Certificate", {
          domainName,
          validation: acm.CertificateValidation.fromDns(zone),
        })
      : undefined;
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      defaultRootObject: "index.html",
      domainNames: domainName ? [domainName] : undefined,
      certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    if (domainName) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, "SiteRecord", { zone, recordName: domainName, target });
      new route53.AaaaRecord(this, "SiteRecordIpv6", { zone, recordName: domainName, target });
    }
    this.deployContent(props);
    new CfnOutput(this, "SiteUrl", {
      value: `https://${domainName ?? this.distribution.distributionDomainName}`,
    });
  }

  private deployContent(props: SiteStackProps): void {
    const { config } = props;
    const docs = readFileSync(join(repoRoot, "docs/index.gen.html"), "utf8");
    const landing = `<!doctype html><meta charset="utf-8"><title>Cellar</title>
<h1>Cellar</h1><ul><li><a href="/docs/index.html">API reference</a></li><li><a href="/app/index.html">Demo app</a></li></ul>\n`;
    const destination = { destinationBucket: this.bucket, distribution: this.distribution };
    new s3deploy.BucketDeployment(this, "Docs", {
      ...destination,
      sources: [
        s3deploy.Source.data("docs/index.html", docs),
        s3deploy.Source.data("index.html", landing),
        s3deploy.Source.jsonData("config.json", {
          apiBaseUrl: `https://${config.domain.apiDomainName}`,
          ...props.appConfig,
        }),
      ],
      // Leaves /app/ alone: the demo app has its own deployment, pruned under its own prefix.
      prune: false,
      distributionPaths: ["/index.html", "/config.json", "/docs/*"],
    });
    const demoAppDir = config.site.demoAppDir;
    const demoPath = demoAppDir && (isAbsolute(demoAppDir) ? demoAppDir : join(repoRoot, demoAppDir));
    if (demoPath && existsSync(demoPath)) {
      new s3deploy.BucketDeployment(this, "DemoApp", {
        ...destination,
        sources: [s3deploy.Source.asset(demoPath)],
        destinationKeyPrefix: "app/",
        distributionPaths: ["/app/*"],
      });
    } else {
      Annotations.of(this).addWarningV2(
        "cellar:demo-app-missing",
        `Demo app not deployed: ${demoAppDir ?? "site.demoAppDir"} has not been built`,
      );
    }
  }
}
