import type { Config } from "../config.ts";
import type { BuiltAssets } from "../fw/build.ts";
import type { Manifest } from "../fw/types.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import type { Ctx } from "./define.ts";

/** What the app is assembled from; tests pass their own KV and, for the framework, a fixture manifest. */
export interface AppDeps {
  config: Config;
  kv: Deno.Kv;
  tenancy: Tenancy;
  /** Outgoing e-mail: SMTP when SMTP_URL is set, else the KV outbox (lib/mail/mailer.ts). */
  mailer: Mailer;
  manifest: Manifest;
  assets: BuiltAssets;
  /** Project root holding .build/ and static/. */
  root: string;
}

/** The app's dependencies, from a route handler. */
export function depsOf(ctx: Ctx): AppDeps {
  return ctx.hono.get("deps") as AppDeps;
}
