import assert from "node:assert/strict";
import { putApiCors } from "../kv/api_cors.ts";
import { createApiKey, listApiKeys } from "../kv/api_keys.ts";
import { claimReminder } from "../kv/booking_reminders.ts";
import { issueEmailToken } from "../kv/email_tokens.ts";
import { createHandoff } from "../kv/handoff_tokens.ts";
import { issueInvitation } from "../kv/invitations.ts";
import { issuePortalLink } from "../kv/portal_links.ts";
import { createPortalSession } from "../kv/portal_sessions.ts";
import { hitRateLimit } from "../kv/rate_limits.ts";
import { retireDatabase } from "../kv/retired_databases.ts";
import { createSession, listSessions } from "../kv/sessions.ts";
import { putSsoConfig, putSsoFlow } from "../kv/sso_config.ts";
import { createMember, getStaff, joinStudio, listMembers, listMemberships } from "../kv/staff.ts";
import { mapStripeAccount } from "../kv/stripe_accounts.ts";
import { markProviderMfaSession, putStudioSecurity } from "../kv/studio_security.ts";
import { getTenant, getTenantBySlug } from "../kv/tenants.ts";
import { issueChallenge } from "../kv/two_factor.ts";
import { newStudio, testTenancy } from "../testing/test_tenancy.ts";
import { createStudio } from "./create_studio.ts";
import { deleteStudio, type DeletionStep, resumeUnfinished } from "./provision.ts";
import type { Tenancy } from "./tenancy.ts";

const PASSWORD = "violet tractor singing";

class Crash extends Error {}

/**
 * Two studios sharing a person: Ana owns A and works at B; Carl works only at A; Bob owns B. Each
 * studio gets one record of every kind the app keeps in KV for a studio.
 */
async function twoStudios(tenancy: Tenancy) {
  const { kv } = tenancy;
  const a = await createStudio(tenancy, newStudio("studio-a"), {
    email: "ana@example.com",
    password: PASSWORD,
  });
  const b = await createStudio(tenancy, newStudio("studio-b"), {
    email: "bob@example.com",
    password: PASSWORD,
  });
  await joinStudio(kv, b.tenant.id, a.ownerId, "engineer");
  const carl = await createMember(kv, { email: "carl@example.com", name: "Carl" }, a.tenant.id, "engineer");
  await fillStudio(tenancy, a.tenant.id, [a.ownerId, carl!.staff.id], "a");
  await fillStudio(tenancy, b.tenant.id, [b.ownerId, a.ownerId], "b");
  return { a: a.tenant, b: b.tenant, ana: a.ownerId, bob: b.ownerId, carl: carl!.staff.id };
}

async function fillStudio(tenancy: Tenancy, tenantId: string, staffIds: string[], tag: string) {
  const { kv } = tenancy;
  const now = new Date().toISOString();
  for (const staffId of staffIds) {
    const { session } = await createSession(kv, { staffId, tenantId });
    await markProviderMfaSession(kv, session.id, { staffId, tenantId, amr: ["mfa"] });
    await issueEmailToken(kv, "reset", { staffId, tenantId, email: `${tag}@example.com` });
    await issueEmailToken(kv, "verify_email", { staffId, tenantId, email: `${tag}@example.com` });
    await createHandoff(kv, { staffId, tenantId });
    await issueChallenge(kv, { staffId, tenantId, next: "/app" });
  }
  await createApiKey(kv, { tenantId, name: "Website", role: "manager", createdBy: { type: "system" } });
  await issueInvitation(kv, {
    tenantId,
    email: `new-${tag}@example.com`,
    role: "engineer",
    invitedBy: staffIds[0],
    locale: "en",
  });
  await createPortalSession(kv, { tenantId, accountId: `pa_${tag}`, clientId: `cl_${tag}` });
  await issuePortalLink(kv, { tenantId, email: `client-${tag}@example.com`, clientId: `cl_${tag}` });
  await putSsoConfig(kv, { key: ["sso_configs", tenantId], value: null, versionstamp: null }, {
    tenantId,
    enabled: true,
    preset: "generic",
    providerDetail: "https://idp.example.com",
    issuer: "https://idp.example.com",
    clientId: "rsm",
    allowedDomains: ["example.com"],
    defaultRole: "engineer",
    ssoOnly: false,
    createdAt: now,
    updatedAt: now,
  });
  await putSsoFlow(kv, crypto.randomUUID().replaceAll("-", "").padEnd(43, "x"), {
    tenantId,
    codeVerifier: "v",
    nonce: "n",
    redirectUri: "https://app.example.com/sso/callback",
    next: "/app",
  });
  await putStudioSecurity(kv, { key: ["studio_security", tenantId], value: null, versionstamp: null }, {
    tenantId,
    requireTwoFactor: true,
    updatedAt: now,
    updatedBy: staffIds[0],
  });
  await putApiCors(kv, { key: ["api_cors", tenantId], value: null, versionstamp: null }, {
    tenantId,
    allowedOrigins: ["https://app.example.com"],
    updatedAt: now,
    updatedBy: staffIds[0],
  });
  await claimReminder(kv, tenantId, `bk_${tag}`, new Date(Date.now() + 3_600_000));
  await hitRateLimit(kv, { name: "portal:invite", limit: 3, windowMs: 86_400_000 }, `${tenantId}:cl_${tag}`);
  await mapStripeAccount(kv, `acct_${tag}`, tenantId);
}

