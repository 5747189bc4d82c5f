/**
 * The platform's Stripe client (stripe-node over fetch), or null while payments are off (no
 * STRIPE_SECRET_KEY). One client per configuration; charges for a studio go to its connected
 * account through the `stripeAccount` request option, never through another key.
 */
import Stripe from "stripe";
import type { Config } from "../config.ts";

/** The API version every request and every webhook payload is read under. */
export const STRIPE_API_VERSION = "2026-10-28.endive";

/** Webhook signatures are checked with Web Crypto (no Node crypto under Deno). */
export const stripeCrypto = Stripe.createSubtleCryptoProvider();

const clients = new WeakMap<object, Stripe>();

/** The client for `config.stripe`, made once; null when payments are not configured. */
export function stripeFromConfig(config: Pick<Config, "stripe">): Stripe | null {
  const settings = config.stripe;
  if (!settings.secretKey) return null;
  const known = clients.get(settings);
  if (known) return known;
  const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
  const client = new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api
      ? {
        host: api.hostname,
        port: api.port || (api.protocol === "https:" ? 443 : 80),
        protocol: api.protocol === "https:" ? "https" : "http",
      }
      : {}),
  });
  clients.set(settings, client);
  return client;
}

export type { Stripe };
