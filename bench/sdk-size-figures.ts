import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Figure } from "./figure.js";

/** What bench/sdk-size.ts (written alongside the SDK) is expected to export. */
interface SdkSizeModule {
  measureSdkSize(): Promise<Array<{ entry: string; minifiedBytes: number; gzipBytes: number }>>;
  SIZE_LIMIT_BYTES?: number;
}

/**
 * The SDK's runtime size per version entry against openapi-fetch alone, from bench/sdk-size.ts.
 * That file comes with the SDK; until it exists (or when the SDK is not generated) this returns
 * the reason instead of figures.
 */
export async function measureSdkFigures(): Promise<Figure[] | string> {
  if (!existsSync(join(import.meta.dirname, "sdk-size.ts"))) return "not built yet";
  // A computed specifier, so that this file typechecks whether or not sdk-size.ts exists.
  const specifier = "./sdk-size.js";
  const module = (await import(specifier)) as Partial<SdkSizeModule>;
  if (typeof module.measureSdkSize !== "function")
    return "not built yet (bench/sdk-size.ts has no measureSdkSize)";
  let rows: Awaited<ReturnType<SdkSizeModule["measureSdkSize"]>>;
  try {
    rows = await module.measureSdkSize();
  } catch (error) {
    return `not built yet (${(error as Error).message.split("\n")[0]})`;
  }
  const alone = rows.find((row) => row.entry.startsWith("openapi-fetch"));
  if (!alone) return "not built yet (no openapi-fetch baseline row)";
  const limit = module.SIZE_LIMIT_BYTES;
  return rows
    .filter((row) => row !== alone)
    .map((row) => ({
      id: `sdk.${row.entry.replace(/^@cellar\/sdk\//, "")}`,
      group: "SDK runtime size (esbuild, browser, minified, gzip -9)",
      label: row.entry,
      value: row.gzipBytes,
      unit: "B" as const,
      baseline: { label: "openapi-fetch alone", value: alone.gzipBytes },
      better: "lower" as const,
      ...(limit === undefined
        ? {}
        : { target: { text: `≤ ${limit / 1024} KB gzipped`, met: row.gzipBytes <= limit } }),
      checkOn: "value" as const,
      note: `${(row.minifiedBytes / 1024).toFixed(1)} KB minified`,
    }));
}
