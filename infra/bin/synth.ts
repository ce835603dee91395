import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { App } from "aws-cdk-lib";
import { parseCommandLine } from "../../tools/cli/command-line.js";
import { addCellarStacks } from "../app/cellar-app.js";
import { bundleLambdas } from "../bundle/lambda-bundles.js";
import { loadInfraConfig } from "../config/load-config.js";
import { repoRoot } from "../operations/operation-functions.js";
import { buildDemoAppForSite } from "./demo-app.js";

/**
 * `npm run synth`: bundles every function with esbuild and writes the cloud assembly to infra/cdk.out
 * (or CDK_OUTDIR, when the CDK CLI runs this file as its app). No AWS credentials, Docker or lookups.
 */
export async function synth(
  outdir = process.env.CDK_OUTDIR ?? join(repoRoot, "infra/cdk.out"),
  context: Record<string, string> = {},
) {
  const config = loadInfraConfig();
  await buildDemoAppForSite(config);
  const bundleDir = mkdtempSync(join(tmpdir(), "cellar-bundles-"));
  try {
    const started = Date.now();
    const bundles = await bundleLambdas(bundleDir);
    const bundledMs = Date.now() - started;
    const app = new App({ outdir: resolve(outdir), context });
    const stacks = addCellarStacks(app, config, bundles);
    const assembly = app.synth();
    return { assembly, stacks, bundledMs, totalMs: Date.now() - started, outdir: resolve(outdir) };
  } finally {
    // Assets were copied into the assembly; the bundles themselves are not needed any more.
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  parseCommandLine({
    name: "npm run synth",
    help: "Usage: npm run synth\n\nSynthesizes the CDK app (every stack, every region) into infra/cdk.out, Lambda bundles included.\n\nOptions:\n  -h, --help   show this help\n",
    options: {},
  });
  const { assembly, bundledMs, totalMs, outdir } = await synth();
  for (const stack of assembly.stacks) {
    console.log(`${stack.stackName.padEnd(24)} ${stack.environment.region.padEnd(16)} ${stack.templateFile}`);
    for (const message of stack.messages.filter((m) => m.level !== "info")) {
      console.log(`  ${message.level}: ${String(message.entry.data)} (${message.id})`);
    }
  }
  console.log(
    `\nSynthesized ${assembly.stacks.length} stacks into ${relative(process.cwd(), outdir) || "."} in ${totalMs} ms (bundling ${bundledMs} ms).`,
  );
}
