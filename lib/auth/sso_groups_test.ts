// SSO group → role mapping, against the real OIDC provider of lib/testing/oidc_provider.ts: the
// groups claim of the ID token decides a newcomer's role and updates a member's (never an owner's).
import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { createSession, validateSession } from "../kv/sessions.ts";
import { getSsoConfig } from "../kv/sso_config.ts";
import { addMembership, createStaff, getMembership, getStaffByEmail } from "../kv/staff.ts";
import { ssoStudio } from "../testing/sso_studio.ts";
import { getSsoSettings, type SsoForm } from "./sso_settings.ts";

const MAPPINGS = [
  { group: "studio-admins", role: "admin" },
  { group: "engineers", role: "engineer" },
  { group: "accounts", role: "bookkeeper" },
];

async function setup(settings: Partial<SsoForm> = {}) {
  const studio = await ssoStudio({ groupsClaim: "", roleMappings: MAPPINGS, ...settings });
  const roleOf = async (email: string) => {
    const staff = await getStaffByEmail(studio.kv, email);
    return staff ? (await getMembership(studio.kv, studio.north.id, staff.id))?.role : undefined;
  };
  return Object.assign(studio, { signIn: () => studio.signInThroughProvider(), roleOf });
}

Deno.test("a newcomer gets the role of the first mapped group, in the owner's order", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "eli@northsound.example", groups: ["everyone", "accounts", "studio-admins"] });
  const outcome = await s.signIn();
  assert.equal(outcome.joined, true);
  assert.equal(await s.roleOf("eli@northsound.example"), "admin", "studio-admins comes first in the list");
  const joined = s.audit.rows.find((row) => row.action === "member.joined_by_sso")!;
  assert.deepEqual(joined.changes, { role: { after: "admin" }, group: { after: "studio-admins" } });
});

Deno.test("a newcomer in no mapped group (or without the claim) gets the default role", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "eli@northsound.example", groups: ["everyone"] });
  await s.signIn();
  assert.equal(await s.roleOf("eli@northsound.example"), "engineer");
  s.idp.signInAs({ email: "mia@northsound.example" });
  await s.signIn();
  assert.equal(await s.roleOf("mia@northsound.example"), "engineer");
});

Deno.test("the groups claim can be named, and a single string counts as one group", async () => {
  await using s = await setup({ groupsClaim: "https://northsound.example/roles" });
  s.idp.signInAs({
    email: "eli@northsound.example",
    groups: ["studio-admins"], // the default claim is not read any more
    "https://northsound.example/roles": "accounts",
  });
  await s.signIn();
  assert.equal(await s.roleOf("eli@northsound.example"), "bookkeeper");
});

Deno.test("an existing member's role follows the mapping: audited as member.role_changed by sso, other sessions end", async () => {
  await using s = await setup();
  const bo = await createStaff(s.kv, { email: "bo@northsound.example", name: "Bo" });
  await addMembership(s.kv, s.north.id, bo.id, "manager");
  const older = await createSession(s.kv, { staffId: bo.id, tenantId: s.north.id });

  s.idp.signInAs({ email: "bo@northsound.example", groups: ["engineers"] });
  const outcome = await s.signIn();
  assert.equal(outcome.status, "signed_in");
  assert.equal(await s.roleOf("bo@northsound.example"), "engineer");
  const changed = s.audit.rows.find((row) => row.action === "member.role_changed")!;
  assert.deepEqual([changed.actorType, changed.actorLabel, changed.entityId], ["system", "sso", bo.id]);
  assert.deepEqual(changed.changes?.role, { before: "manager", after: "engineer" });
  assert.deepEqual(changed.changes?.group, { after: "engineers" });
  assert.equal(await validateSession(s.kv, older.token, s.north.id), null, "the old role's session ended");
  if (outcome.status === "signed_in") {
    assert.ok(await validateSession(s.kv, outcome.token, s.north.id), "the new session lives");
  }

  // Same groups again: nothing to change, nothing audited.
  const before = s.audit.rows.filter((row) => row.action === "member.role_changed").length;
  await s.signIn();
  assert.equal(s.audit.rows.filter((row) => row.action === "member.role_changed").length, before);

  // In no mapped group: the member keeps the role they have.
  s.idp.signInAs({ email: "bo@northsound.example", groups: [] });
  await s.signIn();
  assert.equal(await s.roleOf("bo@northsound.example"), "engineer");
});

Deno.test("an owner is never demoted by a mapping", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "ana@northsound.example", groups: ["engineers"] });
  await s.signIn();
  assert.equal(await s.roleOf("ana@northsound.example"), "owner");
  assert.ok(!s.audit.rows.some((row) => row.action === "member.role_changed"));
});

Deno.test("settings: mappings keep their order, never map to owner, and changes are audited", async () => {
  await using s = await setup();
  const view = await getSsoSettings(s.kv, s.north.id);
  assert.equal(view.groupsClaim, "groups", "empty means the default claim");
  assert.deepEqual(view.roleMappings, MAPPINGS);

  const refused = async (rows: { group: string; role: string }[]) => {
    const err = await s.save({ roleMappings: rows }).then(() => null, (e) => e);
    assert.ok(err instanceof ValidationError);
    return err.fields.roleMappings;
  };
  assert.match(await refused([{ group: "bosses", role: "owner" }]), /other than owner/);
  assert.match(await refused([{ group: "", role: "admin" }]), /enter the group/);
  assert.match(
    await refused([{ group: "a", role: "admin" }, { group: "a", role: "engineer" }]),
    /already mapped/,
  );
  const badClaim = await s.save({ groupsClaim: "my groups" }).then(() => null, (e) => e);
  assert.ok(badClaim instanceof ValidationError && badClaim.fields.groupsClaim);

  // Blank rows are dropped; order is kept.
  await s.save({
    roleMappings: [{ group: "engineers", role: "engineer" }, { group: "", role: "" }, {
      group: "studio-admins",
      role: "admin",
    }],
  });
  assert.deepEqual((await getSsoConfig(s.kv, s.north.id))?.roleMappings, [
    { group: "engineers", role: "engineer" },
    { group: "studio-admins", role: "admin" },
  ]);
  const row = s.audit.rows.filter((r) => r.action === "sso.settings_changed").at(-1)!;
  assert.deepEqual(row.changes?.roleMappings?.after, [
    { group: "engineers", role: "engineer" },
    { group: "studio-admins", role: "admin" },
  ]);
});
