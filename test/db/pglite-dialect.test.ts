import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { backends, useDatabase } from "../support/databases.js";

/** A full turn of the event loop: every other request gets its chance to run a statement here. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(backends)("transactions on $name", (backend) => {
  const db = useDatabase(backend);

  it("commit, roll back on error and keep rolled-back rows invisible", async () => {
    await sql`create table tx_probe (value text)`.execute(db());
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`insert into tx_probe values ('committed')`.execute(trx);
      });
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`insert into tx_probe values ('rolled back')`.execute(trx);
          throw new Error("boom");
        }),
    ).rejects.toThrow("boom");
    const { rows } = await sql<{ value: string }>`select value from tx_probe`.execute(db());
    expect(rows).toEqual([{ value: "committed" }]);
  });

  it("support savepoints in controlled transactions", async () => {
    await sql`create table savepoint_probe (value text)`.execute(db());
    const trx = await db().startTransaction().execute();
    await sql`insert into savepoint_probe values ('kept')`.execute(trx);
    const afterSavepoint = await trx.savepoint("before_discarded").execute();
    await sql`insert into savepoint_probe values ('discarded')`.execute(afterSavepoint);
    await afterSavepoint.rollbackToSavepoint("before_discarded").execute();
    await trx.commit().execute();
    const { rows } = await sql<{ value: string }>`select value from savepoint_probe`.execute(db());
    expect(rows).toEqual([{ value: "kept" }]);
  });

  it("report affected rows", async () => {
    await sql`create table affected_probe (value int)`.execute(db());
    await sql`insert into affected_probe select generate_series(1, 4)`.execute(db());
    const result = await sql`update affected_probe set value = value + 1 where value > 1`.execute(db());
    expect(result.numAffectedRows).toBe(3n);
  });

  // PGlite has one connection; the dialect's lock is what keeps concurrent requests apart.
  it.runIf(backend.name === "pglite")(
    "runs concurrent transactions one after the other, never interleaved",
    async () => {
      await sql`create table interleave_probe (tx text, step int)`.execute(db());
      const run = (name: string) =>
        db()
          .transaction()
          .execute(async (trx) => {
            for (const step of [1, 2, 3]) {
              await sql`insert into interleave_probe values (${name}, ${step})`.execute(trx);
              await yieldToOthers();
            }
          });
      // A plain query issued meanwhile must wait for the connection too, not slip into a transaction.
      await Promise.all([
        run("a"),
        run("b"),
        sql`insert into interleave_probe values ('plain', 0)`.execute(db()),
        run("c"),
      ]);

      const { rows } = await sql<{ tx: string }>`select tx from interleave_probe order by ctid`.execute(db());
      const order = rows.map((row) => row.tx);
      expect(order).toEqual(["a", "a", "a", "b", "b", "b", "plain", "c", "c", "c"]);
    },
  );

  it("keeps serving after a transaction fails", async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`select * from does_not_exist`.execute(trx);
        }),
    ).rejects.toMatchObject({ code: "42P01" });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db());
    expect(rows).toEqual([{ one: 1 }]);
  });
});
