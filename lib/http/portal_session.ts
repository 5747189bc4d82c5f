/**
 * The client portal's request state: the studio's branding, and the signed-in client when the portal
 * cookie holds a live session of this studio whose account is still enabled. Portal sessions never
 * open staff pages, and staff sessions never open the portal (separate cookies and key spaces).
 */
import { eq } from "drizzle-orm";
import { clients } from "../../db/schema/mod.ts";
import { cspNonce } from "../../components/PageStyle.tsx";
import { UnauthorizedError } from "../errors.ts";
import {
  createPortalSession,
  PORTAL_SESSION_LIFETIME_MS,
  revokePortalSession,
  validatePortalSession,
} from "../kv/portal_sessions.ts";
import { createTranslator, type Locale } from "../i18n/mod.ts";
import { getPortalAccount } from "../portal/accounts.ts";
import { type PortalBrand, portalBrand } from "../portal/brand.ts";
import {
  PORTAL_LANGUAGE_COOKIE,
  PORTAL_LANGUAGE_LIFETIME_MS,
  portalLocale,
} from "../portal/portal_locale.ts";
import type { Ctx } from "./define.ts";
import { depsOf } from "./deps.ts";
import { PORTAL_COOKIE, readSessionCookie, writeSessionCookie } from "./session_cookie.ts";
import { requireStudio } from "./studio.ts";

export interface PortalClient {
  accountId: string;
  clientId: string;
  email: string;
}

export interface PortalState {
  brand: PortalBrand;
  client?: PortalClient;
  /** The request's CSP nonce, for the brand colours' <style> element. */
  nonce?: string;
}

/**
 * Fills `ctx.state.portal` for the studio at this address, and sets the request's language
 * (`ctx.state.locale` and `ctx.state.t`) to the portal reader's (lib/portal/portal_locale.ts): the
 * signed-in client's preference, else their switcher choice, else Accept-Language, else the studio's.
 */
export async function loadPortal(ctx: Ctx): Promise<PortalState> {
  const studio = requireStudio(ctx);
  const { kv, config } = depsOf(ctx);
  const token = readSessionCookie(ctx.hono, config.https, studio.base, PORTAL_COOKIE);
  const [brand, session] = await Promise.all([
    portalBrand(studio.db, studio.tenant.name),
    token ? validatePortalSession(kv, token, studio.tenant.id) : null,
  ]);
  let client: PortalClient | undefined;
  let preferred: string | null = null;
  if (session) {
    const [account, [record]] = await Promise.all([
      getPortalAccount(studio.db, session.accountId),
      studio.db.select({ locale: clients.locale }).from(clients).where(eq(clients.id, session.clientId)),
    ]);
    if (account && !account.disabledAt && account.clientId === session.clientId) {
      client = { accountId: account.id, clientId: account.clientId, email: account.email };
      preferred = record?.locale ?? null;
    } else if (token) {
      await revokePortalSession(kv, token);
    }
  }
  setLocale(
    ctx,
    portalLocale({
      client: preferred,
      chosen: readSessionCookie(ctx.hono, config.https, studio.base, PORTAL_LANGUAGE_COOKIE),
      acceptLanguage: ctx.req.headers.get("accept-language"),
      studio: studio.tenant.locale,
    }, config.defaultLocale),
  );
  return ctx.state.portal = { brand, client, nonce: cspNonce(ctx.hono) };
}

/** Renders the rest of this request (its page, or its error page) in `locale`. */
export function setLocale(ctx: Ctx, locale: Locale): void {
  ctx.state.locale = locale;
  ctx.state.t = createTranslator(locale).t;
}

/** Remembers a visitor's choice of language for the portal in a cookie (a year). */
export function rememberLanguage(ctx: Ctx, locale: Locale): void {
  const studio = requireStudio(ctx);
  const { config } = depsOf(ctx);
  writeSessionCookie(
    ctx.hono,
    config.https,
    studio.base,
    locale,
    PORTAL_LANGUAGE_COOKIE,
    PORTAL_LANGUAGE_LIFETIME_MS,
  );
}

/** The signed-in client, or 401 (pages under routes/portal/(account) redirect to sign-in first). */
export function requireClient(ctx: Ctx): PortalClient {
  const client = ctx.state.portal?.client;
  if (!client) throw new UnauthorizedError();
  return client;
}

/** Starts a portal session for the account (link, password, new password) and sets its cookie. */
export async function startPortalSession(
  ctx: Ctx,
  account: { id: string; clientId: string },
): Promise<void> {
  const studio = requireStudio(ctx);
  const { kv, config } = depsOf(ctx);
  const session = await createPortalSession(kv, {
    tenantId: studio.tenant.id,
    accountId: account.id,
    clientId: account.clientId,
  });
  writeSessionCookie(
    ctx.hono,
    config.https,
    studio.base,
    session.token,
    PORTAL_COOKIE,
    PORTAL_SESSION_LIFETIME_MS,
  );
}
