/**
 * The client portal's request state: the studio's branding, and the signed-in client when the portal
 * cookie holds a live session of this studio whose account is still enabled. Portal sessions never
 * open staff pages, and staff sessions never open the portal (separate cookies and key spaces).
 */
import { cspNonce } from "../../components/PageStyle.tsx";
import { UnauthorizedError } from "../errors.ts";
import {
  createPortalSession,
  PORTAL_SESSION_LIFETIME_MS,
  revokePortalSession,
  validatePortalSession,
} from "../kv/portal_sessions.ts";
import { getPortalAccount } from "../portal/accounts.ts";
import { type PortalBrand, portalBrand } from "../portal/brand.ts";
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

/** Fills `ctx.state.portal` for the studio at this address. */
export async function loadPortal(ctx: Ctx): Promise<PortalState> {
  const studio = requireStudio(ctx);
  const { kv, config } = depsOf(ctx);
  const token = readSessionCookie(ctx.hono, config.https, studio.base, PORTAL_COOKIE);
  const [brand, session] = await Promise.all([
    portalBrand(studio.db, studio.tenant.name),
    token ? validatePortalSession(kv, token, studio.tenant.id) : null,
  ]);
  let client: PortalClient | undefined;
  if (session) {
    const account = await getPortalAccount(studio.db, session.accountId);
    if (account && !account.disabledAt && account.clientId === session.clientId) {
      client = { accountId: account.id, clientId: account.clientId, email: account.email };
    } else if (token) {
      await revokePortalSession(kv, token);
    }
  }
  return ctx.state.portal = { brand, client, nonce: cspNonce(ctx.hono) };
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
