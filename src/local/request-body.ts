import type { IncomingMessage } from "node:http";

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: "too-large" | "timeout" | "aborted" };

export interface ReadBodyOptions {
  maxBytes: number;
  /** Deadline for the whole body, so a client dripping bytes cannot hold a request open indefinitely. */
  timeoutMs: number;
}

/**
 * Reads the body into memory up to `maxBytes`. On failure it stops listening at once: the rest is never
 * buffered, and the caller answers with `Connection: close` so the socket goes away after the response.
 */
export function readRequestBody(
  req: IncomingMessage,
  { maxBytes, timeoutMs }: ReadBodyOptions,
): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ ok: false, reason: "too-large" });
  if (req.readableEnded) return Promise.resolve({ ok: true, body: Buffer.alloc(0) });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;

    const finish = (result: BodyResult) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("aborted", onAbort);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) finish({ ok: false, reason: "too-large" });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, received) });
    const onAbort = () => finish({ ok: false, reason: "aborted" });
    const timer = setTimeout(() => finish({ ok: false, reason: "timeout" }), timeoutMs);

    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("aborted", onAbort);
  });
}

export interface DiscardOptions {
  /** Past this many further bytes the client is not worth waiting for: cut the connection. */
  maxBytes: number;
  timeoutMs: number;
}

/**
 * After answering early (413), pulls the rest of the body off the wire and drops it. Closing at once
 * instead would make a client that is still uploading hit a reset before it ever reads the answer.
 */
export function discardRemainingBody(req: IncomingMessage, { maxBytes, timeoutMs }: DiscardOptions): void {
  if (req.readableEnded) return;
  let discarded = 0;
  const cleanup = () => {
    clearTimeout(timer);
    req.off("data", onData);
    req.off("end", cleanup);
    req.off("close", cleanup);
  };
  const cut = () => {
    cleanup();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) cut();
  };
  const timer = setTimeout(cut, timeoutMs);
  timer.unref();
  req.on("data", onData);
  req.on("end", cleanup);
  req.on("close", cleanup);
  req.resume();
}
