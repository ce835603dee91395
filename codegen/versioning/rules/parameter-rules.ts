import { type DiffContext, report, schemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { OperationView } from "../operation-view.js";
import { compareSchema } from "./schema-rules.js";

/** Path, query and header parameters, matched by location and name; their schemas as request values. */
export function compareParameters(context: DiffContext, base: OperationView, head: OperationView): void {
  const schemas = schemaContext(context, "request");
  for (const [key, before] of base.parameters) {
    const after = head.parameters.get(key);
    if (!after) {
      report(
        context,
        "request-parameter-removed",
        before,
        `${before.in} parameter \`${before.name}\` removed`,
      );
      continue;
    }
    const label = `${after.in} parameter \`${after.name}\``;
    const requiredAt = {
      pointer: joinPointer(after.pointer, "required"),
      source: joinPointer(after.source, "required"),
    };
    if (!before.required && after.required)
      report(context, "request-parameter-made-required", requiredAt, `${label} is now required`);
    if (before.required && !after.required)
      report(context, "request-parameter-made-optional", requiredAt, `${label} is now optional`);
    if (!before.deprecated && after.deprecated)
      report(
        context,
        "request-parameter-deprecated",
        {
          pointer: joinPointer(after.pointer, "deprecated"),
          source: joinPointer(after.source, "deprecated"),
        },
        `${label} deprecated`,
      );
    if (before.schema && after.schema) compareSchema(schemas, before.schema, after.schema, label);
  }
  for (const [key, after] of head.parameters) {
    if (base.parameters.has(key)) continue;
    const label = `${after.in} parameter \`${after.name}\``;
    if (after.required) report(context, "request-parameter-added-required", after, `new required ${label}`);
    else report(context, "request-parameter-added-optional", after, `new optional ${label}`);
  }
}
