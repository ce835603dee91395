import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { CannedResponse } from "./bare-http-server.js";
import { startChildServer } from "./child-server.js";
import type { Figure } from "./figure.js";

const WARMUP_SECONDS = 1;
const SECONDS = 4;
const CONNECTIONS = 10;

const ROUTES = [
  { id: "ping", label: "GET /v1/ping", url: "/v1/ping" },
  {
    id: "geo",
    label: "GET /v1/wineries (geo query, 10k rows)",
    url: "/v1/wineries?lat=38.5&lng=-122.4&radiusKm=25&limit=20",
  },
] as const;

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

async function load(url: string): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  }
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The local stage (gateway routing, proxy event, the real handler, the database) against a bare
 * node:http server that answers the same bytes, both loaded by autocannon over loopback for a
 * bounded time. Both servers run in their own process; autocannon runs in this one.
 */
export async function measureThroughput(databaseUrl: string): Promise<Figure[]> {
  const scratch = mkdtempSync(join(tmpdir(), "cellar-bench-http-"));
  const stage = await startChildServer("bench/stage-server.ts", [], {
    ...process.env,
    DATABASE_URL: databaseUrl,
  });
  try {
    const canned: Record<string, CannedResponse> = {};
    for (const route of ROUTES) {
      const response = await fetch(`${stage.origin}${route.url}`);
      if (!response.ok) throw new Error(`${route.url} answered ${response.status}: ${await response.text()}`);
      const contentType = response.headers.get("content-type") ?? "application/json";
      canned[route.url] = { status: response.status, contentType, body: await response.text() };
    }
    const cannedFile = join(scratch, "canned.json");
    writeFileSync(cannedFile, JSON.stringify(canned));
    const bare = await startChildServer("bench/bare-http-server.ts", [cannedFile]);
    try {
      const figures: Figure[] = [];
      for (const route of ROUTES) {
        const ours = await load(`${stage.origin}${route.url}`);
        const baseline = await load(`${bare.origin}${route.url}`);
        figures.push({
          id: `throughput.${route.id}`,
          group: `Local stage throughput (autocannon, ${CONNECTIONS} connections, ${SECONDS} s)`,
          label: route.label,
          value: ours.requestsPerSecond,
          unit: "req/s",
          baseline: { label: "bare node:http, same JSON", value: baseline.requestsPerSecond },
          better: "higher",
          checkOn: "ratio",
          note: `p50/p99 ${ours.p50}/${ours.p99} ms vs ${baseline.p50}/${baseline.p99} ms; ${canned[route.url]!.body.length} B`,
        });
      }
      return figures;
    } finally {
      await bare.stop();
    }
  } finally {
    await stage.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
