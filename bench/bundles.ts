import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const repoRoot = resolve(import.meta.dirname, "..");

export type BundleName =
  | "typical"
  | "typicalWithoutKysely"
  | "typicalWithPg"
  | "bareMiddyDatabase"
  | "wrapper"
  | "bareMiddy"
  | "middyValidator"
  | "wrapperModule"
  | "bareMiddyModule"
  | "middyValidatorModule";

export interface Bundle {
  name: BundleName;
  label: string;
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Minified bytes per package (or per folder of ours), largest first. */
  breakdown: Array<{ source: string; bytes: number }>;
}

/**
 * The entry of each bundle: a real handler file, one export of a bench module re-exported as
 * `handler` (for size and cold start), or a whole bench module (for the per-request bench, which
 * runs every benchmarked operation of one variant in a process of its own).
 */
const ENTRIES: Record<
  BundleName,
  {
    label: string;
    file: string;
    exportName?: string;
    alsoExternal?: readonly string[];
    /** Bundle pg in, as Lambda bundles are built (infra/bundle): for cold starts that query Postgres. */
    bundlePg?: boolean;
  }
> = {
  typical: {
    label: "get-winery-v1 handler with kysely (the query builder over pg)",
    file: "src/handlers/get-winery-v1.handler.ts",
  },
  // Issue 8's target excludes "the database driver": pg, and kysely over it, are left out.
  typicalWithoutKysely: {
    label: "get-winery-v1 handler without the database stack (pg, kysely)",
    file: "src/handlers/get-winery-v1.handler.ts",
    alsoExternal: ["kysely"],
  },
  // The database cold start: both answer a real query, with pg bundled in as Lambda ships it.
  typicalWithPg: {
    label: "get-winery-v1 handler, pg bundled in",
    file: "src/handlers/get-winery-v1.handler.ts",
    bundlePg: true,
  },
  bareMiddyDatabase: {
    label: "bare Middy on kysely + pg",
    file: "bench/baselines/bare-middy-get-winery.ts",
    exportName: "getWinery",
    bundlePg: true,
  },
  wrapper: {
    label: "generated wrapper alone (createWineryV1)",
    file: "bench/handlers/create-winery-wrapper.ts",
    exportName: "createWinery",
  },
  bareMiddy: {
    label: "bare Middy",
    file: "bench/baselines/bare-middy-create-winery.ts",
    exportName: "createWinery",
  },
  middyValidator: {
    label: "Middy + runtime ajv + @middy/validator",
    file: "bench/baselines/middy-validator.ts",
    exportName: "createWinery",
  },
  wrapperModule: {
    label: "generated wrapper (bench operations)",
    file: "bench/handlers/generated-wrapper.ts",
  },
  bareMiddyModule: { label: "bare Middy (bench operations)", file: "bench/baselines/bare-middy.ts" },
  middyValidatorModule: {
    label: "Middy + runtime ajv + @middy/validator (bench operations)",
    file: "bench/baselines/middy-validator.ts",
  },
};

/**
 * What Lambda runs, bundled as test/bundle/handler-bundle.test.ts does: one minified ESM file per
 * handler, with the database drivers (loaded lazily by src/db/database.ts) left out.
 */
export async function buildBundle(name: BundleName, outDir: string): Promise<Bundle> {
  const entry = ENTRIES[name];
  const outfile = join(outDir, `${name}.mjs`);
  const source = resolve(repoRoot, entry.file);
  const result = await build({
    ...(entry.exportName
      ? {
          stdin: {
            contents: `export { ${entry.exportName} as handler } from ${JSON.stringify(source)};`,
            resolveDir: repoRoot,
            loader: "ts",
          },
        }
      : { entryPoints: [source] }),
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: ["@electric-sql/pglite", entry.bundlePg ? "pg-native" : "pg", ...(entry.alsoExternal ?? [])],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  });
  const code = readFileSync(outfile);
  return {
    name,
    label: entry.label,
    file: outfile,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    breakdown: breakdownOf(result.metafile),
  };
}

export async function buildBundles(outDir: string): Promise<Record<BundleName, Bundle>> {
  const names = Object.keys(ENTRIES) as BundleName[];
  const bundles = await Promise.all(names.map((name) => buildBundle(name, outDir)));
  return Object.fromEntries(bundles.map((bundle) => [bundle.name, bundle])) as Record<BundleName, Bundle>;
}

function breakdownOf(metafile: Metafile): Bundle["breakdown"] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = sourceOf(input);
      totals.set(source, (totals.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...totals.entries()]
    .map(([source, bytes]) => ({ source, bytes }))
    .filter((entry) => entry.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** `node_modules/@middy/core/index.js` -> `@middy/core`; `src/runtime/x.ts` -> `src/runtime`. */
function sourceOf(input: string): string {
  const path = relative(repoRoot, resolve(repoRoot, input)).replace(/\\/g, "/");
  const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1]!;
  const parts = path.split("/");
  return parts.length > 2 ? parts.slice(0, 2).join("/") : path;
}
