import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { problem, sendProblem } from "./problem.js";
import type { RequestScope } from "./request-scope.js";

/** A folder served under a path prefix: the demo app at /app, the versioned docs under /docs. */
export interface StaticMount {
  /** `/app`: serves `/app/...`; the bare prefix redirects to `/app/` so relative asset URLs resolve. */
  prefix: string;
  dir: string;
  /** The file a directory answers with. */
  index: string;
  /** Maps a requested file name to the one on disk, e.g. `sdk.html` to the generated `sdk.gen.html`. */
  fileName?: (requested: string) => string;
  /** The 404 detail when `dir` does not exist, e.g. how to build it. */
  missingHint: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Answers requests under one of the mounts; returns false when the path is under none of them. */
export async function serveStatic(scope: RequestScope, mounts: readonly StaticMount[]): Promise<boolean> {
  const mount = mounts.find(
    (candidate) => scope.path === candidate.prefix || scope.path.startsWith(`${candidate.prefix}/`),
  );
  if (!mount) return false;
  const notFound = (detail = `No resource matches ${scope.path}`) => {
    sendProblem(scope.res, problem("not-found", detail, scope.path));
    return true;
  };
  if (scope.req.method !== "GET" && scope.req.method !== "HEAD") {
    sendProblem(
      scope.res,
      problem("method-not-allowed", `${scope.path} only supports GET, HEAD`, scope.path),
      {
        headers: { Allow: "GET, HEAD" },
      },
    );
    return true;
  }
  const segments = decodeSegments(scope.path.slice(mount.prefix.length));
  if (!segments) return notFound();
  const root = resolve(mount.dir);
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) return notFound(mount.missingHint);
  let file = join(root, ...segments);
  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory()) {
    if (!scope.path.endsWith("/")) {
      redirect(scope, `${scope.path}/`);
      return true;
    }
    file = join(file, mount.index);
  } else if (!found && segments.length > 0 && mount.fileName) {
    file = join(root, ...segments.slice(0, -1), mount.fileName(segments.at(-1)!));
  }
  // Belt and braces: decodeSegments already refuses `..`, but nothing outside the folder is ever served.
  if (file !== root && !file.startsWith(root + sep)) return notFound();
  const body = await readFile(file).catch(() => undefined);
  if (!body) return notFound();
  scope.res.statusCode = 200;
  scope.res.setHeader("Content-Type", CONTENT_TYPES[extname(file)] ?? "application/octet-stream");
  scope.res.setHeader("Content-Length", body.length);
  // A rebuilt demo or regenerated docs must show up on reload.
  scope.res.setHeader("Cache-Control", "no-cache");
  scope.res.end(scope.req.method === "HEAD" ? undefined : body);
  return true;
}

/** Percent-decoded path segments, or undefined for anything that could climb out of the folder. */
function decodeSegments(rest: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of rest.split("/").filter(Boolean)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === "." || segment === ".." || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

function redirect(scope: RequestScope, location: string): void {
  scope.res.statusCode = 301;
  scope.res.setHeader("Location", scope.rawQuery ? `${location}?${scope.rawQuery}` : location);
  scope.res.setHeader("Content-Length", 0);
  scope.res.end();
}
