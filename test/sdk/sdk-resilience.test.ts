import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  type ClientOptions,
  createClient,
  type GetWineryError,
  isApiError,
  NetworkError,
  TimeoutError,
} from "../../sdk/src/generated/v2.gen.js";
import {
  dropConnection,
  hang,
  type ScriptedServer,
  stallBody,
  startScriptedServer,
  status,
} from "./support/scripted-server.js";

const wineryId = "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45";
const winery = { id: wineryId, name: "Oak Hollow" };
const newWinery = { name: "Marrow Creek", location: { lat: 38.5, lng: -122.4 }, region: "Napa Valley" };
/**
 * Waits for a condition the test can observe but no event announces (a response read, a timer set),
 * a bounded number of event-loop turns: setImmediate, which the fake timers below leave real.
 */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 10_000; turn++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

/** Whether a promise has settled yet, without waiting for it. */
function watch(promise: Promise<unknown>): { settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled };
}

/**
 * A fetch that answers from a list without a socket: for the tests of the SDK's own waits, where
 * fake timers must not also stop the HTTP stack's timers (fetch's keep-alive and header timers).
 */
function answering(...answers: Response[]): {
  fetch: (request: Request) => Promise<Response>;
  calls: number;
} {
  const answerer = {
    calls: 0,
    fetch: async (_request: Request) => {
      answerer.calls += 1;
      return answers.shift() ?? new Response(null, { status: 500 });
    },
  };
  return answerer;
}
const json = (code: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status: code,
    headers: { "content-type": code >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
const problem = (code: number) => ({
  type: "https://cellar.dev/problems/test",
  title: `Status ${code}`,
  status: code,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("SDK resilience, against a server that fails on purpose", () => {
  let server: ScriptedServer;
  // Tiny backoff: these tests count attempts, they do not wait for them.
  const client = (options: Partial<ClientOptions> = {}) =>
    createClient({ baseUrl: server.origin, retry: { baseDelayMs: 1 }, ...options });

  // A new server (so a new origin and connection pool) per test: a socket a previous test left
  // hanging can never be reused and eat one of this test's scripted answers.
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => {
    vi.useRealTimers();
    return server.close();
  });

  describe("retries", () => {
    it("retries a GET on 5xx and returns the answer that finally succeeds", async () => {
      server.script(status(503), status(502), status(200, winery));
      await expect(client().getWinery({ wineryId })).resolves.toEqual(winery);
      expect(server.seen.map((request) => `${request.method} ${request.url}`)).toEqual(
        Array(3).fill(`GET /v2/wineries/${wineryId}`),
      );
    });

    it("gives up after maxRetries with the last ApiError", async () => {
      server.script(status(500), status(500), status(500), status(200, winery));
      const error = await client()
        .getWinery({ wineryId })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(500);
      expect(server.seen).toHaveLength(3);
    });

    it("does not retry a 4xx, and types the problem body by status", async () => {
      const detail = "Winery does not exist.";
      server.script(status(404, { type: "about:blank", title: "Not Found", status: 404, detail }));
      const error = await client()
        .getWinery({ wineryId })
        .catch((caught: unknown) => caught);
      expect(server.seen).toHaveLength(1);
      if (!isApiError<GetWineryError, 404>(error, 404)) throw new Error("expected an ApiError 404");
      // Narrowed to ApiError<404, Problem>: `detail` is typed.
      expect(error.body.detail).toBe(detail);
      expect(error.problem?.title).toBe("Not Found");
      expect(error.message).toContain("404 Not Found: Winery does not exist.");
    });

    it("retries 429 after the Retry-After the server asks for", async () => {
      // No request timeout: the one timer left is the wait before the retry.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const answers = answering(json(429, problem(429), { "retry-after": "1" }), json(200, winery));
      const pending = client({ timeoutMs: 0, fetch: answers.fetch }).getWinery({ wineryId });
      await until(() => vi.getTimerCount() === 1, "the SDK waits before retrying");
      vi.advanceTimersByTime(999);
      expect(vi.getTimerCount(), "still waiting 1 ms before the Retry-After").toBe(1);
      expect(answers.calls).toBe(1);
      vi.advanceTimersByTime(1);
      await expect(pending).resolves.toEqual(winery);
      expect(answers.calls).toBe(2);
    });

    it("surfaces the error instead of retrying when Retry-After exceeds maxDelayMs", async () => {
      server.script(status(503, undefined, { "retry-after": "120" }), status(200, winery));
      const error = await client()
        .getWinery({ wineryId })
        .catch((caught: unknown) => caught);
      expect(isApiError(error, 503)).toBe(true);
      expect((error as ApiError).headers.get("retry-after")).toBe("120");
      expect(server.seen).toHaveLength(1);
    });

    it("retries network errors, then throws a NetworkError when they persist", async () => {
      server.script(dropConnection, status(200, winery));
      await expect(client().getWinery({ wineryId })).resolves.toEqual(winery);
      server.seen.length = 0;
      server.script(dropConnection, dropConnection, dropConnection);
      const error = await client()
        .getWinery({ wineryId })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
      expect(server.seen).toHaveLength(3);
    });

    it("throws a NetworkError when nothing listens at all", async () => {
      const nobody = createClient({ baseUrl: "http://127.0.0.1:9", retry: false });
      await expect(nobody.ping()).rejects.toBeInstanceOf(NetworkError);
    });

    it("never retries a POST without an idempotency key", async () => {
      server.script(status(503), status(201, {}));
      const error = await client({ getToken: () => "t" })
        .createReview({ wineryId, body: { rating: 5 } })
        .catch((caught: unknown) => caught);
      expect(isApiError(error, 503)).toBe(true);
      expect(server.seen).toHaveLength(1);
    });

    it("generates one Idempotency-Key per createWinery call and retries it with the same key", async () => {
      server.script(dropConnection, status(503), status(201, winery), status(201, winery));
      const api = client({ getToken: () => "t" });
      await expect(api.createWinery({ body: newWinery })).resolves.toEqual(winery);
      const keys = server.seen.map((request) => request.headers["idempotency-key"]);
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(UUID);
      await api.createWinery({ body: newWinery });
      expect(server.seen[3]!.headers["idempotency-key"]).not.toBe(keys[0]);
    });

    it("sends the caller's own Idempotency-Key unchanged", async () => {
      server.script(status(201, winery));
      await client({ getToken: () => "t" }).createWinery({ idempotencyKey: "import:0001", body: newWinery });
      expect(server.seen[0]!.headers["idempotency-key"]).toBe("import:0001");
    });

    it("retries any POST the caller marks idempotent with the header", async () => {
      server.script(status(500), status(201, {}));
      await client({ getToken: () => "t" }).createReview(
        { wineryId, body: { rating: 4 } },
        { headers: { "Idempotency-Key": "review-1" } },
      );
      expect(server.seen).toHaveLength(2);
    });

    it("can be switched off per client and per call", async () => {
      server.script(status(503), status(503));
      await expect(client({ retry: false }).getWinery({ wineryId })).rejects.toBeInstanceOf(ApiError);
      await expect(client().getWinery({ wineryId }, { retry: false })).rejects.toBeInstanceOf(ApiError);
      expect(server.seen).toHaveLength(2);
    });
  });

  describe("timeouts and cancellation", () => {
    it("throws a TimeoutError when no answer comes in time", async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      let asked = 0;
      // Never answers; gives up only when the SDK aborts the request.
      const hanging = (request: Request) => {
        asked += 1;
        return new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        );
      };
      const failed = client({ timeoutMs: 100, retry: false, fetch: hanging })
        .getWinery({ wineryId })
        .catch((caught: unknown) => caught);
      const failing = watch(failed);
      await until(() => asked === 1, "the request is sent");
      vi.advanceTimersByTime(99);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(failing.settled()).toBe(false);
      vi.advanceTimersByTime(1);
      const error = await failed;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).not.toBeInstanceOf(NetworkError);
      expect((error as Error).message).toMatch(/within 100 ms/);
    });

    it("times out a body that stalls after the headers", async () => {
      server.script(stallBody);
      await expect(
        client({ retry: false }).getWinery({ wineryId }, { timeoutMs: 150 }),
      ).rejects.toBeInstanceOf(TimeoutError);
    });

    it("retries a GET that timed out, with a fresh timeout per attempt", async () => {
      // Generous enough that a loaded CI machine answers the second attempt in time.
      server.script(hang, status(200, winery));
      await expect(client({ timeoutMs: 500 }).getWinery({ wineryId })).resolves.toEqual(winery);
      expect(server.seen).toHaveLength(2);
    });

    it("rejects with the caller's abort reason, not a timeout, and does not retry", async () => {
      server.script(hang, status(200, winery));
      const controller = new AbortController();
      const pending = client().getWinery({ wineryId }, { signal: controller.signal });
      await until(() => server.seen.length === 1, "the request reaches the server");
      controller.abort(new Error("user left the screen"));
      await expect(pending).rejects.toThrow("user left the screen");
      expect(server.seen).toHaveLength(1);
    });

    it("stops waiting between retries when the caller aborts", async () => {
      // Fake timers: the 5 s wait never runs out by itself, so only the abort can end it.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const answers = answering(json(503, problem(503), { "retry-after": "5" }));
      const controller = new AbortController();
      const pending = client({ timeoutMs: 0, fetch: answers.fetch }).getWinery(
        { wineryId },
        { signal: controller.signal },
      );
      const settling = watch(pending);
      await until(() => vi.getTimerCount() === 1, "the SDK waits before retrying");
      controller.abort(new Error("cancelled"));
      await until(settling.settled, "the call settles once aborted, with no time passing");
      await expect(pending).rejects.toThrow("cancelled");
      expect(vi.getTimerCount(), "the retry's timer is cleared").toBe(0);
      expect(answers.calls).toBe(1);
    });

    it("refuses to start when the signal is already aborted", async () => {
      await expect(client().ping({ signal: AbortSignal.abort(new Error("too late")) })).rejects.toThrow(
        "too late",
      );
      expect(server.seen).toHaveLength(0);
    });
  });

  describe("tokens", () => {
    it("sends the bearer token to secured operations only", async () => {
      server.script(status(200, { status: "ok" }), status(200, { items: [], nextCursor: null }));
      const api = client({ getToken: async () => "secret" });
      await api.ping();
      await api.listFavorites();
      expect(server.seen[0]!.headers.authorization).toBeUndefined();
      expect(server.seen[1]!.headers.authorization).toBe("Bearer secret");
    });

    it("refreshes an expired token once on 401 and sends the request again, even a POST", async () => {
      server.script(status(401), status(201, { id: "r1" }));
      const refreshToken = vi.fn(async () => "fresh");
      const api = client({ getToken: () => "stale", refreshToken });
      await expect(api.createReview({ wineryId, body: { rating: 5 } })).resolves.toEqual({ id: "r1" });
      expect(refreshToken).toHaveBeenCalledTimes(1);
      expect(server.seen.map((request) => request.headers.authorization)).toEqual([
        "Bearer stale",
        "Bearer fresh",
      ]);
    });

    it("does not loop when the refreshed token is refused too", async () => {
      server.script(status(401), status(401), status(200, {}));
      const refreshToken = vi.fn(() => "still-bad");
      const error = await client({ getToken: () => "stale", refreshToken })
        .getMe()
        .catch((caught: unknown) => caught);
      expect(isApiError(error, 401)).toBe(true);
      expect(refreshToken).toHaveBeenCalledTimes(1);
      expect(server.seen).toHaveLength(2);
    });

    it("shares one refresh between requests that fail together", async () => {
      server.script(status(401), status(401), status(200, {}), status(200, {}));
      let release: (token: string) => void = () => {};
      const refreshToken = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
      const api = client({ getToken: () => "stale", refreshToken });
      const both = Promise.all([api.getMe(), api.getMe()]);
      await vi.waitFor(() => expect(server.seen).toHaveLength(2));
      release("fresh");
      await both;
      expect(refreshToken).toHaveBeenCalledTimes(1);
    });
  });

  describe("requests as the spec describes them", () => {
    it("sends a merge patch with its media type", async () => {
      server.script(status(200, winery));
      await client({ getToken: () => "t" }).patchWinery({ wineryId, body: { website: null } });
      expect(server.seen[0]).toMatchObject({
        method: "PATCH",
        url: `/v2/wineries/${wineryId}`,
        body: '{"website":null}',
      });
      expect(server.seen[0]!.headers["content-type"]).toBe("application/merge-patch+json");
    });

    it("serializes query parameters and leaves out the ones not given", async () => {
      server.script(status(200, { items: [], nextCursor: null }));
      await client().listWineries({ near: "38.5,-122.4", limit: 5 });
      expect(server.seen[0]!.url).toBe("/v2/wineries?near=38.5%2C-122.4&limit=5");
    });

    it("paginates lazily: a loop that stops early fetches no further page", async () => {
      server.script(
        status(200, { items: [{ id: "a" }, { id: "b" }], nextCursor: "c1" }),
        status(200, { items: [{ id: "c" }], nextCursor: "c2" }),
        status(200, { items: [{ id: "d" }], nextCursor: null }),
      );
      const ids: string[] = [];
      for await (const item of client().paginate.listWineries({ near: "38.5,-122.4", limit: 2 })) {
        ids.push(item.id);
        if (ids.length === 3) break;
      }
      expect(ids).toEqual(["a", "b", "c"]);
      expect(server.seen.map((request) => request.url)).toEqual([
        "/v2/wineries?near=38.5%2C-122.4&limit=2",
        "/v2/wineries?near=38.5%2C-122.4&limit=2&cursor=c1",
      ]);
    });
  });
});
