import assert from "node:assert/strict";
import { RateLimitedError, ValidationError } from "../errors.ts";
import { findInvitation, issueInvitation, type NewInvitation } from "../kv/invitations.ts";
import { openKv } from "../kv/open.ts";
import { listOutbox } from "../kv/outbox.ts";
import { validateSession } from "../kv/sessions.ts";
import {
  addMembership,
  createStaff,
  getMembership,
  getStaff,
  getStaffByEmail,
  listMemberships,
} from "../kv/staff.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { auditRecorder } from "../testing/audit_recorder.ts";
import { catalogStudio } from "../testing/catalog.ts";
import {
  acceptAsNewPerson,
  acceptAsSignedIn,
  acceptWithPassword,
  InvitationInvalid,
  InvitationPasswordWrong,
  openInvitation,
} from "./invitations_accept.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { SIGN_IN_PER_ACCOUNT } from "./sign_in.ts";

const ELI_PASSWORD = "copper kettle whistling";
const ELI_HASH = hashPassword(ELI_PASSWORD);
const WEEK = 7 * 24 * 60 * 60_000;

/** Blue Room (owned by Ana) and Red Room, an in-memory audit log, and an invitation factory. */
async function setup() {
  const kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue", { name: "Blue Room" });
  const red = await catalogStudio(kv, "red", { name: "Red Room" });
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana Lima" });
  await addMembership(kv, blue.id, ana.id, "owner");
  const audit = auditRecorder();
  const invite = async (overrides: Partial<NewInvitation> = {}, now?: number) =>
    (await issueInvitation(kv, {
      tenantId: blue.id,
      email: "eli@example.com",
      role: "engineer",
      invitedBy: ana.id,
      locale: "en",
      ...overrides,
    }, now)).token;
  const at = (token: string, tenantId = blue.id) => ({
    tenantId,
    token,
    ip: "203.0.113.7",
    userAgent: "Firefox",
  });
  return { kv, blue, red, ana, audit, invite, at, [Symbol.dispose]: () => kv.close() };
}

Deno.test("a new person joins with a name and a password: verified account, invited role, signed in, link used up", async () => {
  using s = await setup();
  const token = await s.invite();
  const opened = await openInvitation(s.kv, token, s.blue.id);
  assert.deepEqual([opened?.person, opened?.inviterName, opened?.invitation.role], [
    null,
    "Ana Lima",
    "engineer",
  ]);

  const joined = await acceptAsNewPerson(
    s.kv,
    { ...s.at(token), name: " Eli Park ", password: ELI_PASSWORD },
    s.audit.writer,
  );
  assert.equal(joined.status, "signed_in");
  const staff = (await getStaffByEmail(s.kv, "eli@example.com"))!;
  assert.equal(staff.name, "Eli Park");
  assert.ok(staff.emailVerifiedAt, "the link proved the inbox");
  assert.ok(await verifyPassword(ELI_PASSWORD, staff.passwordHash!));
  assert.equal((await getMembership(s.kv, s.blue.id, staff.id))?.role, "engineer");
  if (joined.status === "signed_in") {
    assert.equal((await validateSession(s.kv, joined.token, s.blue.id))?.staffId, staff.id);
  }
  assert.equal(await findInvitation(s.kv, token, s.blue.id), null);
  assert.deepEqual(s.audit.rows.map((r) => [r.action, r.actorId]), [
    ["member.joined", staff.id],
    ["auth.sign_in", staff.id],
  ]);
  assert.deepEqual(s.audit.rows[0].changes, { role: { after: "engineer" }, invitedBy: { after: s.ana.id } });

  await assert.rejects(
    acceptAsNewPerson(
      s.kv,
      { ...s.at(token), name: "Mallory", password: "another long password" },
      s.audit.writer,
    ),
    InvitationInvalid,
    "a link works once",
  );
});

