import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { FavoriteWinery } from "../../src/db/favorite.model.js";
import {
  addFavorite,
  countFavorites,
  listFavorites,
  removeFavorite,
} from "../../src/db/favorite.repository.js";
import { insertWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

const MISSING_WINERY = "00000000-0000-4000-8000-000000000000";

describe.each(backends)("favorite repository on $name", (backend) => {
  const db = useDatabase(backend);

  it("adds idempotently: added, then exists", async () => {
    const user = newUserId();
    const winery = await insertWinery(db(), newWinery());
    expect(await addFavorite(db(), user, winery.id)).toBe("added");
    expect(await addFavorite(db(), user, winery.id)).toBe("exists");
    expect(await countFavorites(db(), user)).toBe(1);
    // Another user's favorite is separate.
    expect(await addFavorite(db(), newUserId(), winery.id)).toBe("added");
    expect(await countFavorites(db(), user)).toBe(1);
  });

  it("reports no-winery for unknown and malformed ids", async () => {
    const user = newUserId();
    expect(await addFavorite(db(), user, MISSING_WINERY)).toBe("no-winery");
    expect(await addFavorite(db(), user, "nope")).toBe("no-winery");
    expect(await countFavorites(db(), user)).toBe(0);
  });

  it("does not abort an enclosing transaction when the winery is missing", async () => {
    const user = newUserId();
    const winery = await insertWinery(db(), newWinery());
    await db()
      .transaction()
      .execute(async (trx) => {
        expect(await addFavorite(trx, user, MISSING_WINERY)).toBe("no-winery");
        expect(await addFavorite(trx, user, winery.id)).toBe("added");
      });
    expect(await countFavorites(db(), user)).toBe(1);
  });

  it("removes: true once, then false", async () => {
    const user = newUserId();
    const winery = await insertWinery(db(), newWinery());
    await addFavorite(db(), user, winery.id);
    expect(await removeFavorite(db(), user, winery.id)).toBe(true);
    expect(await removeFavorite(db(), user, winery.id)).toBe(false);
    expect(await removeFavorite(db(), user, "nope")).toBe(false);
    expect(await countFavorites(db(), user)).toBe(0);
  });

  it("lists newest first with the winery attached", async () => {
    const user = newUserId();
    const first = await insertWinery(db(), newWinery({ name: "First" }));
    const second = await insertWinery(db(), newWinery({ name: "Second" }));
    await addFavorite(db(), user, first.id);
    // The first favorite is dated a day back rather than waiting for the clock to move.
    await db()
      .updateTable("favorites")
      .set({ created_at: sql<Date>`now() - interval '1 day'` })
      .where("user_id", "=", user)
      .where("winery_id", "=", first.id)
      .execute();
    await addFavorite(db(), user, second.id);

    const listed = await listFavorites(db(), user, { limit: 10 });
    expect(listed.map((favorite) => favorite.winery.name)).toEqual(["Second", "First"]);
    expect(listed[0]?.winery).toEqual(second);
    expect(listed[0]?.favoritedAt).toBeInstanceOf(Date);
    expect(listed[0]?.favoritedAt.getTime()).toBeGreaterThan(listed[1]?.favoritedAt.getTime() ?? Infinity);
  });

  it("pages with a keyset cursor: every favorite once, even with inserts and same-instant ties", async () => {
    const user = newUserId();
    const wineries = await Promise.all(Array.from({ length: 12 }, () => insertWinery(db(), newWinery())));
    // Six favorites share one created_at (one transaction, one now()), so the winery id must break ties.
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const winery of wineries.slice(0, 6)) await addFavorite(trx, user, winery.id);
      });
    for (const winery of wineries.slice(6)) await addFavorite(db(), user, winery.id);

    const seen: FavoriteWinery[] = [];
    for (let page = 0; page < 10; page += 1) {
      const last = seen.at(-1);
      const rows = await listFavorites(db(), user, {
        limit: 4,
        after: last && { favoritedAt: last.favoritedAt, wineryId: last.winery.id },
      });
      seen.push(...rows);
      if (rows.length < 4) break;
      // Newer than the cursor, so it belongs before the pages already read and must not reappear.
      await addFavorite(db(), user, (await insertWinery(db(), newWinery())).id);
    }

    const ids = seen.map((favorite) => favorite.winery.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(wineries.map((winery) => winery.id)));
    expect(await countFavorites(db(), user)).toBe(12 + 3);
  });

  it("disappears with its winery (on delete cascade)", async () => {
    const user = newUserId();
    const winery = await insertWinery(db(), newWinery());
    await addFavorite(db(), user, winery.id);
    await db().deleteFrom("wineries").where("id", "=", winery.id).execute();
    expect(await countFavorites(db(), user)).toBe(0);
  });
});
