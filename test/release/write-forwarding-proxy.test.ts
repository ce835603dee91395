import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedStatement } from "../../release/testing/write-forwarding/refused-statements.js";
import {
  REFUSAL_SQLSTATE,
  startWriteForwardingProxy,
  type WriteForwardingProxy,
} from "../../release/testing/write-forwarding/write-forwarding-proxy.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

// Each kind of statement on AWS's list (aurora-postgresql-write-forwarding-limitations.html).
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  ["ANALYZE", "analyze wineries"],
  ["CLUSTER", "cluster wineries using wineries_pkey"],
  ["COPY", "copy wineries to stdout"],
  ["cursors", "declare c cursor for select 1"],
  ["cursors", "fetch next from c"],
  ["data definition language (DDL)", "create table t (id int)"],
  ["data definition language (DDL)", "  /* a comment */ ALTER TABLE wineries ADD COLUMN x int"],
  ["data definition language (DDL)", "drop index if exists i"],
  ["GRANT|REVOKE|REASSIGN OWNED|SECURITY LABEL", "grant select on wineries to public"],
  ["LISTEN / NOTIFY", "notify imports"],
  ["LOCK", "lock table wineries in exclusive mode"],
  ["SAVEPOINT", "savepoint import_rows"],
  ["SAVEPOINT", "release savepoint import_rows"],
  ["SAVEPOINT", "rollback to savepoint import_rows"],
  ["SELECT INTO", "select * into copy_of_wineries from wineries"],
  ["SET CONSTRAINTS", "set constraints all deferred"],
  ["sequence updates: nextval(), setval()", "select nextval('s')"],
  ["sequence updates: nextval(), setval()", "insert into t (id) values (setval('s', 3))"],
  ["TRUNCATE", "truncate wineries"],
  ["two-phase commit commands", "prepare transaction 'x'"],
  ["two-phase commit commands", "commit prepared 'x'"],
  ["user defined functions and user defined procedures", "call refresh_things()"],
  ["VACUUM", "vacuum wineries"],
  ["advisory locks (taken on the reader only)", "select pg_advisory_xact_lock(hashtext('seed'))"],
];

const ALLOWED = [
  "begin",
  "commit",
  "rollback",
  "select * from wineries where name = 'savepoint; drop table x'",
  'select "into" from t',
  "select id from wineries where id in (select winery_id from reviews) for update skip locked",
  "insert into wineries (id, name) values ($1, $2) returning id",
  "update import_rows set outcome = $1 where import_id = $2",
  "delete from favorites where user_id = $1",
  "with moved as (delete from q returning *) insert into dead select * from moved",
  "select $tag$ lock table x $tag$ as text",
];

describe("the statements Aurora write forwarding refuses", () => {
  it.each(REFUSED)("refuses %s: %s", (kind, statement) => {
    expect(refusedStatement(statement)?.kind).toBe(kind);
  });

  it.each(ALLOWED)("lets through %s", (statement) => {
    expect(refusedStatement(statement)).toBeUndefined();
  });

  it("finds a refused statement after an allowed one in the same simple query", () => {
    expect(refusedStatement("select 1; savepoint a")?.statement).toBe("savepoint a");
  });

  it("refuses calls to the database's own functions, not to built-in ones", () => {
    const mine = new Set(["rating_of"]);
    expect(refusedStatement("select rating_of(id) from wineries", mine)?.kind).toBe(
      "user defined functions and user defined procedures",
    );
    expect(refusedStatement("select count(*), lower(name) from wineries", mine)).toBeUndefined();
  });
});

describe("the write-forwarding connection", () => {
  let database: TemporaryDatabase;
  let proxy: WriteForwardingProxy;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    await setup.query("create table things (id int primary key, name text)");
    await setup.query("create function shout(t text) returns text language sql as $$ select upper(t) $$");
    await setup.end();
    proxy = await startWriteForwardingProxy(database.url);
    client = new pg.Client({ connectionString: proxy.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await proxy?.close();
    await database?.drop();
  });

  it("runs what write forwarding supports, with and without parameters", async () => {
    await client.query("insert into things values (1, 'one')");
    await client.query("insert into things values ($1, $2)", [2, "two"]);
    const { rows } = await client.query("select name from things where id = $1 for update", [2]);
    expect(rows).toEqual([{ name: "two" }]);
  });

  it("answers a refused statement with SQLSTATE 0A000 naming what was refused, in both protocols", async () => {
    await expect(client.query("savepoint a")).rejects.toMatchObject({
      code: REFUSAL_SQLSTATE,
      message: expect.stringContaining("SAVEPOINT is not supported with Aurora PostgreSQL write forwarding"),
    });
    await expect(client.query("select nextval($1)", ["s"])).rejects.toMatchObject({ code: REFUSAL_SQLSTATE });
    await expect(client.query("select shout($1)", ["x"])).rejects.toMatchObject({
      code: REFUSAL_SQLSTATE,
      message: expect.stringContaining("user defined functions"),
    });
    expect(proxy.refusals.map((refusal) => refusal.kind)).toEqual(
      expect.arrayContaining(["SAVEPOINT", "sequence updates: nextval(), setval()"]),
    );
  });

  it("leaves the server's transaction aborted, as the client is told, and nothing of it committed", async () => {
    await client.query("begin");
    await client.query("insert into things values (3, 'three')");
    await expect(client.query("lock table things")).rejects.toMatchObject({ code: REFUSAL_SQLSTATE });
    await expect(client.query("select 1")).rejects.toMatchObject({ code: "25P02" });
    await client.query("rollback");
    const { rows } = await client.query("select count(*)::int as n from things where id = 3");
    expect(rows).toEqual([{ n: 0 }]);
  });
});
