import type { ReferenceRenderer } from "../../codegen/docs/render-reference.js";

/**
 * Stands in for `redocly build-docs` in codegen tests that do not look at the reference page:
 * deterministic, instant, and still changing whenever the spec it is given changes.
 */
export const stubReferenceRenderer: ReferenceRenderer = async (spec, options) =>
  `<!doctype html><title>${options.title}</title><script type="application/json">${JSON.stringify(spec)}</script>\n`;
