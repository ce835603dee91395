/**
 * Every kind of change the classifier reports. A rule has one fixed level, so a direction-dependent
 * change (an enum value added to a request vs. to a response) is two rules: the level is never a
 * judgement made at the call site.
 *
 * - breaking: a client built against the released contract can fail (SDK: major)
 * - additive: new capability or a relaxed request; nothing existing breaks (SDK: minor)
 * - compatible: neither (documentation, narrower responses, dropped error statuses) (SDK: patch)
 */
export const RULES = {
  "path-removed": ["breaking", "a path was removed"],
  "operation-removed": ["breaking", "an operation (method) was removed"],
  "operation-added": ["additive", "an operation was added"],
  "operation-id-changed": ["breaking", "operationId changed (SDK method names derive from it)"],
  "operation-deprecated": ["additive", "an operation was deprecated"],
  "operation-undeprecated": ["compatible", "an operation is no longer deprecated"],
  "operation-sunset-changed": ["compatible", "an operation's sunset date changed"],
  "documentation-changed": ["compatible", "a summary or description changed"],

  "security-added": ["breaking", "security was added to an operation (or a scheme/scope is now required)"],
  "security-relaxed": ["additive", "an operation accepts more credentials (or none)"],
  "security-groups-added": ["breaking", "the caller must belong to more groups (x-cellar-groups)"],
  "security-groups-removed": ["additive", "fewer groups are required (x-cellar-groups)"],

  "request-parameter-added-required": ["breaking", "a new required request parameter"],
  "request-parameter-added-optional": ["additive", "a new optional request parameter"],
  "request-parameter-removed": ["breaking", "a request parameter was removed or renamed"],
  "request-parameter-made-required": ["breaking", "an optional parameter was made required"],
  "request-parameter-made-optional": ["additive", "a required parameter was made optional"],
  "request-parameter-deprecated": ["additive", "a request parameter was deprecated"],

  "request-body-added-required": ["breaking", "an operation now requires a request body"],
  "request-body-added-optional": ["additive", "an operation accepts an optional request body"],
  "request-body-removed": ["breaking", "the request body was removed"],
  "request-body-made-required": ["breaking", "an optional request body was made required"],
  "request-body-made-optional": ["additive", "a required request body was made optional"],
  "request-content-type-removed": ["breaking", "a request content type is no longer accepted"],
  "request-content-type-added": ["additive", "a request content type was added"],

  "response-success-status-removed": ["breaking", "a success (2xx) status code was removed"],
  "response-status-removed": ["compatible", "an error status code is no longer documented"],
  "response-status-added": ["additive", "a response status code was added"],
  "response-content-type-removed": ["breaking", "a response content type was removed"],
  "response-content-type-added": ["additive", "a response content type was added"],
  "response-header-removed": ["breaking", "a response header was removed"],
  "response-header-added": ["additive", "a response header was added"],
  "response-header-made-optional": ["breaking", "a required response header was made optional"],

  "request-type-changed": ["breaking", "a request value's type or format changed"],
  "request-type-widened": ["additive", "a request value accepts a wider type (integer -> number, or any)"],
  "response-type-changed": ["breaking", "a response value's type or format changed"],
  "response-type-narrowed": ["compatible", "a response value has a narrower type (number -> integer)"],
  "request-format-relaxed": ["additive", "a request value's format was removed"],
  "response-format-added": ["compatible", "a response value gained a format"],

  "request-enum-value-removed": ["breaking", "a request enum value was removed (or an enum was introduced)"],
  "request-enum-value-added": ["additive", "a request enum value was added (or the enum was dropped)"],
  "response-enum-value-added": ["breaking", "a response enum value was added (or the enum was dropped)"],
  "response-enum-value-removed": ["compatible", "a response enum value was removed"],

  "request-property-added-required": ["breaking", "a new required request property"],
  "request-property-added-optional": ["additive", "a new optional request property"],
  "request-property-removed": ["breaking", "a request property was removed or renamed"],
  "request-property-made-required": ["breaking", "an optional request property was made required"],
  "request-property-made-optional": ["additive", "a required request property was made optional"],
  "response-property-added": ["additive", "a response property was added"],
  "response-property-removed": ["breaking", "a response property was removed or renamed"],
  "response-property-made-optional": ["breaking", "a required response property was made optional"],
  "response-property-made-required": ["compatible", "an optional response property was made required"],
  "response-property-made-nullable": ["breaking", "a response value can now be null"],
  "response-property-made-non-nullable": ["compatible", "a response value can no longer be null"],
  "request-nullable-removed": ["breaking", "a request value no longer accepts null"],
  "request-nullable-added": ["additive", "a request value now accepts null"],
  "property-deprecated": ["additive", "a property was deprecated"],

  "request-constraint-narrowed": [
    "breaking",
    "a request constraint was narrowed (maxLength, maximum, pattern...)",
  ],
  "request-constraint-widened": ["additive", "a request constraint was relaxed"],
  "response-constraint-widened": [
    "breaking",
    "a response constraint was relaxed (values outside the released range)",
  ],
  "response-constraint-narrowed": ["compatible", "a response constraint was narrowed"],
  "request-default-changed": ["breaking", "a request default changed or was removed"],
  "request-default-added": ["compatible", "a request default was documented"],

  "request-additional-properties-tightened": [
    "breaking",
    "a request object no longer accepts extra properties",
  ],
  "request-additional-properties-loosened": ["additive", "a request object accepts extra properties"],
  "response-additional-properties-changed": [
    "compatible",
    "a response object's additionalProperties changed",
  ],

  "request-variant-removed": ["breaking", "a oneOf/anyOf variant was removed from a request"],
  "request-variant-added": ["additive", "a oneOf/anyOf variant was added to a request"],
  "response-variant-added": ["breaking", "a oneOf/anyOf variant was added to a response"],
  "response-variant-removed": ["compatible", "a oneOf/anyOf variant was removed from a response"],
} as const satisfies Record<string, readonly [Level, string]>;

export type Level = "breaking" | "additive" | "compatible";
export type RuleId = keyof typeof RULES;

export function levelOf(rule: RuleId): Level {
  return RULES[rule][0];
}
