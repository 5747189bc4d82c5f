import assert from "node:assert/strict";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";
import { getSsoConfig } from "@/lib/kv/sso_config.ts";
Deno.test("the SSO page shows the group mapping rows, refuses an owner mapping beside the field, and saves the order", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "blue",
    name: "Blue",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const cookie = await signedInCookie(t.kv, tenant, { base: "/s/blue" });
  const page = await t.app.request("/s/blue/app/settings/sso", { headers: { cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Roles from groups/);
  assert.equal((html.match(/data-testid="sso-mapping"/g) ?? []).length, 3);
  const body = new URLSearchParams([
    ["preset", "okta"],
    ["providerDetail", "dev-1.okta.com"],
    ["clientId", ""],
    ["allowedDomains", ""],
    ["defaultRole", "engineer"],
    ["groupsClaim", "groups"],
    ["mappingGroup", "admins"],
    ["mappingRole", "admin"],
    ["mappingGroup", ""],
    ["mappingRole", ""],
    ["mappingGroup", "x"],
    ["mappingRole", "owner"],
  ]);
  const bad = await t.app.request("/s/blue/app/settings/sso", {
    method: "POST",
    headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Line 3: choose a role other than owner/);
  const ok = new URLSearchParams([
    ["preset", "okta"],
    ["providerDetail", "dev-1.okta.com"],
    ["clientId", ""],
    ["allowedDomains", ""],
    ["defaultRole", "engineer"],
    ["groupsClaim", "groups"],
    ["mappingGroup", "admins"],
    ["mappingRole", "admin"],
    ["mappingGroup", ""],
    ["mappingRole", ""],
  ]);
  const saved = await t.app.request("/s/blue/app/settings/sso", {
    method: "POST",
    headers: { cookie, origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
    body: ok,
  });
  assert.equal(saved.status, 303);
  assert.deepEqual((await getSsoConfig(t.kv, tenant.id))?.roleMappings, [{ group: "admins", role: "admin" }]);
  const again = await (await t.app.request("/s/blue/app/settings/sso", { headers: { cookie } })).text();
  assert.equal((again.match(/data-testid="sso-mapping"/g) ?? []).length, 4);
});
