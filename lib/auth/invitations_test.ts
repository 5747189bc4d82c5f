import assert from "node:assert/strict";
import { ForbiddenError } from "../errors.ts";
import { findInvitation, getInvitation, listInvitations } from "../kv/invitations.ts";
import { openKv } from "../kv/open.ts";
import { listOutbox } from "../kv/outbox.ts";
import { addMembership, createStaff, ROLES } from "../kv/staff.ts";
import type { Mailer } from "../mail/mailer.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { auditRecorder } from "../testing/audit_recorder.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { linkIn } from "../testing/outbox.ts";
import {
  inviteMember,
  type InviteRequest,
  pendingInvitations,
  resendInvitation,
  withdrawInvitation,
} from "./invitations.ts";
import { MemberChangeRefused } from "./members.ts";

const ORIGIN = "https://blue.studios.example";
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/** Blue Room, owned by Ana; an outbox mailer and an in-memory audit log. */
async function setup() {
  const kv = await openKv(":memory:");
  const tenant = await catalogStudio(kv, "blue", { name: "Blue Room" });
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana Lima" });
  await addMembership(kv, tenant.id, ana.id, "owner");
  const audit = auditRecorder();
  const mailer = outboxMailer(kv, "no-reply@localhost");
  const actor = { id: ana.id, email: ana.email, name: ana.name, role: "owner" as const };
  const invite = (overrides: Partial<InviteRequest> = {}): InviteRequest => ({
    tenant,
    actor,
    email: "eli@example.com",
    role: "engineer",
    locale: "en",
    linkFor: (token) => `${ORIGIN}/invite?token=${token}`,
    from: { ip: "203.0.113.7" },
    ...overrides,
  });
  return { kv, tenant, ana, actor, audit, mailer, invite, [Symbol.dispose]: () => kv.close() };
}

Deno.test("an owner invites an address with a role; the e-mail carries its single-use link", async () => {
  using s = await setup();
  const { invitation, delivered } = await inviteMember(
    s.kv,
    s.mailer,
    s.invite({ email: " Eli@Example.com " }),
    s.audit.writer,
  );
  assert.equal(delivered, true);
  assert.equal(invitation.email, "eli@example.com");
  assert.equal(invitation.role, "engineer");
  assert.equal(invitation.invitedBy, s.ana.id);

  const [mail] = await listOutbox(s.kv, { to: "eli@example.com" });
  assert.equal(mail.subject, "Ana Lima invited you to join Blue Room");
  assert.match(mail.text, /^Hello,\n/);
  assert.match(mail.text, /as Engineer\. Open this link within 7 days/);
  const link = linkIn(mail, /\/invite\?token=/);
  assert.match(link, /^https:\/\/blue\.studios\.example\/invite\?token=[a-z2-7]{32}$/);
  assert.equal((await findInvitation(s.kv, tokenOf(link), s.tenant.id))?.value.id, invitation.id);

  assert.deepEqual(s.audit.rows.map((r) => [r.action, r.actorId, r.entityType, r.entityId, r.ip]), [
    ["member.invited", s.ana.id, "invitation", invitation.id, "203.0.113.7"],
  ]);
  assert.deepEqual(s.audit.rows[0].changes, {
    email: { after: "eli@example.com" },
    role: { after: "engineer" },
  });
});

Deno.test("the invitation e-mail speaks the language it is given and greets a known person by name", async () => {
  using s = await setup();
  await createStaff(s.kv, { email: "eli@example.com", name: "Eli Park" });
  await inviteMember(s.kv, s.mailer, s.invite({ locale: "fr", role: "bookkeeper" }), s.audit.writer);
  const [mail] = await listOutbox(s.kv, { to: "eli@example.com" });
  assert.equal(mail.subject, "Ana Lima vous invite à rejoindre Blue Room");
  assert.match(mail.text, /^Bonjour Eli Park,/);
  assert.match(mail.text, /avec le rôle Comptable/);
  assert.match(mail.html!, /<html lang="fr">/);
});

