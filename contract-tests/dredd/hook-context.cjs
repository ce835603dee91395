"use strict";
// The fixture ids and tokens the contract CLI created for this run reach the Dredd hooks through one
// environment variable holding JSON (the hooks run inside Dredd's process, not ours).

const CONTEXT_ENV = "CONTRACT_DREDD_CONTEXT";

function readHookContext(env = process.env) {
  const raw = env[CONTEXT_ENV];
  if (!raw) {
    throw new Error(
      `${CONTEXT_ENV} is not set: run Dredd through "npm run contract", which creates the fixtures`,
    );
  }
  const context = JSON.parse(raw);
  for (const key of ["tokens", "pathParams", "query", "dropQuery", "body", "idempotencyKeyPrefix"]) {
    if (context[key] === undefined) throw new Error(`${CONTEXT_ENV} lacks "${key}"`);
  }
  return context;
}

module.exports = { CONTEXT_ENV, readHookContext };
