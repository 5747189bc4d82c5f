/**
 * Deleting many KV records in bounded atomic batches, for removing everything a deleted studio left
 * in the control plane (lib/tenancy/studio_records.ts). A record and its index entries are deleted in
 * the same batch, so no batch leaves an index pointing at nothing; what a crash leaves is found again
 * by the next run, which is how a half-done deletion is finished.
 */

/**
 * Keys per atomic operation. Deno KV allows 1000 mutations but also caps the total key size of one
 * operation (80 KiB); 100 keys of up to ~300 bytes (an e-mail in a key) stay far below both.
 */
export const DELETE_BATCH = 100;

/**
 * Lists every entry under `prefix` and deletes, for each, the keys `doomed(entry)` returns (none:
 * the entry is kept). Keys of one entry always land in the same batch. Returns how many keys went.
 */
export async function deleteListed<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  doomed: (entry: Deno.KvEntry<T>) => Deno.KvKey[],
): Promise<number> {
  let batch: Deno.KvKey[] = [];
  let deleted = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const operation = kv.atomic();
    for (const key of batch) operation.delete(key);
    if (!(await operation.commit()).ok) {
      throw new Error(`Could not delete a batch under ${String(prefix[0])}.`);
    }
    deleted += batch.length;
    batch = [];
  };
  for await (const entry of kv.list<T>({ prefix })) {
    const keys = doomed(entry);
    if (batch.length + keys.length > DELETE_BATCH) await flush();
    batch.push(...keys);
  }
  await flush();
  return deleted;
}

/** `deleteListed` for records that name their studio in a `tenantId` field and have no index. */
export function deleteNamingStudio(kv: Deno.Kv, prefix: Deno.KvKey, tenantId: string): Promise<number> {
  return deleteListed<{ tenantId?: unknown }>(
    kv,
    prefix,
    (entry) => entry.value?.tenantId === tenantId ? [entry.key] : [],
  );
}
