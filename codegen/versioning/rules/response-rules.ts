import { type DiffContext, report, schemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { OperationView } from "../operation-view.js";
import { compareSchema } from "./schema-rules.js";

/** Status codes, content types, headers, and each shared body schema as a response value. */
export function compareResponses(context: DiffContext, base: OperationView, head: OperationView): void {
  const schemas = schemaContext(context, "response");
  for (const [status, before] of base.responses) {
    const after = head.responses.get(status);
    if (!after) {
      if (/^2/.test(status))
        report(context, "response-success-status-removed", before, `success response \`${status}\` removed`);
      else report(context, "response-status-removed", before, `response \`${status}\` no longer documented`);
      continue;
    }
    for (const [type, media] of before.content) {
      const current = after.content.get(type);
      if (!current)
        report(
          context,
          "response-content-type-removed",
          media,
          `response ${status}: content type \`${type}\` removed`,
        );
      else if (media.schema && current.schema)
        compareSchema(schemas, media.schema, current.schema, `response ${status} body`);
    }
    for (const [type, media] of after.content)
      if (!before.content.has(type))
        report(
          context,
          "response-content-type-added",
          media,
          `response ${status}: content type \`${type}\` added`,
        );
    for (const [name, header] of before.headers) {
      const current = after.headers.get(name);
      if (!current) {
        report(
          context,
          "response-header-removed",
          header,
          `response ${status}: header \`${header.name}\` removed`,
        );
        continue;
      }
      if (header.required && !current.required)
        report(
          context,
          "response-header-made-optional",
          {
            pointer: joinPointer(current.pointer, "required"),
            source: joinPointer(current.source, "required"),
          },
          `response ${status}: header \`${header.name}\` is now optional`,
        );
      if (header.schema && current.schema)
        compareSchema(schemas, header.schema, current.schema, `response ${status} header \`${header.name}\``);
    }
    for (const [name, header] of after.headers)
      if (!before.headers.has(name))
        report(
          context,
          "response-header-added",
          header,
          `response ${status}: header \`${header.name}\` added`,
        );
  }
  for (const [status, after] of head.responses)
    if (!base.responses.has(status))
      report(context, "response-status-added", after, `response \`${status}\` added`);
}
