import { type DiffContext, report, schemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { OperationView } from "../operation-view.js";
import { compareSchema } from "./schema-rules.js";

/** Presence, requiredness and content types of the request body; each shared content type's schema. */
export function compareRequestBody(context: DiffContext, base: OperationView, head: OperationView): void {
  const before = base.requestBody;
  const after = head.requestBody;
  if (!before && !after) return;
  if (!after) {
    report(context, "request-body-removed", before!, "request body removed");
    return;
  }
  if (!before) {
    if (after.required)
      report(context, "request-body-added-required", after, "operation now requires a request body");
    else report(context, "request-body-added-optional", after, "operation accepts an optional request body");
    return;
  }
  const requiredAt = {
    pointer: joinPointer(after.pointer, "required"),
    source: joinPointer(after.source, "required"),
  };
  if (!before.required && after.required)
    report(context, "request-body-made-required", requiredAt, "request body is now required");
  if (before.required && !after.required)
    report(context, "request-body-made-optional", requiredAt, "request body is now optional");
  const schemas = schemaContext(context, "request");
  for (const [type, media] of before.content) {
    const current = after.content.get(type);
    if (!current)
      report(
        context,
        "request-content-type-removed",
        media,
        `request content type \`${type}\` no longer accepted`,
      );
    else if (media.schema && current.schema)
      compareSchema(schemas, media.schema, current.schema, "request body");
  }
  for (const [type, media] of after.content)
    if (!before.content.has(type))
      report(context, "request-content-type-added", media, `request content type \`${type}\` accepted`);
}
