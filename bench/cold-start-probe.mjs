// Runs in a fresh Node process: imports one bundled handler and answers one event, timing both.
// Plain JavaScript on purpose: no loader (tsx) may add to what is being measured.
import { pathToFileURL } from "node:url";

const [bundle, eventJson] = process.argv.slice(2);
const event = eventJson ? JSON.parse(eventJson) : undefined;
const context = {
  functionName: "cellar-bench",
  awsRequestId: "cold",
  getRemainingTimeInMillis: () => 29_000,
};

// CPU time next to wall time: on a busy machine only the CPU time still says what loading costs.
const cpuMs = (since) => {
  const usage = process.cpuUsage(since);
  return (usage.user + usage.system) / 1000;
};
const cpuStarted = process.cpuUsage();
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - started;
const importCpuMs = cpuMs(cpuStarted);
const result = event === undefined ? undefined : await handler(event, context);
const totalMs = performance.now() - started;
const totalCpuMs = cpuMs(cpuStarted);

// Exit once written: a handler's database pool would otherwise keep the process alive.
process.stdout.write(
  JSON.stringify({ importMs, importCpuMs, totalMs, totalCpuMs, statusCode: result?.statusCode }),
  () => process.exit(0),
);
