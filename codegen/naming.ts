/** `listWineriesV1` -> `list-wineries-v1`: hand-written files follow the kebab-case convention. */
export function kebabCase(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * An operationId as a TypeScript identifier, since it names exports, files and Lambda functions.
 * Valid ones pass through unchanged; others are camel-cased on their separators, so GitHub's
 * `issues/list-for-repo` becomes `issuesListForRepo`.
 */
export function toIdentifier(operationId: string): string {
  if (IDENTIFIER.test(operationId)) return operationId;
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join("");
  return /^[A-Za-z]/.test(joined) ? joined : `op${pascalCase(joined || "_")}`;
}

export function pascalCase(identifier: string): string {
  return identifier[0]!.toUpperCase() + identifier.slice(1);
}
