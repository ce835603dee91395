import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import { DEMO_APP_DIR, DOCS_URL_PATH } from "../../codegen/layout.js";
import type { AppConfig } from "../../examples/mobile-web/src/app-config.js";
import type { InfraConfig } from "../config/infra-config.js";
import { AppApiKey, type AppApiKeyProps } from "../constructs/app-api-key.construct.js";
import { acknowledgeOnce } from "../constructs/nag-acknowledgements.js";
import { WebAcl } from "../constructs/web-acl.construct.js";
import { repoRoot } from "../operations/operation-functions.js";
import { DIRECTORY_INDEX_FUNCTION_CODE } from "../site/directory-index.function.js";
import { docsObjects } from "../site/docs-objects.js";

export interface SiteStackProps extends StackProps {
  config: InfraConfig;
  /** Written to /config.json, which the demo app reads first: where the API and the user pool are. */
  appConfig: AppConfig;
  /** Where the app tier's API key value is kept; its value goes into /config.json as `apiKey`. Absent: no app tier. */
  appApiKey?: AppApiKeyProps;
}

/**
 * The API docs (/docs/: front page, changelog, per version reference, SDK guide, openapi.json) and the demo app (/app/) on S3 behind CloudFront. Lives in us-east-1,
 * the only region whose ACM certificates CloudFront accepts.
 */
export class SiteStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** Access logs of the site bucket (s3/) and of CloudFront (cloudfront/). */
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const { config } = props;
    // S3 server access logs delivered under a bucket policy rather than the legacy LogDeliveryWrite ACL.
    this.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    this.logBucket = this.createLogBucket();
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "s3/",
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
    // CLOUDFRONT scope: only in us-east-1, where this stack lives.
    const webAcl = config.waf.enabled
      ? new WebAcl(this, "WebAcl", { scope: "CLOUDFRONT", name: `${config.name}-site` })
      : undefined;
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, "DirectoryIndex", {
              code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION_CODE),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              comment: "Serves a folder's index.html (/docs/v2/), redirects /docs/v2 to /docs/v2/",
            }),
          },
        ],
      },
      defaultRootObject: "index.html",
      domainNames: domainName ? [domainName] : undefined,
      certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: webAcl?.acl.attrArn,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
    });
    acknowledgeOnce(
      this.distribution,
      "AwsSolutions-CFR1",
      "Public docs and demo app: no country is excluded",
    );
    if (!webAcl)
      acknowledgeOnce(
        this.distribution,
        "AwsSolutions-CFR2",
        "waf.enabled is false in the deployment's config",
      );
    if (domainName) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, "SiteRecord", { zone, recordName: domainName, target });
      new route53.AaaaRecord(this, "SiteRecordIpv6", { zone, recordName: domainName, target });
    }
    this.deployContent(props);
    this.acknowledgeDeploymentHandler();
    new CfnOutput(this, "SiteUrl", {
      value: `https://${domainName ?? this.distribution.distributionDomainName}`,
    });
  }

  /**
   * CloudFront's standard logs are delivered under an ACL grant, so the bucket keeps ACLs on with
   * BucketOwnerPreferred ownership (new buckets have them off); SSE-S3, as SSE-KMS would need a
   * customer managed key whose policy admits the log delivery:
   * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
   */
  private createLogBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, "Logs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeOnce(
      bucket,
      "AwsSolutions-S1",
      "The log bucket itself: logging its own access would log the log deliveries",
    );
    return bucket;
  }

  /** CDK's one BucketDeployment handler per stack: its role, grants and runtime are CDK's, not ours. */
  private acknowledgeDeploymentHandler(): void {
    const handler = this.node.children.find((child) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (!handler) return;
    const bucket = this.resolve(this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket));
    const findings = [
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "AwsSolutions-IAM5[Resource::*]",
      "AwsSolutions-L1",
      ...["GetObject*", "GetBucket*", "List*", "DeleteObject*", "Abort*"].map(
        (action) => `AwsSolutions-IAM5[Action::s3:${action}]`,
      ),
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${this.account}-${this.region}/*]`,
      `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
    ];
    for (const id of findings) {
      acknowledgeOnce(
        handler,
        id,
        "CDK's BucketDeployment handler: reads the asset bucket, writes the site bucket, invalidates CloudFront",
      );
    }
  }

  /** The demo's /config.json: the given settings, and the app's key as the API reads it in every region. */
  private appConfig(props: SiteStackProps): AppConfig {
    if (!props.appApiKey) return props.appConfig;
    return { ...props.appConfig, apiKey: new AppApiKey(this, "AppApiKey", props.appApiKey).value };
  }

  private deployContent(props: SiteStackProps): void {
    const { config } = props;
    const landing = `<!doctype html><meta charset="utf-8"><title>Cellar</title>
<h1>Cellar</h1><ul><li><a href="${DOCS_URL_PATH}/">API docs</a></li><li><a href="/app/">Demo app</a></li></ul>\n`;
    const destination = { destinationBucket: this.bucket, distribution: this.distribution };
    new s3deploy.BucketDeployment(this, "Docs", {
      ...destination,
      sources: [
        // The whole docs/ folder under its served names (docs/v2/openapi.json, docs/v2/sdk.html...).
        ...docsObjects(repoRoot).map(({ key, body }) => s3deploy.Source.data(key, body)),
        s3deploy.Source.data("index.html", landing),
        s3deploy.Source.jsonData("config.json", this.appConfig(props)),
      ],
      // Leaves /app/ alone: the demo app has its own deployment, pruned under its own prefix.
      prune: false,
      distributionPaths: ["/index.html", "/config.json", `${DOCS_URL_PATH}/*`],
    });
    // The demo build the project makes (npm run app:build; npm run synth builds it when missing).
    const demoAppDir = config.site.demoAppDir ?? DEMO_APP_DIR;
    const demoPath = isAbsolute(demoAppDir) ? demoAppDir : join(repoRoot, demoAppDir);
    if (!existsSync(join(demoPath, "index.html")))
      throw new Error(
        `The demo app is not built in ${demoAppDir}: run npm run app:build (npm run synth does)`,
      );
    new s3deploy.BucketDeployment(this, "DemoApp", {
      ...destination,
      sources: [s3deploy.Source.asset(demoPath)],
      destinationKeyPrefix: "app/",
      distributionPaths: ["/app/*"],
    });
  }
}
