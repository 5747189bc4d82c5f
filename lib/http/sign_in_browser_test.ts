import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { addOwner } from "../auth/owner.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { testApp } from "../testing/test_app.ts";

// Journey 2: the owner signs in, the session survives a reload, signing out ends it, and a
// protected page visited while signed out leads to the sign-in page and back after sign-in.
Deno.test("journey 2: sign in, reload, sign out, and back to the page asked for", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await addOwner(t.kv, tenant.id, {
    email: "ana@example.com",
    password: "violet tractor singing",
    name: "Ana Lima",
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, t.app.fetch);
  const studio = `http://127.0.0.1:${server.addr.port}/s/north`;
  try {
    await withPage(async (page) => {
      await page.goto(`${studio}/app?from=bookmark`);
      assert.equal(new URL(page.url()).pathname, "/s/north/sign-in");
      await page.getByRole("heading", { name: "Sign in to North Sound" }).waitFor();

      await page.getByLabel("E-mail address").fill("ana@example.com");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").waitFor();
      assert.match(await page.getByRole("alert").textContent() ?? "", /The e-mail or password is not right/);

      await page.getByLabel("Password").fill("violet tractor singing");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${studio}/app?from=bookmark`);
      await page.getByRole("heading", { name: "Dashboard" }).waitFor();

      await page.reload();
      await page.getByRole("heading", { name: "Dashboard" }).waitFor();
      // The sidebar (wide screens); phones have the same form in the menu.
      const sidebar = page.locator("aside");
      assert.ok(await sidebar.getByText("Signed in as Ana Lima").isVisible());

      await sidebar.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${studio}/sign-in`);
      await page.goto(`${studio}/app`);
      assert.equal(new URL(page.url()).pathname, "/s/north/sign-in", "signed out for good");
    });
  } finally {
    await server.shutdown();
  }
});