Deno.test("a malformed address, an unknown role and a member already are refused, field by field, with nothing stored", async () => {
  using s = await setup();
  await assert.rejects(
    inviteMember(s.kv, s.mailer, s.invite({ email: "eli@", role: "janitor" }), s.audit.writer),
    (err: unknown) => {
      assert.ok(err instanceof MemberChangeRefused);
      assert.deepEqual(err.problems, { email: "email_invalid", role: "role_invalid" });
      assert.equal(err.status, 422);
      return true;
    },
  );
  await assert.rejects(
    inviteMember(s.kv, s.mailer, s.invite({ email: "ANA@example.com" }), s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.email === "already_member",
  );
  assert.deepEqual(await listInvitations(s.kv, s.tenant.id), []);
  assert.deepEqual(await listOutbox(s.kv), []);
  assert.deepEqual(s.audit.rows, []);
});

Deno.test("only a role that manages members may invite, resend or withdraw", async () => {
  using s = await setup();
  await inviteMember(s.kv, s.mailer, s.invite(), s.audit.writer);
  for (const role of ROLES.filter((r) => r !== "owner")) {
    const actor = { ...s.actor, role };
    await assert.rejects(
      inviteMember(s.kv, s.mailer, s.invite({ actor }), s.audit.writer),
      ForbiddenError,
      role,
    );
    await assert.rejects(
      resendInvitation(s.kv, s.mailer, { ...s.invite({ actor }), email: "eli@example.com" }, s.audit.writer),
      ForbiddenError,
    );
    await assert.rejects(
      withdrawInvitation(s.kv, { ...s.invite({ actor }) }, s.audit.writer),
      ForbiddenError,
    );
  }
  assert.equal((await listInvitations(s.kv, s.tenant.id)).length, 1);
});

Deno.test("inviting an address again replaces its link and the log says which invitation it replaced", async () => {
  using s = await setup();
  const first = await inviteMember(s.kv, s.mailer, s.invite(), s.audit.writer);
  const firstLink = linkIn((await listOutbox(s.kv, { to: "eli@example.com" }))[0], /invite/);
  const second = await inviteMember(s.kv, s.mailer, s.invite({ role: "manager" }), s.audit.writer);
  assert.equal(await findInvitation(s.kv, tokenOf(firstLink), s.tenant.id), null, "the first link is dead");
  assert.deepEqual((await pendingInvitations(s.kv, s.tenant.id)).map((i) => [i.id, i.role]), [
    [second.invitation.id, "manager"],
  ]);
  assert.deepEqual(s.audit.rows[1].changes?.replaces, { before: first.invitation.id });
});

Deno.test("an e-mail that cannot be sent leaves the invitation saved and says so", async () => {
  using s = await setup();
  const down: Mailer = { kind: "smtp", send: () => Promise.reject(new Error("relay down")) };
  const { invitation, delivered } = await inviteMember(s.kv, down, s.invite(), s.audit.writer);
  assert.equal(delivered, false);
  assert.deepEqual(await getInvitation(s.kv, s.tenant.id, "eli@example.com"), invitation);
  assert.equal(s.audit.rows[0].action, "member.invited", "the invitation exists, so it is audited");
});

Deno.test("sending again issues a fresh link with the original role and language; the old link stops working", async () => {
  using s = await setup();
  await inviteMember(s.kv, s.mailer, s.invite({ role: "bookkeeper", locale: "fr" }), s.audit.writer);
  const oldLink = linkIn((await listOutbox(s.kv, { to: "eli@example.com" }))[0], /invite/);
  const { invitation } = await resendInvitation(
    s.kv,
    s.mailer,
    { ...s.invite(), email: "ELI@example.com" },
    s.audit.writer,
  );
  assert.equal(invitation.role, "bookkeeper");
  const mails = await listOutbox(s.kv, { to: "eli@example.com" });
  assert.equal(mails.length, 2);
  assert.match(mails[0].subject, /vous invite/, "in the invitation's own language");
  const newLink = linkIn(mails[0], /invite/);
  assert.notEqual(newLink, oldLink);
  assert.equal(await findInvitation(s.kv, tokenOf(oldLink), s.tenant.id), null);
  assert.ok(await findInvitation(s.kv, tokenOf(newLink), s.tenant.id));
  assert.deepEqual(s.audit.rows.map((r) => r.action), ["member.invited", "invitation.resent"]);

  await assert.rejects(
    resendInvitation(s.kv, s.mailer, { ...s.invite(), email: "nobody@example.com" }, s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.email === "no_invitation",
  );
});

Deno.test("withdrawing an invitation kills its link and is audited; withdrawing nothing is refused", async () => {
  using s = await setup();
  const { invitation } = await inviteMember(s.kv, s.mailer, s.invite(), s.audit.writer);
  const link = linkIn((await listOutbox(s.kv, { to: "eli@example.com" }))[0], /invite/);
  assert.deepEqual(await withdrawInvitation(s.kv, s.invite(), s.audit.writer), invitation);
  assert.equal(await findInvitation(s.kv, tokenOf(link), s.tenant.id), null);
  const row = s.audit.rows.at(-1)!;
  assert.deepEqual([row.action, row.entityId, row.changes], [
    "invitation.revoked",
    invitation.id,
    { email: { before: "eli@example.com" }, role: { before: "engineer" } },
  ]);
  await assert.rejects(
    withdrawInvitation(s.kv, s.invite(), s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.email === "no_invitation",
  );
});
