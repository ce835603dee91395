import { readRuntimeSettings } from "@cellar/runtime";

/** Liveness answer shared by both versions; `region` tells which regional stack answered (latency routing). */
export function pingBody<V extends string>(version: V) {
  return {
    status: "ok" as const,
    version,
    region: readRuntimeSettings().region ?? "local",
    time: new Date().toISOString(),
  };
}
