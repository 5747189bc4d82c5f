/**
 * Which other web origins may call a studio's REST API (/api/v1) from a browser, in the control
 * plane (no tenant schema change): the list an owner or admin keeps on Settings → API keys.
 *
 * Key shape:
 *
 *   ["api_cors", tenantId]   → ApiCors   once someone has saved a list (absent: no origin allowed)
 *
 * Origins are stored normalised (`https://app.example.com`, `http://localhost:5173`) and compared
 * exactly with the browser's `Origin` header by lib/http/cors.ts.
 */

export interface ApiCors {
  tenantId: string;
  /** Exact origins, scheme://host[:port], in the order they were entered. */
  allowedOrigins: string[];
  /** ISO instant and staff id of the last change. */
  updatedAt: string;
  updatedBy: string;
}

/** At most this many origins per studio: a browser app has a handful, not hundreds. */
export const MAX_ALLOWED_ORIGINS = 20;

const corsKey = (tenantId: string): Deno.KvKey => ["api_cors", tenantId];

/** The studio's list with its versionstamp (for a checked update); null value before the first save. */
export async function getApiCorsEntry(kv: Deno.Kv, tenantId: string): Promise<Deno.KvEntryMaybe<ApiCors>> {
  return await kv.get<ApiCors>(corsKey(tenantId));
}

/** The origins allowed to call the studio's API from a browser (none until set). */
export async function allowedApiOrigins(kv: Deno.Kv, tenantId: string): Promise<string[]> {
  return (await getApiCorsEntry(kv, tenantId)).value?.allowedOrigins ?? [];
}

/** Writes `next` if the list is still that of `entry`; false when someone saved in between. */
export async function putApiCors(
  kv: Deno.Kv,
  entry: Deno.KvEntryMaybe<ApiCors>,
  next: ApiCors,
): Promise<boolean> {
  return (await kv.atomic().check(entry).set(corsKey(next.tenantId), next).commit()).ok;
}

/** Forgets a deleted studio's allowed origins. */
export async function deleteApiCors(kv: Deno.Kv, tenantId: string): Promise<void> {
  await kv.delete(corsKey(tenantId));
}
