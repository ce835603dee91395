import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";
import {
  MIGRATE_FUNCTION,
  type OperationFunction,
  operationFunctions,
  RELEASE_GATE_FUNCTION,
  repoRoot,
} from "../operations/operation-functions.js";
import { WORKER_HANDLER_FILE, workerName, workerQueues } from "../queues/queue-workers.js";

/** Where each function's code is: one directory per bundle, holding `index.mjs`. */
export interface LambdaBundles {
  directoryFor(bundleName: string): string;
}

/** A bundle to build: its name (operationId, worker, `migrate`, `release-gate`) and the source of its entry module. */
export interface LambdaEntry {
  name: string;
  source: string;
}

const WRAPPER = join(repoRoot, "infra/lambda/database-credentials.ts");
const MIGRATE_HANDLER = join(repoRoot, "infra/lambda/migrate.handler.ts");
const RELEASE_GATE_HANDLER = join(repoRoot, "infra/lambda/release-gate.handler.ts");

/**
 * Every operation handler and queue worker behind the database-password wrapper, plus the migrations
 * function and the release gate (neither wrapped: the gate has no database).
 */
export function lambdaEntries(functions: readonly OperationFunction[] = operationFunctions()): LambdaEntry[] {
  const operations = functions.map((fn) => ({
    name: fn.operationId,
    source: [
      `import { handler as operation } from ${JSON.stringify(fn.handlerFile)};`,
      `import { withDatabasePassword } from ${JSON.stringify(WRAPPER)};`,
      "export const handler = withDatabasePassword(operation);",
    ].join("\n"),
  }));
  // One bundle per queue worker: the same code, told its queue by CELLAR_WORKER_QUEUE.
  const workers = workerQueues().map((queue) => ({
    name: workerName(queue),
    source: [
      `import { handler as worker } from ${JSON.stringify(WORKER_HANDLER_FILE)};`,
      `import { withDatabasePassword } from ${JSON.stringify(WRAPPER)};`,
      "export const handler = withDatabasePassword(worker);",
    ].join("\n"),
  }));
  return [
    ...operations,
    ...workers,
    { name: MIGRATE_FUNCTION, source: `export { handler } from ${JSON.stringify(MIGRATE_HANDLER)};` },
    {
      name: RELEASE_GATE_FUNCTION,
      source: `export { handler } from ${JSON.stringify(RELEASE_GATE_HANDLER)};`,
    },
  ];
}

/**
 * One esbuild call for all bundles (esbuild parallelises the entries itself): ESM for Node 22, `pg`
 * bundled as the production driver, PGlite left out (only loaded when DATABASE_URL is not postgres://)
 * and pg-native never loaded by pg unless asked for. No Docker and no CDK bundling involved.
 */
export async function bundleLambdas(
  outDir: string,
  entries: readonly LambdaEntry[] = lambdaEntries(),
): Promise<LambdaBundles> {
  await build(lambdaBuildOptions(outDir, entries));
  return directoryBundles(outDir);
}

/** The esbuild options of `bundleLambdas`, shared with what reads the bundles' imports (bundle-imports.ts). */
export function lambdaBuildOptions(outDir: string, entries: readonly LambdaEntry[]): BuildOptions {
  const sources = new Map(entries.map((entry) => [entry.name, entry.source]));
  const virtualEntries: Plugin = {
    name: "cellar-lambda-entries",
    setup(builder) {
      builder.onResolve({ filter: /^cellar-entry:/ }, (args) => ({
        path: args.path.slice(ENTRY_PREFIX.length),
        namespace: "cellar-entry",
      }));
      builder.onLoad({ filter: /.*/, namespace: "cellar-entry" }, (args) => ({
        contents: sources.get(args.path) ?? "",
        loader: "ts",
        resolveDir: repoRoot,
      }));
    },
  };
  return {
    entryPoints: entries.map((entry) => ({ in: `${ENTRY_PREFIX}${entry.name}`, out: `${entry.name}/index` })),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    minify: true,
    platform: "node",
    target: "node22",
    format: "esm",
    // The nodejs22.x runtime ships AWS SDK v3: bundling @aws-sdk/client-sqs would add ~450 KB to every
    // function that can send to a queue, for a module that is only loaded when it sends.
    external: ["@electric-sql/pglite", "pg-native", "@aws-sdk/*"],
    // pg is CommonJS and requires Node builtins; an ESM bundle needs a real `require` for them.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    plugins: [virtualEntries],
    logLevel: "error",
  };
}

/** How an entry point is named to esbuild (and in its metafile): `cellar-entry:<bundle name>`. */
export const ENTRY_PREFIX = "cellar-entry:";

/**
 * For template tests, which never look inside the code: a one-line handler per bundle, written in
 * milliseconds instead of bundling every handler in every test file.
 */
export function stubLambdaBundles(outDir: string, names: readonly string[]): LambdaBundles {
  for (const name of names) {
    mkdirSync(join(outDir, name), { recursive: true });
    writeFileSync(
      join(outDir, name, "index.mjs"),
      "export const handler = async () => ({ statusCode: 200 });\n",
    );
  }
  return directoryBundles(outDir);
}

function directoryBundles(outDir: string): LambdaBundles {
  return { directoryFor: (bundleName) => join(outDir, bundleName) };
}
