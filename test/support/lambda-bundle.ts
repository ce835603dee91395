import { build } from "esbuild";

/**
 * What Lambda runs (infra/bundle/lambda-bundles.ts bundles the same way): one ESM bundle per
 * handler, database drivers loaded lazily and left out, AWS SDK clients from the runtime.
 */
export async function bundleForLambda(
  entry: string,
  outfile: string,
  { minify = false } = {},
): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify,
    platform: "node",
    target: "node22",
    format: "esm",
    external: ["@electric-sql/pglite", "pg", "@aws-sdk/*"],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: "silent",
  });
  return outfile;
}
