import { versionOfPath } from "../operations.js";
import type { OpenApiDocument } from "../spec.js";
import { type Change, makeChange, sortChanges } from "./change.js";
import { dereference } from "./dereference.js";
import type { DiffContext } from "./diff-context.js";
import { normalizedPathKey, type OperationView, operationViews } from "./operation-view.js";
import { compareOperation } from "./rules/operation-rules.js";
import { compareParameters } from "./rules/parameter-rules.js";
import { compareRequestBody } from "./rules/request-body-rules.js";
import { compareResponses } from "./rules/response-rules.js";
import { compareSecurity } from "./rules/security-rules.js";

/**
 * Every change to one API version (`v1`: the `/v1/...` paths) between two specs, classified.
 * Both specs are dereferenced first, so moving a schema into a component is not a change.
 */
export function diffVersion(base: OpenApiDocument, head: OpenApiDocument, version: string): Change[] {
  const before = dereference(base);
  const after = dereference(head);
  const baseViews = operationViews(before, version);
  const headViews = operationViews(after, version);
  const changes: Change[] = [];
  const headPaths = new Set(
    [...headViews.values()].map((view) => normalizedPathKey(view.model.relativePath)),
  );
  for (const [key, baseView] of baseViews) {
    const headView = headViews.get(key);
    if (!headView) {
      changes.push(removal(baseView, headPaths));
      continue;
    }
    const context: DiffContext = {
      operation: headView.ref,
      baseOrigins: before.origins,
      headOrigins: after.origins,
      changes,
    };
    compareOperation(context, baseView, headView);
    compareSecurity(context, baseView, headView);
    compareParameters(context, baseView, headView);
    compareRequestBody(context, baseView, headView);
    compareResponses(context, baseView, headView);
  }
  for (const [key, headView] of headViews)
    if (!baseViews.has(key))
      changes.push(
        makeChange(
          "operation-added",
          headView.ref,
          headView.pointer,
          `${label(headView)} added`,
          headView.source,
        ),
      );
  return sortChanges(changes);
}

function removal(view: OperationView, headPaths: Set<string>): Change {
  const pathGone = !headPaths.has(normalizedPathKey(view.model.relativePath));
  return makeChange(
    pathGone ? "path-removed" : "operation-removed",
    view.ref,
    view.pointer,
    pathGone ? `path \`${view.ref.path}\` removed (with ${label(view)})` : `${label(view)} removed`,
    view.source,
  );
}

function label(view: OperationView): string {
  return `\`${view.ref.method.toUpperCase()} ${view.ref.path}\``;
}

/** Every version prefix a spec serves (`default` for unversioned paths). */
export function versionsOf(...docs: OpenApiDocument[]): string[] {
  const versions = new Set<string>();
  for (const doc of docs) for (const path of Object.keys(doc.paths)) versions.add(versionOfPath(path));
  return [...versions].sort();
}
