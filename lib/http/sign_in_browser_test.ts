import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { servedStudio } from "../testing/served_studio.ts";

// Journey 2: the owner signs in, the session survives a reload, signing out ends it, and a
// protected page visited while signed out leads to the sign-in page and back after sign-in.
Deno.test("journey 2: sign in, reload, sign out, and back to the page asked for", async () => {
  await using served = await servedStudio();
  const { studio } = served;
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
});
