/**
 * Gzipped runtime size of each `@cellar/sdk` entry point, as a browser app would ship it: bundled
 * from source with esbuild, minified, every export kept. Types cost nothing at runtime and do not
 * count. openapi-fetch alone is the baseline the SDK builds on.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";

export const SIZE_LIMIT_BYTES = 10 * 1024;

const repoRoot = resolve(import.meta.dirname, "..");
const generatedDir = join(repoRoot, "sdk/src/generated");

export interface SizeRow {
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
}

const browserBundle: BuildOptions = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2020",
  write: false,
  logLevel: "silent",
  legalComments: "none",
};

async function measure(entry: string, options: BuildOptions): Promise<SizeRow> {
  const result = await build({ ...browserBundle, ...options });
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  return { entry, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** One row for openapi-fetch alone, then one per version entry of the SDK. */
export async function measureSdkSize(): Promise<SizeRow[]> {
  const versions = readdirSync(generatedDir)
    .filter((file) => file.endsWith(".gen.ts") && file !== "types.gen.ts")
    .sort();
  return Promise.all([
    measure("openapi-fetch (alone)", {
      stdin: { contents: 'export { default as createClient } from "openapi-fetch";', resolveDir: repoRoot },
    }),
    ...versions.map((file) =>
      measure(`@cellar/sdk/${file.slice(0, -".gen.ts".length)}`, { entryPoints: [join(generatedDir, file)] }),
    ),
  ]);
}

export function formatSizeTable(rows: SizeRow[]): string {
  const baseline = rows[0]!;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  const lines = rows.map((row) => {
    const over = row === baseline ? "" : `  (+${kb(row.gzipBytes - baseline.gzipBytes)} over openapi-fetch)`;
    return `${row.entry.padEnd(24)} ${kb(row.minifiedBytes).padStart(10)} min  ${kb(row.gzipBytes).padStart(9)} gzip${over}`;
  });
  return [`SDK runtime size (limit ${kb(SIZE_LIMIT_BYTES)} gzipped per entry)`, ...lines].join("\n");
}

export async function runSdkSizeBench(): Promise<boolean> {
  const rows = await measureSdkSize();
  process.stdout.write(`${formatSizeTable(rows)}\n`);
  const over = rows.slice(1).filter((row) => row.gzipBytes > SIZE_LIMIT_BYTES);
  for (const row of over) process.stderr.write(`${row.entry} is over the limit\n`);
  return over.length === 0;
}

// `npx tsx bench/sdk-size.ts` prints just this table (`npm run bench` includes it among the others).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exit((await runSdkSizeBench()) ? 0 : 1);
}
