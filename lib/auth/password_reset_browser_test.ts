import assert from "node:assert/strict";
import { withPage } from "../../e2e/browser.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { waitForMail } from "../testing/outbox.ts";

const OLD_PASSWORD = OWNER.password;
const NEW_PASSWORD = "orange ferry humming";

// A forgotten password: ask for a link, open it from the (development) outbox, choose a new
// password, land on the dashboard signed in; the old password no longer works, the new one does.
Deno.test("forgot password: link from the outbox, new password, dashboard; the old password is refused", async () => {
  await using served = await servedStudio();
  const { t, origin, studio } = served;
  await withPage(async (page) => {
    await page.goto(`${studio}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await page.getByLabel("E-mail address").fill("ana@example.com");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    assert.match(
      await page.getByRole("status").textContent() ?? "",
      /If an account exists for ana@example\.com/,
    );

    // The e-mail leaves in the background; the outbox page shows it once it has.
    await waitForMail(t.kv, "ana@example.com");
    await page.goto(`${origin}/dev/outbox`);
    await page.getByRole("heading", { name: "Reset your password for North Sound" }).waitFor();
    const link = page.getByRole("link", { name: /\/s\/north\/reset-password\?token=/ });
    assert.match(
      await link.getAttribute("href") ?? "",
      /^http:\/\/127\.0\.0\.1:\d+\/s\/north\/reset-password\?/,
    );
    await link.click();

    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await page.getByLabel("New password").fill("password");
    await page.getByRole("button", { name: "Save and sign in" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent() ?? "", /at least 12 characters/);

    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save and sign in" }).click();
    await page.waitForURL(`${studio}/app`);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();

    const sidebar = page.locator("aside");
    await sidebar.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${studio}/sign-in`);
    await page.getByLabel("E-mail address").fill("ana@example.com");
    await page.getByLabel("Password").fill(OLD_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent() ?? "", /The e-mail or password is not right/);

    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${studio}/app`);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  });
});
