import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { configureLog } from "../http/logger.ts";
import { consumeHandoff } from "../kv/handoff_tokens.ts";
import { listOutbox } from "../kv/outbox.ts";
import { getStaff, getStaffByEmail, listMemberships } from "../kv/staff.ts";
import { listTenants } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { verifyEmail } from "./email_verification.ts";
import { signUp, type SignUpForm, type SignUpMail } from "./sign_up.ts";

const form = (overrides: Partial<SignUpForm> = {}): SignUpForm => ({
  studioName: "Blue Room",
  slug: "blue-room",
  country: "fr",
  timezone: "Europe/Paris",
  currency: "eur",
  locale: "fr",
  ownerName: "Ana Lima",
  ownerEmail: "ana@example.com",
  ownerPassword: "violet tractor singing",
  ip: "203.0.113.9",
  ...overrides,
});

const CONFIG = { baseUrl: "http://localhost:8000", baseDomain: "localhost" };
const outbox = (kv: Deno.Kv): SignUpMail => ({
  mailer: outboxMailer(kv, "no-reply@localhost"),
  config: CONFIG,
});

const form2 = (slug: string) => ({ slug, name: slug, timezone: "UTC", currency: "EUR", locale: "en" });
const crash = (step: string) => {
  if (step === "database-created") throw new Error("crash");
};

Deno.test("sign-up creates the studio, its owner and a one-time sign-in for the studio's address", async () => {
  await using tenancy = await testTenancy();
  const { tenant, handoff } = await signUp(tenancy, form(), outbox(tenancy.kv));
  assert.equal(tenant.status, "active");
  assert.equal(tenant.currency, "EUR");
  assert.equal(tenant.country, "FR");
  const ana = (await getStaffByEmail(tenancy.kv, "ana@example.com"))!;
  assert.deepEqual((await listMemberships(tenancy.kv, ana.id)).map((m) => m.role), ["owner"]);
  assert.deepEqual(await consumeHandoff(tenancy.kv, handoff, tenant.id), {
    staffId: ana.id,
    tenantId: tenant.id,
  });
});

Deno.test("every wrong or missing field is reported at once and nothing is created", async () => {
  await using tenancy = await testTenancy();
  const bad = form({
    studioName: "",
    slug: "X",
    country: "",
    timezone: "",
    currency: "",
    ownerName: " ",
    ownerEmail: "ana",
    ownerPassword: "short",
  });
  await assert.rejects(signUp(tenancy, bad, outbox(tenancy.kv)), (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(Object.keys(err.fields).sort(), [
      "currency",
      "ownerEmail",
      "ownerName",
      "slug",
      "studioName",
      "timezone",
    ]);
    return true;
  });
  assert.equal((await listTenants(tenancy.kv)).tenants.length, 0);
  assert.equal(await getStaffByEmail(tenancy.kv, "ana"), null);
});

Deno.test("an existing account adds a studio only with its own password; a taken address is a field error", async () => {
  await using tenancy = await testTenancy();
  await signUp(tenancy, form(), outbox(tenancy.kv));
  await assert.rejects(
    signUp(
      tenancy,
      form({ slug: "second-room", ownerPassword: "someone else guessing" }),
      outbox(tenancy.kv),
    ),
    (err: unknown) =>
      err instanceof ValidationError && /already has an account/.test(err.fields.ownerPassword),
  );
  await assert.rejects(
    signUp(tenancy, form({ ownerEmail: "bob@example.com" }), outbox(tenancy.kv)),
    (err: unknown) => err instanceof ValidationError && /already taken/.test(err.fields.slug),
  );
  // A studio left half-created under a slug is not someone else's to finish.
  await assert.rejects(provisionStudio(tenancy, form2("half-made"), { afterStep: crash }));
  await assert.rejects(
    signUp(tenancy, form({ slug: "half-made", ownerEmail: "eve@example.com" }), outbox(tenancy.kv)),
    (err: unknown) => err instanceof ValidationError && /already taken/.test(err.fields.slug),
  );
  const second = await signUp(tenancy, form({ slug: "second-room" }), outbox(tenancy.kv));
  const ana = (await getStaffByEmail(tenancy.kv, "ana@example.com"))!;
  assert.equal((await listMemberships(tenancy.kv, ana.id)).length, 2);
  assert.equal(second.tenant.slug, "second-room");
});

Deno.test("a new owner is sent a link to the studio's address that verifies their e-mail", async () => {
  await using tenancy = await testTenancy();
  const { tenant } = await signUp(tenancy, form(), outbox(tenancy.kv));
  const ana = (await getStaffByEmail(tenancy.kv, "ana@example.com"))!;
  assert.equal(ana.emailVerifiedAt, undefined);
  const [mail] = await listOutbox(tenancy.kv, { to: "ana@example.com" });
  assert.equal(mail.subject, "Confirmez votre adresse e-mail pour Blue Room", "in the sign-up's language");
  const link = /http:\/\/localhost:8000\/s\/blue-room\/verify-email\?token=([a-z2-7]{32})/.exec(mail.text);
  assert.ok(link, mail.text);

  assert.equal(await verifyEmail(tenancy.kv, link[1], "t_elsewhere"), null, "only at its own studio");
  const verified = await verifyEmail(tenancy.kv, link[1], tenant.id);
  assert.ok(verified?.emailVerifiedAt);
  assert.equal((await getStaff(tenancy.kv, ana.id))!.emailVerifiedAt, verified.emailVerifiedAt);
  assert.equal(await verifyEmail(tenancy.kv, link[1], tenant.id), null, "single use");

  // A second studio for a verified address sends nothing more.
  await signUp(tenancy, form({ slug: "second-room" }), outbox(tenancy.kv));
  assert.equal((await listOutbox(tenancy.kv, { to: "ana@example.com" })).length, 1);
});

Deno.test("when the verification e-mail cannot be sent, the studio is still created and the failure logged", async () => {
  await using tenancy = await testTenancy();
  const lines: string[] = [];
  configureLog("error", (line) => lines.push(line));
  const broken: Mailer = { kind: "smtp", send: () => Promise.reject(new Error("connection refused")) };
  try {
    const { tenant, handoff } = await signUp(tenancy, form(), { mailer: broken, config: CONFIG });
    assert.equal(tenant.status, "active");
    assert.ok(await consumeHandoff(tenancy.kv, handoff, tenant.id));
    assert.ok(await getStaffByEmail(tenancy.kv, "ana@example.com"));
  } finally {
    configureLog("error", (line) => console.log(line));
  }
  assert.equal(lines.length, 1);
  assert.match(lines[0], /the verification e-mail after sign-up was not sent/);
  assert.match(lines[0], /connection refused/);
});
