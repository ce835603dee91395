import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Responder = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A local HTTP server that answers each request with the next scripted responder: failures on purpose. */
export interface ScriptedServer {
  origin: string;
  seen: SeenRequest[];
  /** Queues responders for the next requests; when the queue is empty, requests get a 500. */
  script(...responders: Responder[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Responder[] = [];
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      (queue.shift() ?? status(500))(req, res, body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    script: (...responders) => queue.push(...responders),
    close: async () => {
      // Hanging responders leave sockets open on purpose; cut them.
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/** A JSON answer (problem+json for errors, as the Cellar API sends them). */
export function status(code: number, body?: unknown, headers: Record<string, string> = {}): Responder {
  return (_req, res) => {
    const payload =
      body === undefined && code >= 400
        ? { type: "https://cellar.dev/problems/test", title: `Status ${code}`, status: code }
        : body;
    res.writeHead(code, {
      "content-type": code >= 400 ? "application/problem+json" : "application/json",
      ...headers,
    });
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
  };
}

/** Never answers: the client has to give up on its own. */
export const hang: Responder = () => {};

/** Sends the status line and half a body, then stalls. */
export const stallBody: Responder = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"status":"ok",');
};

/** Drops the connection without answering: a network error on the client. */
export const dropConnection: Responder = (req) => {
  req.socket.destroy();
};
