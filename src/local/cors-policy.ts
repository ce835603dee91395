import type { IncomingMessage, ServerResponse } from "node:http";
import { allowedCorsOrigin, varyOnOrigin } from "../runtime/cors-origins.js";
import { readRuntimeSettings } from "../runtime/runtime-settings.js";
import type { Environment } from "../runtime/setting-parsers.js";
import { readLocalStageSettings } from "../settings/local-stage-settings.js";

/**
 * `CORS_ORIGINS` when set; otherwise the local stage's own origin, `http://localhost:<PORT>`, so the
 * docs and demo app served there work on whatever port it listens on.
 */
export function localCorsOrigins(env: Environment = process.env): string[] {
  const origins = readRuntimeSettings(env).corsOrigins;
  return origins.length > 0 ? origins : [`http://localhost:${readLocalStageSettings(env).port}`];
}

export interface CorsPolicy {
  /** Adds `Access-Control-Allow-Origin` when the request's origin is allowed; a handler may still override it. */
  apply(req: IncomingMessage, res: ServerResponse): void;
  isPreflight(req: IncomingMessage): boolean;
  /** Answers a preflight; the extra headers come from the definition's OPTIONS mock when there is one. */
  answerPreflight(
    req: IncomingMessage,
    res: ServerResponse,
    preflight: {
      statusCode: number;
      headers: Readonly<Record<string, string>>;
      allowMethods: readonly string[];
    },
  ): void;
}

export function createCorsPolicy(origins: readonly string[]): CorsPolicy {
  const allowed = new Set(origins);
  const apply = (req: IncomingMessage, res: ServerResponse) => {
    // The answer depends on Origin even when it is refused, so caches must key on it.
    const vary = res.getHeader("Vary");
    res.setHeader("Vary", varyOnOrigin(vary === undefined ? undefined : String(vary)));
    const origin = allowedCorsOrigin(req.headers.origin, allowed);
    if (origin !== undefined) res.setHeader("Access-Control-Allow-Origin", origin);
  };

  return {
    apply,
    isPreflight: (req) =>
      req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined,
    answerPreflight(req, res, preflight) {
      apply(req, res);
      const lower = new Set(Object.keys(preflight.headers).map((name) => name.toLowerCase()));
      for (const [name, value] of Object.entries(preflight.headers)) res.setHeader(name, value);
      if (!lower.has("access-control-allow-methods")) {
        res.setHeader("Access-Control-Allow-Methods", preflight.allowMethods.join(","));
      }
      if (!lower.has("access-control-allow-headers")) {
        res.setHeader(
          "Access-Control-Allow-Headers",
          req.headers["access-control-request-headers"] ?? "Content-Type,Authorization",
        );
      }
      if (!lower.has("access-control-max-age")) res.setHeader("Access-Control-Max-Age", "600");
      res.statusCode = preflight.statusCode;
      res.setHeader("Content-Length", 0);
      res.end();
    },
  };
}
