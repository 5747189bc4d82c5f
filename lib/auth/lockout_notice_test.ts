import assert from "node:assert/strict";
import { openKv } from "../kv/open.ts";
import { listOutbox } from "../kv/outbox.ts";
import { hitRateLimit } from "../kv/rate_limits.ts";
import { addMembership, createStaff } from "../kv/staff.ts";
import type { Tenant } from "../kv/tenants.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { linkIn, waitForMail } from "../testing/outbox.ts";
import { type LockoutNotifier, noticeLockoutIfLocked } from "./lockout_notice.ts";
import { hashPassword } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT, signIn, SignInRefused } from "./sign_in.ts";

const PASSWORD = "violet tractor singing";
const RULE = SIGN_IN_PER_ACCOUNT;
// The start of a lockout window, so every hit below falls inside it.
const W0 = Math.ceil(Date.UTC(2025, 2, 1) / RULE.windowMs) * RULE.windowMs;

/** Ana, owner of Blue Room; a notifier that links to each studio's subdomain. */
async function setup() {
  const kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue", { name: "Blue Room" });
  const red = await catalogStudio(kv, "red", { name: "Red Room" });
  const ana = await createStaff(kv, {
    email: "ana@example.com",
    name: "Ana Lima",
    passwordHash: await hashPassword(PASSWORD),
  });
  await addMembership(kv, blue.id, ana.id, "owner");
  const notifier = (tenantId: string, locale: "en" | "fr" = "en"): LockoutNotifier => ({
    mailer: outboxMailer(kv, "no-reply@localhost"),
    locale,
    tenantId,
    forgotPasswordLink: (tenant: Tenant, email: string) =>
      `https://${tenant.slug}.studios.example/forgot-password?email=${encodeURIComponent(email)}`,
  });
  const hits = async (count: number, now: number) => {
    for (let i = 0; i < count; i++) await hitRateLimit(kv, RULE, "ana@example.com", now);
  };
  return { kv, blue, red, ana, notifier, hits, [Symbol.dispose]: () => kv.close() };
}

Deno.test("no notice while the account can still sign in; one when the limit is reached", async () => {
  using s = await setup();
  await s.hits(RULE.limit - 1, W0);
  assert.equal(await noticeLockoutIfLocked(s.kv, s.notifier(s.blue.id), s.ana, RULE, W0), null);
  await s.hits(1, W0);
  const sent = await noticeLockoutIfLocked(s.kv, s.notifier(s.blue.id), s.ana, RULE, W0 + 60_000);
  assert.ok(sent);
  await sent.delivered;
  const [mail] = await listOutbox(s.kv, { to: "ana@example.com" });
  assert.equal(mail.subject, "Signing in to your account is blocked for a while");
  assert.match(mail.text, /^Hello Ana Lima,/);
  assert.match(mail.text, /at Blue Room with a wrong password too many times/);
  assert.match(mail.text, /blocked for up to 14 minutes/, "what is left of the window");
  assert.equal(
    linkIn(mail, /forgot-password/),
    "https://blue.studios.example/forgot-password?email=ana%40example.com",
  );
});

Deno.test("one notice per lockout window, however many attempts and app instances see it", async () => {
  using s = await setup();
  await s.hits(RULE.limit, W0);
  const results = await Promise.all(
    Array.from(
      { length: 10 },
      () => noticeLockoutIfLocked(s.kv, s.notifier(s.blue.id), s.ana, RULE, W0 + 1_000),
    ),
  );
  assert.equal(results.filter(Boolean).length, 1);
  await Promise.all(results.map((r) => r?.delivered));
  assert.equal((await listOutbox(s.kv, { to: "ana@example.com" })).length, 1);

  const next = W0 + RULE.windowMs;
  await s.hits(RULE.limit, next);
  const again = await noticeLockoutIfLocked(s.kv, s.notifier(s.blue.id), s.ana, RULE, next + 1_000);
  assert.ok(again, "a new lockout window gets its own notice");
  await again.delivered;
  assert.equal((await listOutbox(s.kv, { to: "ana@example.com" })).length, 2);
});

Deno.test("a lockout seen at a studio the person does not belong to links to their own studio, in the page's language", async () => {
  using s = await setup();
  await s.hits(RULE.limit, W0);
  const sent = await noticeLockoutIfLocked(s.kv, s.notifier(s.red.id, "fr"), s.ana, RULE, W0);
  await sent!.delivered;
  const [mail] = await listOutbox(s.kv, { to: "ana@example.com" });
  assert.equal(mail.subject, "La connexion à votre compte est bloquée pour un moment");
  assert.match(linkIn(mail, /forgot-password/), /^https:\/\/blue\.studios\.example\//);
});

Deno.test("ten wrong passwords at sign-in send exactly one notice; more guesses in the window send none", async () => {
  using s = await setup();
  const attempt = (password: string) =>
    signIn(
      s.kv,
      { tenantId: s.blue.id, email: "ana@example.com", password, ip: "203.0.113.7" },
      undefined,
      s.notifier(s.blue.id),
    );
  for (let i = 0; i < RULE.limit; i++) await assert.rejects(attempt(`wrong guess ${i}`), SignInRefused);
  const mail = await waitForMail(s.kv, "ana@example.com");
  assert.match(mail.text, /choose a new password now/);
  for (let i = 0; i < 3; i++) await assert.rejects(attempt(PASSWORD)); // refused: locked out
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((await listOutbox(s.kv, { to: "ana@example.com" })).length, 1);
});

Deno.test("wrong passwords for an unknown address send nothing", async () => {
  using s = await setup();
  for (let i = 0; i < RULE.limit; i++) {
    await assert.rejects(
      signIn(
        s.kv,
        { tenantId: s.blue.id, email: "nobody@example.com", password: "wrong guess", ip: "203.0.113.7" },
        undefined,
        s.notifier(s.blue.id),
      ),
      SignInRefused,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(await listOutbox(s.kv), []);
});