Deno.test("a weak password or a missing name is refused field by field and the link keeps working", async () => {
  using s = await setup();
  const token = await s.invite();
  await assert.rejects(
    acceptAsNewPerson(s.kv, { ...s.at(token), name: "  ", password: "short" }, s.audit.writer),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(Object.keys(err.fields).sort(), ["name", "password"]);
      assert.match(err.fields.password, /at least 12 characters/);
      return true;
    },
  );
  await assert.rejects(
    acceptAsNewPerson(s.kv, { ...s.at(token), name: "Eli", password: "eli@example.com!!" }, s.audit.writer),
    (err: unknown) => err instanceof ValidationError && Boolean(err.fields.password),
    "the sign-up rules apply: not derived from the address",
  );
  assert.equal(await getStaffByEmail(s.kv, "eli@example.com"), null, "nothing created");
  assert.ok(await findInvitation(s.kv, token, s.blue.id));
  assert.deepEqual(s.audit.rows, []);
});

Deno.test("an expired, withdrawn or other studio's link is InvitationInvalid, never a crash", async () => {
  using s = await setup();
  const expired = await s.invite({}, Date.now() - WEEK - 1);
  const elsewhere = await s.invite({ email: "zoe@example.com" });
  const input = { name: "Eli", password: ELI_PASSWORD };
  assert.equal(await openInvitation(s.kv, expired, s.blue.id), null);
  await assert.rejects(
    acceptAsNewPerson(s.kv, { ...s.at(expired), ...input }, s.audit.writer),
    InvitationInvalid,
  );
  assert.equal(await openInvitation(s.kv, elsewhere, s.red.id), null);
  await assert.rejects(
    acceptAsNewPerson(s.kv, { ...s.at(elsewhere, s.red.id), ...input }, s.audit.writer),
    InvitationInvalid,
  );
  await assert.rejects(
    acceptAsNewPerson(s.kv, { ...s.at("nonsense"), ...input }, s.audit.writer),
    InvitationInvalid,
  );
  assert.ok(await findInvitation(s.kv, elsewhere, s.blue.id), "it still works at its own studio");
});

Deno.test("someone with an account joins with their password and keeps their other studios", async () => {
  using s = await setup();
  const eli = await createStaff(s.kv, {
    email: "eli@example.com",
    name: "Eli Park",
    passwordHash: await ELI_HASH,
  });
  await addMembership(s.kv, s.red.id, eli.id, "owner");
  const token = await s.invite({ role: "bookkeeper" });
  assert.equal((await openInvitation(s.kv, token, s.blue.id))?.person?.id, eli.id);

  await assert.rejects(
    acceptWithPassword(s.kv, { ...s.at(token), password: "not my password" }, s.audit.writer),
    InvitationPasswordWrong,
  );
  assert.equal(await getMembership(s.kv, s.blue.id, eli.id), null);
  assert.deepEqual(s.audit.rows.map((r) => [r.action, r.actorId, r.actorLabel]), [
    ["auth.sign_in_failed", null, "eli@example.com"],
  ]);

  const joined = await acceptWithPassword(s.kv, { ...s.at(token), password: ELI_PASSWORD }, s.audit.writer);
  assert.equal(joined.status, "signed_in");
  assert.equal(joined.membership.role, "bookkeeper");
  assert.ok((await getStaff(s.kv, eli.id))?.emailVerifiedAt);
  assert.deepEqual(
    (await listMemberships(s.kv, eli.id)).map((m) => [m.tenantId, m.role]).sort(),
    [
      [s.blue.id, "bookkeeper"],
      [s.red.id, "owner"],
    ].sort(),
  );
  assert.equal(await findInvitation(s.kv, token, s.blue.id), null);
  assert.deepEqual(s.audit.rows.slice(1).map((r) => r.action), ["member.joined", "auth.sign_in"]);
});

