import type { Socket } from "node:net";
import { problem } from "./problem.js";

/**
 * Node answers requests its HTTP parser rejects (an oversized URL or header block, a malformed
 * request line) with a bare `431`/`400` before any handler runs. Answer them as problem+json like
 * everything else the stage sends, then close: the connection's framing can no longer be trusted.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A response already under way on this socket (Node's own check) cannot be followed by another.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || error.code === "ECONNRESET" || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const answer = describe(error.code);
  const body = JSON.stringify(answer);
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.title}\r\n` +
      "Content-Type: application/problem+json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}

function describe(code: string | undefined) {
  if (code === "HPE_HEADER_OVERFLOW") {
    return problem(
      "request-header-fields-too-large",
      "The request line and headers exceed the server's limit",
      "/",
    );
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return problem("request-timeout", "The request was not received in time", "/");
  }
  return problem("bad-request", "The request could not be parsed as HTTP", "/");
}
