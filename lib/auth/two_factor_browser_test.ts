import assert from "node:assert/strict";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";

const PERIOD_MS = 30_000;

async function signInWithPassword(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page, studio: string) {
  await page.locator("aside").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${studio}/sign-in`);
}

// Journey 4: the owner turns on two-factor authentication with an authenticator app, stores backup
// codes, signs out and in again with a code; a wrong code is refused; a backup code works once.
Deno.test("journey 4: two-factor authentication with an authenticator app and backup codes", async () => {
  await using served = await servedStudio();
  const { studio } = served;
  await withPage(async (page) => {
    await signInWithPassword(page, studio);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.locator("aside").getByRole("link", { name: "Account security" }).click();
    await page.getByRole("heading", { name: "Account security", level: 1 }).waitFor();

    await page.getByLabel("Your current password").fill(OWNER.password);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    // What the person types into their authenticator app; the test is that app.
    const shown = (await page.locator("#two-factor-key").textContent())!.trim();
    assert.match(shown, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const key = decodeBase32IgnorePadding(shown.replaceAll(" ", ""));
    const otpauth = await page.getByRole("link", { name: /Open the key in your authenticator app/ })
      .getAttribute("href");
    assert.ok(
      otpauth!.startsWith("otpauth://totp/") && otpauth!.includes(`secret=${shown.replaceAll(" ", "")}`),
    );

    // The app's code for a known step (not generateTOTP's own clock read), so the sign-in below can
    // use the next step's code whenever the step boundary falls.
    const enabledStep = Math.floor(Date.now() / PERIOD_MS);
    assert.ok(
      [generateHOTP(key, BigInt(enabledStep), 6), generateHOTP(key, BigInt(enabledStep + 1), 6)].includes(
        generateTOTP(key, 30, 6),
      ),
    );
    await page.getByLabel("Code from the app").fill(generateHOTP(key, BigInt(enabledStep), 6));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("heading", { name: "Your backup codes" }).waitFor();
    const backupCodes = await page.locator("#backup-codes li").allTextContents();
    assert.equal(backupCodes.length, 10);
    assert.ok(await page.getByText("Two-factor authentication is on.").isVisible());

    await signOut(page, studio);
    await signInWithPassword(page, studio);
    await page.waitForURL(`${studio}/sign-in/two-factor`);
    await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();

    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent() ?? "", /The code is not right/);
    await page.goto(`${studio}/app`);
    assert.equal(new URL(page.url()).pathname, "/s/north/sign-in", "a wrong code signs no one in");

    // The code that turned 2FA on is used up; the app's next code is within the accepted window.
    const step = Math.max(enabledStep + 1, Math.floor(Date.now() / PERIOD_MS));
    await page.goto(`${studio}/sign-in/two-factor`);
    await page.getByLabel("Code from the app").fill(generateHOTP(key, BigInt(step), 6));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.waitForURL(`${studio}/app`);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();

    await signOut(page, studio);
    await signInWithPassword(page, studio);
    await page.getByRole("link", { name: /Use a backup code/ }).click();
    await page.getByLabel("Backup code").fill(backupCodes[0]);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();

    await signOut(page, studio);
    await signInWithPassword(page, studio);
    await page.getByRole("link", { name: /Use a backup code/ }).click();
    await page.getByLabel("Backup code").fill(backupCodes[0]);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent() ?? "", /already used/);

    await page.getByLabel("Backup code").fill(backupCodes[1]);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.locator("aside").getByRole("link", { name: "Account security" }).click();
    assert.ok(await page.getByText("8 backup codes left.").isVisible());
  });
});
