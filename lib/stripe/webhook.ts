/**
 * The platform's Stripe webhook (POST /webhooks/stripe): one endpoint for every studio's connected
 * account. It verifies the signature over the raw body, finds the studio by the event's account
 * (lib/kv/stripe_accounts.ts), stores and processes the event in that studio's database, and says 200
 * only once the effects committed; 500 otherwise, so Stripe delivers again.
 */
import type { Mailer } from "../mail/mailer.ts";
import type Stripe from "stripe";
import { log } from "../http/logger.ts";
import { problemResponse } from "../http/problem.ts";
import { tenantOfStripeAccount } from "../kv/stripe_accounts.ts";
import { getTenant } from "../kv/tenants.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import { stripeCrypto } from "./client.ts";
import { eventNoticeSender } from "./event_notices.ts";
import { receiveEvent } from "./events.ts";

/** Stripe's events are a few kilobytes; anything far larger is not one. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;

export interface WebhookDeps {
  kv: Deno.Kv;
  tenancy: Tenancy;
  mailer: Mailer;
  stripe: Stripe | null;
  webhookSecret?: string;
}

const problem = (status: number, title: string, detail: string) =>
  problemResponse({ type: "about:blank", title, status, detail });

export async function handleStripeWebhook(deps: WebhookDeps, req: Request): Promise<Response> {
  if (!deps.stripe || !deps.webhookSecret) {
    return problem(404, "Not found", "Payments are not configured on this server.");
  }
  const body = await readLimited(req, MAX_WEBHOOK_BYTES);
  if (body === null) return problem(413, "Payload too large", `At most ${MAX_WEBHOOK_BYTES} bytes.`);
  const signature = req.headers.get("stripe-signature");
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("no Stripe-Signature header");
    event = await deps.stripe.webhooks.constructEventAsync(
      body,
      signature,
      deps.webhookSecret,
      undefined,
      stripeCrypto,
    );
  } catch (err) {
    log.warn("stripe webhook refused: bad signature", { error: (err as Error).message });
    return problem(400, "Bad signature", "The Stripe-Signature header does not match this payload.");
  }
  if (!event.account) {
    log.info("stripe platform event ignored", { event: event.id, type: event.type });
    return Response.json({ received: true, ignored: "platform event" });
  }
  const tenantId = await tenantOfStripeAccount(deps.kv, event.account);
  const tenant = tenantId ? await getTenant(deps.kv, tenantId) : null;
  if (!tenant || tenant.status === "deleting" || tenant.status === "provisioning") {
    log.info("stripe event for an account that is not ours", { event: event.id, account: event.account });
    return Response.json({ received: true, ignored: "unknown account" });
  }
  try {
    const outcome = await deps.tenancy.pool.use(
      tenant.database,
      (db) => receiveEvent(db, event, { notify: eventNoticeSender(deps.mailer, db) }),
    );
    return Response.json({ received: true, outcome });
  } catch (err) {
    log.error("stripe event failed; it stays stored for retry and replay", {
      tenant: tenant.slug,
      event: event.id,
      type: event.type,
      error: err,
    });
    return problem(500, "Not processed", "The event is stored and will be processed on a retry.");
  }
}

/** The body as text, or null when it is larger than `max` bytes (read no further than that). */
async function readLimited(req: Request, max: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
