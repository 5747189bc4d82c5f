import assert from "node:assert/strict";
import { finishSso, startSso } from "../auth/sso.ts";
import { saveSsoSettings, type SsoForm } from "../auth/sso_settings.ts";
import { createSecretBox } from "../crypto/secret_box.ts";
import { openKv } from "../kv/open.ts";
import { addMembership, createStaff } from "../kv/staff.ts";
import { auditRecorder } from "./audit_recorder.ts";
import { catalogStudio } from "./catalog.ts";
import { startOidcProvider } from "./oidc_provider.ts";

export const SSO_REDIRECT = "http://localhost/s/north/sign-in/sso/callback";
export const SSO_IP = "203.0.113.9";

/**
 * Studio "north" (owner Ana) with OIDC SSO saved against a provider served on 127.0.0.1, a second
 * studio "other", and a sign-in that follows the provider's redirect by hand, as a browser would.
 * Dispose with `await using`.
 */
export async function ssoStudio(settings: Partial<SsoForm> = {}) {
  const kv = await openKv(":memory:");
  const idp = await startOidcProvider();
  const box = await createSecretBox(["test secret that is long enough to derive keys"]);
  const north = await catalogStudio(kv, "north", { name: "North Sound" });
  const other = await catalogStudio(kv, "other", { name: "Other Room" });
  const ana = await createStaff(kv, { email: "ana@northsound.example", name: "Ana Lima" });
  await addMembership(kv, north.id, ana.id, "owner");
  const audit = auditRecorder();
  const env = { kv, box, allowLoopback: true };
  const form: SsoForm = {
    enabled: true,
    preset: "generic",
    providerDetail: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowedDomains: "northsound.example, north.example",
    defaultRole: "engineer",
    ssoOnly: false,
    ...settings,
  };
  const save = (changes: Partial<SsoForm> = {}) =>
    saveSsoSettings(kv, box, {
      tenantId: north.id,
      form: { ...form, ...changes },
      acting: { actor: { type: "staff", id: ana.id, label: ana.email } },
      audit: audit.writer,
      allowLoopback: true,
    });
  await save();

  const signInThroughProvider = async (
    options: { cookieState?: (state: string) => string | undefined; tenantId?: string } = {},
  ) => {
    const { url, state } = await startSso(env, {
      tenantId: north.id,
      redirectUri: SSO_REDIRECT,
      next: "",
      ip: SSO_IP,
    });
    const res = await fetch(url, { redirect: "manual" });
    await res.body?.cancel();
    const back = new URL(res.headers.get("location")!);
    assert.equal(back.origin + back.pathname, SSO_REDIRECT);
    return await finishSso(env, {
      tenantId: options.tenantId ?? north.id,
      cookieState: options.cookieState ? options.cookieState(state) : state,
      params: back.searchParams,
      ip: SSO_IP,
      userAgent: "Firefox",
    }, audit.writer);
  };
  return {
    kv,
    idp,
    box,
    env,
    north,
    other,
    ana,
    audit,
    save,
    signInThroughProvider,
    [Symbol.asyncDispose]: async () => {
      await idp[Symbol.asyncDispose]();
      kv.close();
    },
  };
}
