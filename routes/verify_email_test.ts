import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { sendEmailVerification } from "@/lib/auth/email_verification.ts";
import { addMembership, createStaff, getStaff } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { linkIn, waitForMail } from "@/lib/testing/outbox.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const settings = { timezone: "UTC", currency: "EUR", locale: "en" } as const;

Deno.test("the verification link confirms the address once, at its own studio, and is audited", async () => {
  await using t = await testApp();
  const north = await provisionStudio(t.tenancy, { ...settings, slug: "north", name: "North Sound" });
  await provisionStudio(t.tenancy, { ...settings, slug: "south", name: "South Sound" });
  const ana = await createStaff(t.kv, { email: "ana@example.com", name: "Ana Lima" });
  await addMembership(t.kv, north.id, ana.id, "owner");
  await sendEmailVerification(t.kv, t.mailer, {
    staff: ana,
    tenantId: north.id,
    studioName: north.name,
    studioAddress: "http://localhost:8000/s/north/",
    locale: "en",
  });
  const link = linkIn(await waitForMail(t.kv, "ana@example.com"), /\/verify-email\?token=/);
  assert.match(link, /^http:\/\/localhost:8000\/s\/north\/verify-email\?token=[a-z2-7]{32}$/);
  const token = new URL(link).searchParams.get("token")!;

  const elsewhere = await t.app.request(`/s/south/verify-email?token=${token}`);
  assert.equal(elsewhere.status, 410);
  assert.match(await elsewhere.text(), /This link has expired or was already used/);

  const res = await t.app.request(link);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /ana@example\.com is now confirmed/);
  assert.ok((await getStaff(t.kv, ana.id))!.emailVerifiedAt);
  const audit = await t.tenancy.pool.use(north.database, (db) => listAudit(db));
  assert.deepEqual(audit.map((row) => [row.action, row.actorId]), [["auth.email_verified", ana.id]]);

  assert.equal((await t.app.request(link)).status, 410, "single use");
  // Signed in and verified already (a mail scanner opened the link first): nothing to worry about.
  const cookie = await signedInCookie(t.kv, north, { email: "ana@example.com", base: "/s/north" });
  const again = await t.app.request(link, { headers: { cookie } });
  assert.equal(again.status, 200);
  assert.match(await again.text(), /already confirmed/);
});
