/** One page of a cursor-paginated list, as every v2 list operation returns it. */
export interface CursorPage<Item> {
  items: Item[];
  nextCursor?: string | null;
}

/** Yields every item of every page, fetching the next page only when the consumer gets there. */
export async function* paginate<Item>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<Item>>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
