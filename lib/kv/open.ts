import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { retryingWhenLocked } from "./busy_retry.ts";

/**
 * Opens the control-plane KV store: a local SQLite file, ":memory:" for tests, or a remote
 * KV URL in production. The only place in the app that calls Deno.openKv.
 */
export async function openKv(url: string): Promise<Deno.Kv> {
  if (url === ":memory:" || /^https?:\/\//.test(url)) return await Deno.openKv(url);
  mkdirSync(dirname(url), { recursive: true });
  // A file may be open in other threads or processes too (lib/kv/busy_retry.ts).
  return retryingWhenLocked(await Deno.openKv(url));
}
