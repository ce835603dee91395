import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { STAGE_ROLES } from "../../src/topology/topology.js";
import type { InfraConfig } from "../config/infra-config.js";
import { acknowledgeOnce } from "./nag-acknowledgements.js";
import type { VersionedApi } from "./versioned-api.construct.js";
import { WebAcl } from "./web-acl.construct.js";

/**
 * One REGIONAL web ACL per region, associated with every stage of every API (live and preview: the
 * preview stages are reachable from the internet too). `waf.enabled: false` leaves the stages bare.
 */
export class ApiFirewall extends Construct {
  readonly webAcl?: WebAcl;

  constructor(scope: Construct, id: string, props: { config: InfraConfig; apis: readonly VersionedApi[] }) {
    super(scope, id);
    const { config, apis } = props;
    if (!config.waf.enabled) {
      for (const api of apis) {
        acknowledgeOnce(api, "AwsSolutions-APIG3", "waf.enabled is false in the deployment's config");
      }
      return;
    }
    this.webAcl = new WebAcl(this, "WebAcl", {
      scope: "REGIONAL",
      name: `${config.name}-api`,
      countOnly: { AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"] },
    });
    for (const api of apis) {
      for (const role of STAGE_ROLES) {
        const stage = api.stages[role];
        const association = new wafv2.CfnWebACLAssociation(this, `${api.version}${role}`, {
          resourceArn: stage.stageArn,
          webAclArn: this.webAcl.acl.attrArn,
        });
        // The ARN is built from the stage's name, so the dependency is said explicitly.
        association.node.addDependency(stage);
      }
    }
  }
}
