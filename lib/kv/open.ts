import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Opens the control-plane KV store: a local SQLite file, ":memory:" for tests, or a remote
 * KV URL in production. The only place in the app that calls Deno.openKv.
 */
export function openKv(url: string): Promise<Deno.Kv> {
  if (url !== ":memory:" && !/^https?:\/\//.test(url)) mkdirSync(dirname(url), { recursive: true });
  return Deno.openKv(url === ":memory:" ? ":memory:" : url);
}
