import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { ClientSearchInput } from "./client_input.ts";
import { searchClientIds } from "./search.ts";

/** Clients per batch: the export holds one batch in memory at a time, whatever the studio's size. */
const BATCH = 500;

/**
 * A download of every client a search selects, written batch by batch in id order: `write` turns a
 * batch's ids into text (`first` is true for the first batch, which carries any header).
 */
export function exportStream(
  db: TenantDb,
  search: ClientSearchInput,
  write: (ids: string[], first: boolean) => Promise<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: string | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const ids = await searchClientIds(db, { ...search, page: 1 }, { afterId, limit: BATCH });
      if (ids.length > 0 || first) controller.enqueue(encoder.encode(await write(ids, first)));
      first = false;
      if (ids.length < BATCH) controller.close();
      else afterId = ids.at(-1);
    },
  });
}
