"use strict";
// Maps a Dredd transaction back to its operation in openapi.yaml. Dredd's transaction names carry
// the summary, not the operationId, so the match is by method and path template.
const { findOperation } = require("../lib/openapi-document.cjs");

/** `origin.resourceName` is the path template; the name's first segment is the fallback. */
function pathTemplateOf(transaction) {
  return transaction.origin?.resourceName || String(transaction.name).split(" > ")[0];
}

function operationOf(operations, transaction) {
  return findOperation(operations, transaction.request.method, pathTemplateOf(transaction));
}

module.exports = { operationOf, pathTemplateOf };
