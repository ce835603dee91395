"use strict";
// Dredd hooks (Dredd 14 loads them with require(), hence CommonJS). For each transaction Dredd
// builds from openapi.yaml: skip what our own checks cover (non-2xx), point the request at this
// run's fixtures with the right credentials, then grade the real response with the same
// independent validator as our checks, because Dredd 14 barely validates OpenAPI 3 bodies.
const hooks = require("hooks");
const { loadSpec, listOperations } = require("./lib/openapi-document.cjs");
const { createSchemaValidator } = require("./lib/schema-validator.cjs");
const { checkResponse } = require("./lib/response-contract.cjs");
const { readHookContext } = require("./dredd/hook-context.cjs");
const { operationOf } = require("./dredd/transaction-operation.cjs");
const { rewriteTransaction } = require("./dredd/transaction-rewrite.cjs");

const doc = loadSpec(process.env.CONTRACT_SPEC_PATH || undefined);
const operations = listOperations(doc);
const validator = createSchemaValidator(doc);
const context = readHookContext();

function isSuccess(statusCode) {
  const status = Number(statusCode);
  return status >= 200 && status < 300;
}

hooks.beforeEach((transaction) => {
  if (!isSuccess(transaction.expected.statusCode)) {
    // Error responses need deliberately bad requests; checks/ triggers each of them.
    transaction.skip = true;
    return;
  }
  const operation = operationOf(operations, transaction);
  if (!operation) {
    transaction.fail = `no operation in openapi.yaml for ${transaction.request.method} ${transaction.origin?.resourceName}`;
    return;
  }
  try {
    rewriteTransaction(transaction, operation, context);
    // Dredd names the transaction after the example request; report the request really sent.
    transaction.id = `${transaction.request.method} (${transaction.expected.statusCode}) ${transaction.request.uri}`;
  } catch (error) {
    transaction.fail = `could not prepare the request: ${error.message}`;
  }
});

hooks.beforeEachValidation((transaction) => {
  if (transaction.skip || transaction.fail) return;
  const operation = operationOf(operations, transaction);
  const real = transaction.real;
  const failures = [];
  const expected = Number(transaction.expected.statusCode);
  if (real.statusCode !== expected) failures.push(`status ${real.statusCode}, expected ${expected}`);
  failures.push(
    ...checkResponse({
      operation,
      status: real.statusCode,
      headers: real.headers ?? {},
      bodyText: real.body ?? "",
      validator,
    }),
  );
  if (failures.length > 0) {
    const message = `${operation.operationId} answered ${real.statusCode}: ${failures.join("; ")}`;
    transaction.fail = message;
    // Dredd only reports transaction.fail when its own (weak) validation passed; say it regardless.
    console.log(
      `contract violation: ${transaction.id}: ${message} | body: ${String(real.body).slice(0, 300)}`,
    );
  }
});
