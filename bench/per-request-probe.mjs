// Runs in a fresh Node process: loads each bundled variant (each bundle carries its own copy of
// @middy/core, so no call site is shared between variants, as in separate Lambda containers) and
// times their requests in interleaved rounds of fixed duration after a warm-up, so that a burst of
// load on the machine hits every variant alike. Plain JavaScript so that no loader (tsx) runs
// alongside. argv: <cases.json> <variant>=<bundle.mjs>...; prints one JSON object.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [casesFile, ...variantArgs] = process.argv.slice(2);
const { cases, rounds, roundMs, warmupMs } = JSON.parse(readFileSync(casesFile, "utf8"));
const variants = [];
for (const argument of variantArgs) {
  const [name, bundle] = argument.split("=");
  variants.push({ name, module: await import(pathToFileURL(bundle).href) });
}
const context = {
  functionName: "cellar-bench",
  awsRequestId: "warm",
  getRemainingTimeInMillis: () => 29_000,
};

/** Requests for `ms`, each with its own event object as in Lambda; CPU and wall µs per request. */
async function round(handler, template, ms) {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ms * 1_000_000);
  let requests = 0;
  let now = started;
  while (now < deadline) {
    // Read the clock every few requests only, so that reading it costs next to nothing.
    for (let index = 0; index < 16; index += 1) await handler({ ...template }, context);
    requests += 16;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / requests, wall: Number(now - started) / 1000 / requests };
}

const results = {};
for (const { id, exportName, event } of cases) {
  const running = [];
  results[id] = {};
  for (const { name, module } of variants) {
    const handler = module[exportName];
    if (typeof handler !== "function") continue;
    const first = await handler({ ...event }, context);
    results[id][name] = { statusCode: first.statusCode, body: first.body, samples: [] };
    running.push({ name, handler });
    await round(handler, event, warmupMs);
  }
  for (let index = 0; index < rounds; index += 1) {
    for (const { name, handler } of running)
      results[id][name].samples.push(await round(handler, event, roundMs));
  }
}
process.stdout.write(JSON.stringify(results));
