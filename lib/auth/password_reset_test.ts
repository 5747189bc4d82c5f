import assert from "node:assert/strict";
import { issueEmailToken } from "../kv/email_tokens.ts";
import { openKv } from "../kv/open.ts";
import { listOutbox } from "../kv/outbox.ts";
import { createSession, listSessions } from "../kv/sessions.ts";
import { addMembership, createStaff, getStaff, removeMembership, setPassword } from "../kv/staff.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { linkIn } from "../testing/outbox.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import {
  findPasswordReset,
  requestPasswordReset,
  ResetLinkInvalid,
  resetPassword,
  type ResetRequest,
} from "./password_reset.ts";
import { ValidationError } from "../errors.ts";

const OLD_PASSWORD = "violet tractor singing";
const NEW_PASSWORD = "orange ferry humming";
const OLD_HASH = hashPassword(OLD_PASSWORD);

async function studio(kv: Deno.Kv, slug: string) {
  return await catalogStudio(kv, slug, {
    name: `Studio ${slug}`,
    timezone: "Europe/Paris",
    status: "provisioning",
  });
}

/** Ana, owner of North (and, with `south`, engineer at South), with a password. */
async function setup() {
  const kv = await openKv(":memory:");
  const north = await studio(kv, "north");
  const south = await studio(kv, "south");
  const ana = await createStaff(kv, {
    email: "ana@example.com",
    name: "Ana Lima",
    passwordHash: await OLD_HASH,
  });
  await addMembership(kv, north.id, ana.id, "owner");
  await addMembership(kv, south.id, ana.id, "engineer");
  const mailer = outboxMailer(kv, "no-reply@localhost");
  const request = (email: string, tenantId = north.id): ResetRequest => ({
    tenantId,
    studioName: "North Sound",
    email,
    ip: "203.0.113.7",
    locale: "en",
    linkFor: (token) => `https://north.studios.example/reset-password?token=${token}`,
  });
  return { kv, north, south, ana, mailer, request };
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

Deno.test("a member gets a reset link by e-mail; its token is stored only hashed", async () => {
  const { kv, north, ana, mailer, request } = await setup();
  using _ = kv;
  const { delivered } = await requestPasswordReset(kv, mailer, request(" ANA@example.com"));
  await delivered;
  const [mail] = await listOutbox(kv, { to: "ana@example.com" });
  assert.equal(mail.subject, "Reset your password for North Sound");
  const token = tokenOf(linkIn(mail, /^https:\/\/north\.studios\.example\/reset-password\?token=/));
  const stored = await Array.fromAsync(kv.list({ prefix: ["reset_tokens"] }));
  assert.equal(stored.length, 1);
  assert.ok(!JSON.stringify(stored).includes(token));
  assert.equal((await findPasswordReset(kv, token, north.id))?.id, ana.id);
});

Deno.test("no link goes to an unknown address or to someone who is not a member of this studio", async () => {
  const { kv, mailer, request } = await setup();
  using _ = kv;
  const other = await studio(kv, "other");
  await (await requestPasswordReset(kv, mailer, request("nobody@example.com"))).delivered;
  await (await requestPasswordReset(kv, mailer, request("ana@example.com", other.id))).delivered;
  assert.deepEqual(await listOutbox(kv), []);
  await assert.rejects(requestPasswordReset(kv, mailer, request("")), ValidationError);
});

Deno.test("resetting sets the password, uses the link up, ends every session everywhere and starts one here", async () => {
  const { kv, north, south, ana, mailer, request } = await setup();
  using _ = kv;
  await createSession(kv, { staffId: ana.id, tenantId: north.id });
  await createSession(kv, { staffId: ana.id, tenantId: south.id });
  await (await requestPasswordReset(kv, mailer, request("ana@example.com"))).delivered;
  const token = tokenOf(linkIn((await listOutbox(kv))[0], /reset-password/));

  const reset = await resetPassword(kv, {
    tenantId: north.id,
    token,
    password: NEW_PASSWORD,
    ip: "203.0.113.7",
  });
  assert.ok(reset.status === "signed_in", "no second factor to ask for");
  const sessions = await listSessions(kv, ana.id);
  assert.deepEqual(sessions.map((s) => s.id), [reset.session.id], "only the new session is left");
  assert.equal(reset.session.tenantId, north.id);
  const stored = (await getStaff(kv, ana.id))!;
  assert.ok(await verifyPassword(NEW_PASSWORD, stored.passwordHash!));
  assert.ok(!(await verifyPassword(OLD_PASSWORD, stored.passwordHash!)));
  assert.ok(stored.emailVerifiedAt, "the link proved the inbox");

  await assert.rejects(
    resetPassword(kv, { tenantId: north.id, token, password: "another fine password", ip: "x" }),
    ResetLinkInvalid,
  );
});

Deno.test("a weak password is a field error and leaves the link usable", async () => {
  const { kv, north, ana, mailer, request } = await setup();
  using _ = kv;
  await (await requestPasswordReset(kv, mailer, request("ana@example.com"))).delivered;
  const token = tokenOf(linkIn((await listOutbox(kv))[0], /reset-password/));
  await assert.rejects(
    resetPassword(kv, { tenantId: north.id, token, password: "password", ip: "x" }),
    (err: unknown) => err instanceof ValidationError && /at least 12 characters/.test(err.fields.password),
  );
  await assert.rejects(
    resetPassword(kv, { tenantId: north.id, token, password: "Password2024!", ip: "x" }),
    (err: unknown) => err instanceof ValidationError && /most common/.test(err.fields.password),
  );
  assert.equal((await findPasswordReset(kv, token, north.id))?.id, ana.id);
});

Deno.test("a link is refused at another studio, after expiry, after a password change, and after leaving the studio", async () => {
  const { kv, north, south, ana } = await setup();
  using _ = kv;
  const subject = { staffId: ana.id, tenantId: north.id, email: ana.email };

  const token = await issueEmailToken(kv, "reset", subject);
  assert.equal(await findPasswordReset(kv, token, south.id), null, "another studio, even one Ana belongs to");
  await assert.rejects(
    resetPassword(kv, { tenantId: south.id, token, password: NEW_PASSWORD, ip: "x" }),
    ResetLinkInvalid,
  );

  const expired = await issueEmailToken(kv, "reset", subject, Date.now() - 31 * 60_000);
  assert.equal(await findPasswordReset(kv, expired, north.id), null, "older than 30 minutes");

  const beforeChange = await issueEmailToken(kv, "reset", subject, Date.now() - 1000);
  await setPassword(kv, ana.id, await hashPassword(NEW_PASSWORD));
  assert.equal(await findPasswordReset(kv, beforeChange, north.id), null, "voided by a password change");

  const beforeLeaving = await issueEmailToken(kv, "reset", { ...subject, tenantId: south.id });
  await removeMembership(kv, south.id, ana.id);
  assert.equal(await findPasswordReset(kv, beforeLeaving, south.id), null, "no longer a member");
});