/** Every KV entry whose key or value mentions `tenantId`, as "key → value" lines, sorted. */
async function recordsNaming(kv: Deno.Kv, tenantId: string): Promise<string[]> {
  const json = (value: unknown) => JSON.stringify(value, (_, v) => typeof v === "bigint" ? String(v) : v);
  const found: string[] = [];
  for await (const entry of kv.list({ prefix: [] })) {
    const line = `${json(entry.key)} → ${json(entry.value)}`;
    if (line.includes(tenantId)) found.push(line);
  }
  return found.sort();
}

/** The key prefixes (first key part) of `lines` from recordsNaming, without repeats. */
const prefixes = (lines: string[]) =>
  [...new Set(lines.map((line) => JSON.parse(line.split(" → ")[0])[0]))].sort();

Deno.test("deleting a studio leaves no KV record naming it, and another studio's records as they were", async () => {
  await using tenancy = await testTenancy();
  const { kv } = tenancy;
  const { a, b, ana, bob, carl } = await twoStudios(tenancy);
  const old = await tenancy.driver.create(a.database.region, "t_moved_away");
  await retireDatabase(kv, a.id, old);
  const before = await recordsNaming(kv, a.id);
  // The fixture really covers every kind of record, so "nothing left" below means something.
  assert.deepEqual(prefixes(before), [
    "api_cors",
    "api_keys",
    "booking_reminders",
    "email_verification_tokens",
    "handoff_tokens",
    "invitations",
    "memberships",
    "portal_account_sessions",
    "portal_links",
    "portal_sessions",
    "provider_mfa_sessions",
    "rate_limits",
    "reset_tokens",
    "retired_databases",
    "sessions",
    "sso_configs",
    "sso_flows",
    "staff_memberships",
    "stripe_accounts",
    "studio_invitations",
    "studio_security",
    "tenant_api_keys",
    "tenant_slugs",
    "tenants",
    "two_factor_challenges",
  ]);
  const otherStudio = await recordsNaming(kv, b.id);

  await deleteStudio(tenancy, a.id);

  assert.deepEqual(await recordsNaming(kv, a.id), []);
  assert.deepEqual(await recordsNaming(kv, b.id), otherStudio, "studio B's records are untouched");
  assert.equal(await tenancy.driver.exists(a.database), false);
  assert.equal(await tenancy.driver.exists(old), false, "the database it had moved away from is dropped too");
  // People stay: Ana keeps studio B (and her session there); Carl, left with no studio, keeps his account.
  assert.deepEqual((await listMemberships(kv, ana)).map((m) => [m.tenantId, m.role]), [[b.id, "engineer"]]);
  assert.deepEqual((await listSessions(kv, ana)).map((s) => s.tenantId), [b.id]);
  assert.deepEqual((await listMemberships(kv, bob)).map((m) => m.tenantId), [b.id]);
  assert.equal((await getStaff(kv, carl))?.email, "carl@example.com");
  assert.deepEqual(await listMemberships(kv, carl), []);
  assert.ok(await joinStudio(kv, b.id, carl, "engineer"), "Carl can be invited again");
});

Deno.test("a deletion that crashed half-way is finished by resumeUnfinished", async () => {
  await using tenancy = await testTenancy();
  const { kv } = tenancy;
  const { a, b } = await twoStudios(tenancy);
  const otherStudio = await recordsNaming(kv, b.id);
  const crashAfter = (at: DeletionStep) => ({
    afterStep(step: DeletionStep) {
      if (step === at) throw new Crash(`crashed after ${step}`);
    },
  });

  await assert.rejects(deleteStudio(tenancy, a.id, crashAfter("memberships")), Crash);
  assert.equal((await getTenant(kv, a.id))?.status, "deleting");
  assert.deepEqual(await listMembers(kv, a.id), [], "the steps before the crash are done");
  assert.equal((await listApiKeys(kv, a.id)).length, 1, "the steps after it are not");

  const report = await resumeUnfinished(tenancy);
  assert.deepEqual(report, { completed: [], deleted: ["studio-a"], retiredDropped: 0, failed: [] });
  assert.deepEqual(await recordsNaming(kv, a.id), []);
  assert.equal(await getTenantBySlug(kv, "studio-a"), null);
  assert.deepEqual(await recordsNaming(kv, b.id), otherStudio);
});

Deno.test("a studio with more members than one atomic batch holds loses them all, and they keep their accounts", async () => {
  await using tenancy = await testTenancy();
  const { kv } = tenancy;
  const { tenant } = await createStudio(tenancy, newStudio("big-band"), {
    email: "ana@example.com",
    password: PASSWORD,
  });
  const staffIds: string[] = [];
  for (let i = 0; i < 130; i++) {
    const member = await createMember(
      kv,
      { email: `player${i}@example.com`, name: `Player ${i}` },
      tenant.id,
      "engineer",
    );
    staffIds.push(member!.staff.id);
    await createSession(kv, { staffId: member!.staff.id, tenantId: tenant.id });
  }

  await deleteStudio(tenancy, tenant.id);

  assert.deepEqual(await recordsNaming(kv, tenant.id), []);
  for (const staffId of staffIds) {
    assert.ok(await getStaff(kv, staffId));
    assert.deepEqual(await listMemberships(kv, staffId), []);
  }
});
