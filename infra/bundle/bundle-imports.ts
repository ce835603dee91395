import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { ENTRY_PREFIX, type LambdaEntry, lambdaBuildOptions, lambdaEntries } from "./lambda-bundles.js";

const SDK_CLIENT = /^@aws-sdk\/client-([a-z0-9-]+)(?:\/|$)/;
/** A client bundled in rather than left to the runtime, should `external` ever stop naming @aws-sdk. */
const BUNDLED_SDK_CLIENT = /(?:^|\/)node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//;

/**
 * The AWS SDK clients each bundle can load (`@aws-sdk/client-sqs` → `sqs`), by bundle name. Built as
 * `bundleLambdas` builds (the same options), in memory, reading esbuild's metafile: an import esbuild
 * left external (the runtime's SDK) and a client bundled in both count; a dynamic `import()` counts
 * too, since the function may take that path in production.
 */
export async function sdkClientsByBundle(
  entries: readonly LambdaEntry[] = lambdaEntries(),
): Promise<Map<string, string[]>> {
  const metafile = await lambdaMetafile(entries);
  const clients = new Map<string, string[]>();
  for (const output of Object.values(metafile.outputs)) {
    if (!output.entryPoint?.startsWith(ENTRY_PREFIX)) continue;
    const found = new Set<string>();
    for (const { path } of output.imports) {
      const client = SDK_CLIENT.exec(path)?.[1];
      if (client) found.add(client);
    }
    for (const input of Object.keys(output.inputs)) {
      const client = BUNDLED_SDK_CLIENT.exec(input)?.[1];
      if (client) found.add(client);
    }
    clients.set(output.entryPoint.slice(ENTRY_PREFIX.length), [...found].sort());
  }
  return clients;
}

/** The metafile of building `entries` exactly as `bundleLambdas` does, in memory (nothing written). */
export async function lambdaMetafile(entries: readonly LambdaEntry[] = lambdaEntries()): Promise<Metafile> {
  const { metafile } = await build({
    ...lambdaBuildOptions(join(tmpdir(), "cellar-bundle-imports"), entries),
    write: false,
    metafile: true,
  });
  return metafile;
}
