import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { consumeHandoff } from "../kv/handoff_tokens.ts";
import { getStaffByEmail, listMemberships } from "../kv/staff.ts";
import { listTenants } from "../kv/tenants.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { signUp, type SignUpForm } from "./sign_up.ts";

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

const form2 = (slug: string) => ({ slug, name: slug, timezone: "UTC", currency: "EUR", locale: "en" });
const crash = (step: string) => {
  if (step === "database-created") throw new Error("crash");
};

Deno.test("sign-up creates the studio, its owner and a one-time sign-in for the studio's address", async () => {
  await using tenancy = await testTenancy();
  const { tenant, handoff } = await signUp(tenancy, form());
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
  await assert.rejects(signUp(tenancy, bad), (err: unknown) => {
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
  await signUp(tenancy, form());
  await assert.rejects(
    signUp(tenancy, form({ slug: "second-room", ownerPassword: "someone else guessing" })),
    (err: unknown) =>
      err instanceof ValidationError && /already has an account/.test(err.fields.ownerPassword),
  );
  await assert.rejects(
    signUp(tenancy, form({ ownerEmail: "bob@example.com" })),
    (err: unknown) => err instanceof ValidationError && /already taken/.test(err.fields.slug),
  );
  // A studio left half-created under a slug is not someone else's to finish.
  await assert.rejects(provisionStudio(tenancy, form2("half-made"), { afterStep: crash }));
  await assert.rejects(
    signUp(tenancy, form({ slug: "half-made", ownerEmail: "eve@example.com" })),
    (err: unknown) => err instanceof ValidationError && /already taken/.test(err.fields.slug),
  );
  const second = await signUp(tenancy, form({ slug: "second-room" }));
  const ana = (await getStaffByEmail(tenancy.kv, "ana@example.com"))!;
  assert.equal((await listMemberships(tenancy.kv, ana.id)).length, 2);
  assert.equal(second.tenant.slug, "second-room");
});
