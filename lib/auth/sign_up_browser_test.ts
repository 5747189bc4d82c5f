import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { listTenants } from "../kv/tenants.ts";
import { testApp } from "../testing/test_app.ts";
import { freePort } from "../testing/free_port.ts";

// Journey 1: a new studio signs up, wrong fields are explained beside each field with nothing
// half-created, then the owner lands signed in on the new studio's empty dashboard.
Deno.test("journey 1: sign up a studio and land on its dashboard", async () => {
  const port = freePort();
  await using t = await testApp({ BASE_URL: `http://127.0.0.1:${port}` });
  const server = Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, t.app.fetch);
  try {
    await withPage(async (page) => {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole("link", { name: "Create your studio" }).first().click();
      await page.getByRole("heading", { name: "Create your studio" }).waitFor();

      await page.getByLabel("Studio name").fill("Blue Room");
      await page.getByRole("textbox", { name: /^Address/ }).fill("Blue Room!");
      await page.getByLabel("Country").selectOption("FR");
      await page.getByLabel("Time zone").selectOption("Europe/Paris");
      await page.getByLabel("Currency").selectOption("EUR");
      await page.getByLabel("Your name").fill("Ana Lima");
      await page.getByLabel("E-mail address").fill("ana@example.com");
      await page.getByLabel(/^Password/).fill("password");
      await page.getByRole("button", { name: "Create the studio" }).click();

      await page.getByRole("alert").waitFor();
      const address = page.getByRole("textbox", { name: /^Address/ });
      assert.equal(await address.getAttribute("aria-invalid"), "true");
      const describedBy = (await address.getAttribute("aria-describedby"))!.split(" ");
      const addressError = page.locator(`#${describedBy.find((id) => id.endsWith("-error"))}`);
      assert.match(await addressError.textContent() ?? "", /lowercase letters/i);
      assert.equal(await page.getByLabel(/^Password/).getAttribute("aria-invalid"), "true");
      assert.equal(await page.getByLabel("Studio name").inputValue(), "Blue Room", "what was typed is kept");
      assert.equal((await listTenants(t.kv)).tenants.length, 0, "nothing half-created");

      await address.fill("blue-room");
      await page.getByLabel(/^Password/).fill("violet tractor singing");
      await page.getByRole("button", { name: "Create the studio" }).click();
      await page.waitForURL(`http://127.0.0.1:${port}/s/blue-room/app`);
      await page.getByRole("heading", { name: "Dashboard" }).waitFor();
      assert.ok(await page.locator("aside").getByText("Signed in as Ana Lima").isVisible());
      assert.ok(await page.getByText("Four steps take your studio").isVisible(), "what to do first");
    });
  } finally {
    await server.shutdown();
  }
});
