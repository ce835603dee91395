import { problem, sendGatewayProblem, sendProblem } from "./problem.js";
import { type BodyResult, discardRemainingBody } from "./request-body.js";
import type { RequestScope } from "./request-scope.js";

/** Answers a body that could not be read: 413 (then drains the rest), 408 (then hangs up), or nothing if the client left. */
export function rejectUnreadableBody(
  scope: RequestScope,
  failure: Exclude<BodyResult, { ok: true }>,
  limits: { maxBytes: number; timeoutMs: number },
): void {
  if (failure.reason === "aborted") {
    scope.res.destroy();
    return;
  }
  if (failure.reason === "timeout") {
    const detail = `The request body did not arrive within ${limits.timeoutMs} ms`;
    sendProblem(scope.res, problem("request-timeout", detail, scope.path), { closeConnection: true });
    return;
  }
  const detail = `The request body exceeds ${limits.maxBytes} bytes`;
  sendGatewayProblem(scope.res, "REQUEST_TOO_LARGE", detail, scope.path);
  discardRemainingBody(scope.req, limits);
}
