import { code, type DiffContext, report } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { OperationView } from "../operation-view.js";

/** Identity and lifecycle of an operation present on both sides. */
export function compareOperation(context: DiffContext, base: OperationView, head: OperationView): void {
  if (base.ref.operationId !== head.ref.operationId)
    report(
      context,
      "operation-id-changed",
      at(head, "operationId"),
      `operationId changed from ${code(base.ref.operationId)} to ${code(head.ref.operationId)}`,
    );
  if (!base.model.deprecated && head.model.deprecated)
    report(context, "operation-deprecated", at(head, "deprecated"), "operation deprecated");
  if (base.model.deprecated && !head.model.deprecated)
    report(context, "operation-undeprecated", at(head, "deprecated"), "operation no longer deprecated");
  if (base.object["x-sunset"] !== head.object["x-sunset"])
    report(
      context,
      "operation-sunset-changed",
      at(head, "x-sunset"),
      `sunset changed from ${code(base.object["x-sunset"] ?? "none")} to ${code(head.object["x-sunset"] ?? "none")}`,
    );
  for (const field of ["summary", "description"] as const)
    if ((base.object[field] ?? "") !== (head.object[field] ?? ""))
      report(context, "documentation-changed", at(head, field), `operation ${field} changed`);
}

function at(view: OperationView, key: string) {
  return { pointer: joinPointer(view.pointer, key), source: joinPointer(view.source, key) };
}
