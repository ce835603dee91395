import {
  forbiddenWithoutAdmin,
  invalidUuid,
  malformedJson,
  type RequestBuilder,
  unauthorized,
  unsupportedMediaType,
} from "../common-cases.js";
import { bodyOf, expect, sleep, unknownId } from "../probe-helpers.js";
import type { ProbeCase, ProbeContext, ProbeTable } from "../probe-types.js";

interface ImportV2 {
  id: string;
  status: "queued" | "processing" | "completed";
  counts: { total: number; imported: number; failed: number; pending: number };
  errors: Array<{ row: number; errors: Array<{ path: string; message: string }> }>;
}

/** How long the queue and its worker get to finish a three-row import. */
const IMPORT_DEADLINE_MS = 60_000;

const row = (ctx: ProbeContext, label: string) => ({
  name: `Contract ${ctx.runId} import ${label}`,
  location: ctx.freshLocation(),
  region: "Contract Test Region",
});

const createImport: RequestBuilder = (ctx) => ({
  method: "POST",
  path: "/v2/imports",
  token: ctx.tokens.admin,
  json: [row(ctx, "a"), row(ctx, "b")],
});

const getImport = (ctx: ProbeContext, id: string) => ({
  method: "GET",
  path: `/v2/imports/${id}`,
  token: ctx.tokens.admin,
});

const badImport = (title: string, errorPath: string, body: string, contentType?: string): ProbeCase => ({
  title,
  errorPath,
  async send(ctx) {
    const { json: _json, ...request } = await createImport(ctx);
    return ctx.api.send({ ...request, rawBody: body, contentType: contentType ?? "application/json" });
  },
});

export const importsV2Probes: ProbeTable = {
  createImportV2: {
    202: [
      {
        title: "accepts the rows; Location leads to the import",
        async send(ctx) {
          const accepted = await ctx.api.send(await createImport(ctx));
          return {
            exchanges: [accepted],
            async verify() {
              const body = bodyOf<ImportV2>(accepted);
              expect(body.counts.total === 2, `counts.total is ${body.counts.total}, 2 rows were sent`);
              const location = accepted.headers.location ?? "";
              expect(location.endsWith(`/v2/imports/${body.id}`), `Location is ${location}`);
              const fetched = await ctx.api.send({ ...getImport(ctx, body.id), path: location });
              expect(fetched.status === 200, `GET ${location} answered ${fetched.status}`);
              expect(bodyOf<ImportV2>(fetched).id === body.id, `GET ${location} returned another import`);
            },
          };
        },
      },
      {
        title: "accepts NDJSON, one row per line",
        async send(ctx) {
          const { json: _json, ...request } = await createImport(ctx);
          const ndjson = [row(ctx, "n1"), row(ctx, "n2"), row(ctx, "n3")]
            .map((r) => JSON.stringify(r))
            .join("\n");
          const accepted = await ctx.api.send({
            ...request,
            rawBody: ndjson,
            contentType: "application/x-ndjson",
          });
          return {
            exchanges: [accepted],
            verify() {
              const total = bodyOf<ImportV2>(accepted).counts.total;
              expect(total === 3, `counts.total is ${total}, 3 lines were sent`);
            },
          };
        },
      },
      {
        title: "a retry with the same Idempotency-Key returns the same import",
        async send(ctx) {
          const keyed = {
            ...(await createImport(ctx)),
            headers: { "Idempotency-Key": `contract-${ctx.runId}-import` },
          };
          const first = await ctx.api.send(keyed);
          const replay = await ctx.api.send(keyed);
          return {
            exchanges: [first, replay],
            verify() {
              const [a, b] = [bodyOf<ImportV2>(first).id, bodyOf<ImportV2>(replay).id];
              expect(a === b, `the retry started another import (${a}, then ${b})`);
            },
          };
        },
      },
    ],
    400: [
      badImport("the body is an object, not an array", "/body", '{"name": "Solo"}'),
      badImport("a row is not an object", "/body/1", '[{"name": "ok"}, 7]'),
      badImport(
        "an NDJSON line is not JSON",
        "/body/1",
        '{"name": "ok"}\n{"name": broken',
        "application/x-ndjson",
      ),
      badImport("no rows at all", "/body", "[]"),
      {
        title: "Idempotency-Key has characters outside the allowed set",
        errorPath: "/headers/Idempotency-Key",
        send: async (ctx) =>
          ctx.api.send({ ...(await createImport(ctx)), headers: { "Idempotency-Key": "not allowed!" } }),
      },
      malformedJson(createImport),
    ],
    401: unauthorized(createImport),
    403: forbiddenWithoutAdmin(createImport),
    413: [
      {
        title: "a body over 10 MB",
        async send(ctx) {
          const { json: _json, ...request } = await createImport(ctx);
          return ctx.api.send({ ...request, rawBody: `[${" ".repeat(10 * 1024 * 1024)}{}]` });
        },
      },
    ],
    415: unsupportedMediaType(createImport, "text/csv"),
    422: [
      {
        title: "an Idempotency-Key reused with other rows",
        async send(ctx) {
          const headers = { "Idempotency-Key": `contract-${ctx.runId}-import-mismatch` };
          const first = await ctx.api.send({ ...(await createImport(ctx)), headers });
          expect(first.status === 202, `the first request answered ${first.status}`);
          return ctx.api.send({ ...(await createImport(ctx)), headers });
        },
      },
    ],
  },

  getImportV2: {
    200: [
      {
        title: "the import completes: valid rows imported, the poison row listed in errors",
        async send(ctx) {
          const rows = [
            row(ctx, "ok 1"),
            { ...row(ctx, "poison"), location: { lat: 91, lng: 0 } },
            row(ctx, "ok 2"),
          ];
          const accepted = await ctx.api.send({ ...(await createImport(ctx)), json: rows });
          const id = bodyOf<ImportV2>(accepted).id;
          const deadline = Date.now() + IMPORT_DEADLINE_MS;
          let polled = await ctx.api.send(getImport(ctx, id));
          while (
            polled.status === 200 &&
            bodyOf<ImportV2>(polled).status !== "completed" &&
            Date.now() < deadline
          ) {
            await sleep(250);
            polled = await ctx.api.send(getImport(ctx, id));
          }
          return {
            exchanges: [polled],
            verify() {
              const job = bodyOf<ImportV2>(polled);
              expect(
                job.status === "completed",
                `not completed within ${IMPORT_DEADLINE_MS} ms: ${polled.bodyText}`,
              );
              const { imported, failed, pending } = job.counts;
              expect(
                imported === 2 && failed === 1 && pending === 0,
                `counts are ${JSON.stringify(job.counts)}`,
              );
              expect(
                job.errors.length === 1 && job.errors[0]?.row === 1,
                `errors should list row 1 only: ${JSON.stringify(job.errors)}`,
              );
            },
          };
        },
      },
    ],
    400: [invalidUuid(getImport, "importId")],
    401: unauthorized((ctx) => getImport(ctx, unknownId())),
    403: forbiddenWithoutAdmin((ctx) => getImport(ctx, unknownId())),
    404: [
      {
        title: "an import id that does not exist",
        send: async (ctx) => ctx.api.send(getImport(ctx, unknownId())),
      },
    ],
  },
};