Deno.test("an account without a password chooses one under the sign-up rules while joining", async () => {
  using s = await setup();
  const sso = await createStaff(s.kv, { email: "eli@example.com", name: "Eli Park" });
  const token = await s.invite();
  await assert.rejects(
    acceptWithPassword(s.kv, { ...s.at(token), password: "short" }, s.audit.writer),
    (err: unknown) => err instanceof ValidationError && /12 characters/.test(err.fields.password),
  );
  await acceptWithPassword(s.kv, { ...s.at(token), password: ELI_PASSWORD }, s.audit.writer);
  assert.ok(await verifyPassword(ELI_PASSWORD, (await getStaff(s.kv, sso.id))!.passwordHash!));
});

Deno.test("wrong passwords at an invitation count against the sign-in limit and send one lockout notice", async () => {
  using s = await setup();
  await createStaff(s.kv, { email: "eli@example.com", name: "Eli Park", passwordHash: await ELI_HASH });
  const eli = (await getStaffByEmail(s.kv, "eli@example.com"))!;
  await addMembership(s.kv, s.red.id, eli.id, "engineer");
  const token = await s.invite();
  const mailer = outboxMailer(s.kv, "no-reply@localhost");
  const lockout = {
    mailer,
    locale: "en" as const,
    tenantId: s.blue.id,
    forgotPasswordLink: (tenant: { slug: string }, email: string) =>
      `https://${tenant.slug}.studios.example/forgot-password?email=${encodeURIComponent(email)}`,
  };
  for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit; i++) {
    await assert.rejects(
      acceptWithPassword(s.kv, { ...s.at(token), password: `wrong guess ${i}` }, s.audit.writer, lockout),
      InvitationPasswordWrong,
    );
  }
  await assert.rejects(
    acceptWithPassword(s.kv, { ...s.at(token), password: ELI_PASSWORD }, s.audit.writer, lockout),
    RateLimitedError,
  );
  const notices = await waitForNotices(s.kv, "eli@example.com", 1);
  assert.equal(notices.length, 1);
  // Not a member of Blue yet, so the link leads to the studio Eli belongs to.
  assert.match(notices[0].text, /https:\/\/red\.studios\.example\/forgot-password\?email=eli%40example\.com/);
  assert.ok(await findInvitation(s.kv, token, s.blue.id), "the invitation survives the lockout");
});

Deno.test("the invited person signed in here already just uses the link up and keeps their role", async () => {
  using s = await setup();
  const token = await s.invite({ email: "ana@example.com", role: "engineer" });
  const membership = await acceptAsSignedIn(s.kv, { tenantId: s.blue.id, token, staffId: s.ana.id });
  assert.equal(membership.role, "owner");
  assert.equal(await findInvitation(s.kv, token, s.blue.id), null);
  const other = await s.invite({ email: "zoe@example.com" });
  await assert.rejects(
    acceptAsSignedIn(s.kv, { tenantId: s.blue.id, token: other, staffId: s.ana.id }),
    InvitationInvalid,
  );
});

Deno.test("of two acceptances of one link racing, exactly one creates an account", async () => {
  using s = await setup();
  const token = await s.invite();
  const results = await Promise.allSettled([
    acceptAsNewPerson(s.kv, { ...s.at(token), name: "Eli", password: ELI_PASSWORD }, s.audit.writer),
    acceptAsNewPerson(s.kv, { ...s.at(token), name: "Eli Two", password: ELI_PASSWORD }, s.audit.writer),
  ]);
  assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
  assert.equal((await Array.fromAsync(s.kv.list({ prefix: ["staff"] }))).length, 2, "Ana and one Eli");
});

async function waitForNotices(kv: Deno.Kv, to: string, count: number) {
  const deadline = Date.now() + 5_000;
  while (true) {
    const mails = await listOutbox(kv, { to });
    if (mails.length >= count || Date.now() > deadline) {
      // Give a second notice, were one wrongly sent, the chance to land before counting.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return await listOutbox(kv, { to });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
