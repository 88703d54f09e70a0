/** How many times keys DynamoDB left unprocessed (throttling) are asked again. */
const unprocessedRetries = 3;

/**
 * The items at `keys` through ElectroDB's batch get (`read`), which splits them into
 * BatchGetItem calls of 100; what DynamoDB leaves unprocessed is asked again, a few times, since
 * ElectroDB returns it instead of retrying.
 */
export async function itemsAt<K, I>(keys: K[], read: (keys: K[]) => Promise<{ data: I[]; unprocessed: K[] }>): Promise<I[]> {
  const items: I[] = [];
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt > unprocessedRetries) throw new Error(`${keys.length} review items left unprocessed by DynamoDB`);
    const { data, unprocessed } = await read(keys);
    items.push(...data);
    keys = unprocessed;
  }
  return items;
}
