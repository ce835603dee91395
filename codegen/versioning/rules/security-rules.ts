import type { SecurityRequirement } from "../../spec.js";
import { code, type DiffContext, report } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { OperationView } from "../operation-view.js";

/**
 * Security requirements are alternatives (any one suffices), each a set of schemes with scopes.
 * A client holding credentials for a released alternative must still get in.
 */
export function compareSecurity(context: DiffContext, base: OperationView, head: OperationView): void {
  const where = {
    pointer: joinPointer(head.pointer, "security"),
    source: joinPointer(head.source, "security"),
  };
  const before = base.model.security;
  const after = head.model.security;
  const lost = before.filter(
    (alternative) => !after.some((candidate) => satisfiedBy(candidate, alternative)),
  );
  const gained = after.filter(
    (alternative) => !before.some((candidate) => satisfiedBy(candidate, alternative)),
  );
  if (isPublic(before) && !isPublic(after)) {
    report(context, "security-added", where, `operation now requires ${describe(after)} (was public)`);
  } else if (!isPublic(before) && isPublic(after)) {
    report(context, "security-relaxed", where, "operation is now public");
  } else if (!isPublic(before)) {
    if (lost.length > 0)
      report(
        context,
        "security-added",
        where,
        `credentials ${describe(lost)} are no longer accepted (now ${describe(after)})`,
      );
    else if (gained.length > 0)
      report(context, "security-relaxed", where, `now also accepts ${describe(gained)}`);
  }

  const groupsAt = {
    pointer: joinPointer(head.pointer, "x-cellar-groups"),
    source: joinPointer(head.source, "x-cellar-groups"),
  };
  // x-cellar-groups is all-of: the caller needs every listed group.
  const addedGroups = head.model.groups.filter((group) => !base.model.groups.includes(group));
  const removedGroups = base.model.groups.filter((group) => !head.model.groups.includes(group));
  if (addedGroups.length > 0)
    report(context, "security-groups-added", groupsAt, `caller must now also belong to ${code(addedGroups)}`);
  if (removedGroups.length > 0)
    report(context, "security-groups-removed", groupsAt, `caller no longer needs ${code(removedGroups)}`);
}

function isPublic(requirements: SecurityRequirement[]): boolean {
  return (
    requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)
  );
}

/** Credentials that meet `held` also meet `required` when `required` asks for nothing more. */
function satisfiedBy(required: SecurityRequirement, held: SecurityRequirement): boolean {
  return Object.entries(required).every(([scheme, scopes]) => {
    const heldScopes = held[scheme];
    return heldScopes !== undefined && scopes.every((scope) => heldScopes.includes(scope));
  });
}

function describe(requirements: SecurityRequirement[]): string {
  return requirements
    .map((requirement) =>
      Object.entries(requirement)
        .map(([scheme, scopes]) => (scopes.length ? `${scheme}(${scopes.join(" ")})` : scheme))
        .join("+"),
    )
    .map((text) => `\`${text || "none"}\``)
    .join(" or ");
}
