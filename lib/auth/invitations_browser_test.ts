import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { linkIn, waitForMail } from "../testing/outbox.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";

const PASSWORD = "copper kettle whistling";

async function signIn(page: Page, studio: string, email: string, password: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${studio}/app`);
}

async function signOut(page: Page, studio: string) {
  await page.locator("aside").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${studio}/sign-in`);
}

/** Opens an invitation link, creates the account and lands on the dashboard; returns the sidebar's links. */
async function accept(page: Page, studio: string, link: string, name: string) {
  await page.goto(link);
  await page.getByRole("heading", { name: "Join North Sound" }).waitFor();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await page.waitForURL(`${studio}/app`);
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  const sidebar = page.locator("aside");
  assert.ok(await sidebar.getByText(`Signed in as ${name}`).isVisible());
  return (await sidebar.getByRole("navigation", { name: "Main navigation" }).innerText()).split("\n");
}

// Journey 3: the owner invites an engineer and a bookkeeper by e-mail; each accepts, sets a password
// and sees only what their role allows (an engineer sees sessions, not invoices; neither sees the
// owner's team page or audit log).
Deno.test("journey 3: invite an engineer and a bookkeeper; each joins and sees only what their role allows", async () => {
  await using served = await servedStudio();
  const { t, studio } = served;
  await withPage(async (page) => {
    await signIn(page, studio, OWNER.email, OWNER.password);
    await page.locator("aside").getByRole("link", { name: "Team" }).click();
    await page.getByRole("heading", { name: "Team", level: 1 }).waitFor();

    const email = page.getByLabel("E-mail address");
    const role = page.getByRole("combobox", { name: "Role", exact: true });
    await email.fill("eli@example");
    await role.selectOption("engineer");
    await page.getByRole("button", { name: "Send the invitation", exact: true }).click();
    await page.getByRole("alert").waitFor();
    assert.match(
      await page.getByRole("alert").textContent() ?? "",
      /Enter an e-mail address, like ana@example\.com/,
    );
    assert.equal(await email.getAttribute("aria-invalid"), "true");
    assert.equal(await email.inputValue(), "eli@example", "what was typed is kept");

    await email.fill("eli@example.com");
    await page.getByRole("button", { name: "Send the invitation", exact: true }).click();
    await page.getByRole("status").getByText("Invitation sent to eli@example.com.").waitFor();
    await page.getByLabel("E-mail address").fill("bea@example.com");
    await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("bookkeeper");
    await page.getByRole("button", { name: "Send the invitation", exact: true }).click();
    await page.getByRole("status").getByText("Invitation sent to bea@example.com.").waitFor();
    const pending = page.getByRole("region", { name: "Pending invitations" });
    assert.ok(await pending.getByRole("rowheader", { name: "eli@example.com" }).isVisible());
    assert.ok(await pending.getByRole("rowheader", { name: "bea@example.com" }).isVisible());
    await signOut(page, studio);

    const eliNav = await accept(
      page,
      studio,
      linkIn(await waitForMail(t.kv, "eli@example.com"), /\/invite\?/),
      "Eli Park",
    );
    assert.ok(eliNav.includes("Sessions"), "an engineer sees sessions");
    for (const hidden of ["Invoices", "Quotes", "Payments", "Team", "Audit log"]) {
      assert.ok(!eliNav.some((line) => line.startsWith(hidden)), `an engineer does not see ${hidden}`);
    }
    assert.equal((await page.goto(`${studio}/app/audit`))?.status(), 403);
    assert.equal((await page.goto(`${studio}/app/members`))?.status(), 403);
    await page.goto(`${studio}/app`);
    await signOut(page, studio);

    const beaNav = await accept(
      page,
      studio,
      linkIn(await waitForMail(t.kv, "bea@example.com"), /\/invite\?/),
      "Bea Costa",
    );
    assert.ok(beaNav.some((line) => line.startsWith("Invoices")), "a bookkeeper sees invoices");
    for (const hidden of ["Projects", "Team", "Audit log"]) {
      assert.ok(!beaNav.some((line) => line.startsWith(hidden)), `a bookkeeper does not see ${hidden}`);
    }
    assert.equal((await page.goto(`${studio}/app/members`))?.status(), 403);
    await page.goto(`${studio}/app`);
    await signOut(page, studio);

    // The owner sees the new team, and the confirmation dialog refuses to remove the last owner.
    await signIn(page, studio, OWNER.email, OWNER.password);
    await page.goto(`${studio}/app/members`);
    const members = page.getByRole("region", { name: "Members" });
    for (const name of ["Eli Park", "Bea Costa"]) {
      assert.ok(await members.getByRole("rowheader", { name }).isVisible());
    }
    assert.equal(
      await page.getByRole("region", { name: "Pending invitations" }).getByRole("rowheader").count(),
      0,
    );
    await members.getByRole("button", { name: `Remove ${"Ana Lima"}` }).click();
    const dialog = page.getByRole("dialog", { name: "Remove Ana Lima from North Sound?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Remove from the studio" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent() ?? "", /A studio needs at least one owner/);
  });
});
