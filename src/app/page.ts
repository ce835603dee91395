import { encodeCursor } from "./cursor.js";

/**
 * Keyset pages: the repository is asked for one row more than the page, so "is there a next
 * page" costs no count query.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorKey: (row: Row) => Record<string, unknown>,
  query: string,
): { items: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorKey(last), query) : null,
  };
}
