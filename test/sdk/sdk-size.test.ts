import { describe, expect, it } from "vitest";
import { measureSdkSize, SIZE_LIMIT_BYTES } from "../../bench/sdk-size.js";

describe("SDK bundle size (npm run bench prints it)", () => {
  it("keeps every version entry under 10 KB gzipped, openapi-fetch included", async () => {
    const [baseline, ...entries] = await measureSdkSize();
    expect(baseline!.entry).toBe("openapi-fetch (alone)");
    expect(entries.map((row) => row.entry)).toEqual(["@cellar/sdk/v1", "@cellar/sdk/v2"]);
    for (const row of entries) {
      expect(row.gzipBytes, row.entry).toBeLessThan(SIZE_LIMIT_BYTES);
      // The SDK contains openapi-fetch, so it cannot be smaller: a sanity check on the measurement.
      expect(row.gzipBytes, row.entry).toBeGreaterThan(baseline!.gzipBytes);
    }
  });
});
