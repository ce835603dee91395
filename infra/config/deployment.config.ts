import { defineInfraConfig } from "./infra-config.js";

/**
 * The deployment `npm run synth` and `npm run deploy` use unless CELLAR_INFRA_CONFIG names a JSON
 * file. The account, zone and domains are placeholders: synth works with them, deploy does not.
 */
export const deploymentConfig = defineInfraConfig({
  account: "123456789012",
  regions: [
    { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b"] },
    { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b"] },
  ],
  domain: {
    apiDomainName: "api.cellar.example.com",
    hostedZoneId: "Z0000000EXAMPLE",
    hostedZoneName: "cellar.example.com",
  },
  site: { domainName: "www.cellar.example.com" },
  corsOrigins: ["https://www.cellar.example.com"],
});
