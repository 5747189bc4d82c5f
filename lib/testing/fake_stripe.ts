/**
 * A stand-in for the Stripe API on 127.0.0.1, for tests: the endpoints lib/stripe/ calls (accounts,
 * account links, checkout sessions create/retrieve/expire, refunds), state in memory, idempotency
 * keys honoured. Point the app at it with STRIPE_API_URL = `fake.url`. Events are built here and
 * signed with the real library's test-header helper, so the webhook verifies them as it would
 * Stripe's.
 *
 * ```ts
 * await using fake = await startFakeStripe();
 * const event = fake.completeCheckout(sessionId);
 * const { headers, body } = await fake.signedDelivery(event, WEBHOOK_SECRET);
 * ```
 */
import Stripe from "stripe";
import { stripeCrypto } from "../stripe/client.ts";

type Obj = Record<string, unknown>;

export interface FakeStripe extends AsyncDisposable {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  accounts: Map<string, Obj>;
  sessions: Map<string, Obj>;
  refunds: Map<string, Obj>;
  /** Every request: method, path, connected account header, parsed form body. */
  requests: { method: string; path: string; account: string | null; body: Obj }[];
  /** Answers the next `count` requests to `path` with a 500 (a Stripe outage). */
  failNext(path: string, count?: number): void;
  /** Lets the account take charges; returns its `account.updated` event. */
  enableCharges(accountId: string): Stripe.Event;
  /** The client paid: the session is complete and paid; returns its `checkout.session.completed`. */
  completeCheckout(sessionId: string): Stripe.Event;
  /** Any event about `object` on a connected account. */
  event(type: string, object: Obj, account?: string): Stripe.Event;
  /** The HTTP delivery of `event` as Stripe makes it: JSON body and its Stripe-Signature header. */
  signedDelivery(
    event: Stripe.Event,
    secret: string,
  ): Promise<{ headers: Record<string, string>; body: string }>;
  close(): Promise<void>;
}

/** Parses Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(text: string): Obj {
  const root: Obj = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = name.replace(/\]/g, "").split("[");
    let node: Obj = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {}) as Obj;
    });
  }
  return root;
}

export function startFakeStripe(): Promise<FakeStripe> {
  const accounts = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const refunds = new Map<string, Obj>();
  const idempotent = new Map<string, Obj>();
  const failures = new Map<string, number>();
  const requests: FakeStripe["requests"] = [];
  let seq = 0;
  const id = (prefix: string) =>
    `${prefix}_test${String(++seq).padStart(6, "0")}${crypto.randomUUID().slice(0, 8)}`;
  const now = () => Math.floor(Date.now() / 1000);
  const notFound = (what: string) =>
    Response.json({ error: { type: "invalid_request_error", message: `No such ${what}` } }, { status: 404 });

  function route(method: string, path: string, account: string | null, body: Obj): Response {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/accounts") {
      const account = {
        id: id("acct"),
        object: "account",
        type: body.type ?? "express",
        email: body.email ?? null,
        charges_enabled: false,
        details_submitted: false,
        metadata: body.metadata ?? {},
      };
      accounts.set(account.id, account);
      return Response.json(account);
    }
    if (method === "GET" && (m = path.match(/^\/v1\/accounts\/(acct_\w+)$/))) {
      return accounts.has(m[1]) ? Response.json(accounts.get(m[1])) : notFound("account");
    }
    if (method === "POST" && path === "/v1/account_links") {
      if (!accounts.has(String(body.account))) return notFound("account");
      return Response.json({
        object: "account_link",
        url: `https://connect.stripe.com/setup/e/${body.account}`,
        created: now(),
        expires_at: now() + 300,
      });
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const items = (body.line_items ?? []) as { quantity: string; price_data: Obj }[];
      const total = items.reduce(
        (sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity),
        0,
      );
      const session = {
        id: id("cs"),
        object: "checkout.session",
        mode: body.mode,
        status: "open",
        payment_status: "unpaid",
        amount_total: total,
        currency: (items[0]?.price_data.currency as string) ?? "eur",
        customer_email: body.customer_email ?? null,
        client_reference_id: body.client_reference_id ?? null,
        metadata: body.metadata ?? {},
        payment_intent: null,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        expires_at: Number(body.expires_at ?? now() + 86400),
        created: now(),
        livemode: false,
        url: "",
        account,
      };
      session.url = `https://checkout.stripe.com/c/pay/${session.id}`;
      sessions.set(session.id, session);
      return Response.json(session);
    }
    if ((m = path.match(/^\/v1\/checkout\/sessions\/(cs_\w+)(\/expire)?$/))) {
      const session = sessions.get(m[1]);
      if (!session || session.account !== account) return notFound("checkout.session");
      if (method === "POST" && m[2] && session.status === "open") session.status = "expired";
      return Response.json(session);
    }
    if (method === "POST" && path === "/v1/refunds") {
      const session = [...sessions.values()].find((s) => s.payment_intent === body.payment_intent);
      if (!session || session.account !== account) return notFound("payment_intent");
      const refund = {
        id: id("re"),
        object: "refund",
        amount: Number(body.amount ?? session.amount_total),
        currency: session.currency,
        payment_intent: body.payment_intent,
        status: "succeeded",
        reason: body.reason ?? null,
        metadata: body.metadata ?? {},
        created: now(),
      };
      refunds.set(refund.id, refund);
      return Response.json(refund);
    }
    return Response.json({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }, {
      status: 404,
    });
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const account = req.headers.get("stripe-account");
    const text = await req.text();
    const body = req.method === "GET" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(text);
    requests.push({ method: req.method, path: url.pathname, account, body });
    const failing = failures.get(url.pathname) ?? 0;
    if (failing > 0) {
      failures.set(url.pathname, failing - 1);
      return Response.json({ error: { type: "api_error", message: "Fake outage" } }, { status: 500 });
    }
    const key = req.headers.get("idempotency-key");
    const cacheKey = key ? `${account}:${req.method}:${url.pathname}:${key}` : null;
    if (cacheKey && idempotent.has(cacheKey)) return Response.json(idempotent.get(cacheKey));
    const res = route(req.method, url.pathname, account, body);
    if (cacheKey && res.ok) {
      const json = await res.clone().json();
      idempotent.set(cacheKey, json);
    }
    return res;
  });

  const event = (type: string, object: Obj, account?: string): Stripe.Event =>
    ({
      id: id("evt"),
      object: "event",
      type,
      account,
      api_version: "2026-10-28.endive",
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object) },
    }) as unknown as Stripe.Event;

  const signer = new Stripe("sk_test_fake", { httpClient: Stripe.createFetchHttpClient() });
  const close = async () => {
    await server.shutdown();
  };
  return Promise.resolve({
    url: `http://127.0.0.1:${server.addr.port}`,
    accounts,
    sessions,
    refunds,
    requests,
    failNext(path, count = 1) {
      failures.set(path, count);
    },
    enableCharges(accountId) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`No fake account ${accountId}`);
      Object.assign(account, { charges_enabled: true, details_submitted: true });
      return event("account.updated", account, accountId);
    },
    completeCheckout(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No fake checkout session ${sessionId}`);
      Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: id("pi") });
      return event("checkout.session.completed", session, session.account as string);
    },
    event,
    async signedDelivery(ev, secret) {
      const body = JSON.stringify(ev);
      const signature = await signer.webhooks.generateTestHeaderStringAsync({
        payload: body,
        secret,
        cryptoProvider: stripeCrypto,
      });
      return { headers: { "stripe-signature": signature, "content-type": "application/json" }, body };
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}
