/**
 * Baseline for the local stage's throughput: a bare node:http server answering each URL with the
 * exact status, content type and body the stage answered it with. Reads them as JSON from the file
 * named by argv[2]; prints `{"port":n}` once listening; exits on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

const canned = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Record<string, CannedResponse>),
);
const server = createServer((req, res) => {
  const response = canned.get(req.url ?? "");
  if (!response) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(response.status, { "Content-Type": response.contentType }).end(response.body);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
