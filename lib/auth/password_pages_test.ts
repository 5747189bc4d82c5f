// A refused password is explained in the page's language: sign-up, a reset link and an invitation,
// through the real app, for a French studio (and a French visitor at sign-up).
import assert from "node:assert/strict";
import { issueEmailToken } from "../kv/email_tokens.ts";
import { issueInvitation } from "../kv/invitations.ts";
import { addMembership, createStaff } from "../kv/staff.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { testApp } from "../testing/test_app.ts";
import { passwordProblem, passwordRuleProblem } from "./password.ts";

const BASE = "/s/bleu";

async function setup() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "bleu",
    name: "Studio Bleu",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr",
  });
  const post = (path: string, fields: Record<string, string>) =>
    t.app.request(path, {
      method: "POST",
      headers: {
        origin: "http://localhost",
        "accept-language": "fr",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields),
    });
  return { t, tenant, post, [Symbol.asyncDispose]: () => t[Symbol.asyncDispose]() };
}

/** The page's text with apostrophes as typed, so French assertions read naturally. */
const textOf = async (res: Response) => (await res.text()).replaceAll("&#39;", "'").replaceAll("&#x27;", "'");

Deno.test("each password rule has a message id whose English text is the one the API shows", () => {
  assert.deepEqual(passwordRuleProblem("short"), {
    id: "password.rule.too_short",
    params: { min: 12 },
    text: "Use at least 12 characters; a few unrelated words make a long password that is easy to remember.",
  });
  assert.equal(passwordRuleProblem("password123456")?.id, "password.rule.common");
  assert.equal(
    passwordRuleProblem("ana.lima.rocks.hard", { email: "ana.lima@x.fr" })?.id,
    "password.rule.contains_email",
  );
  assert.equal(passwordRuleProblem("x".repeat(300))?.id, "password.rule.too_long");
  assert.equal(passwordRuleProblem("abcdefghijklmn")?.id, "password.rule.predictable");
  assert.equal(passwordRuleProblem("copper kettle whistling"), undefined);
  assert.equal(passwordProblem("short"), passwordRuleProblem("short")?.text);
});

Deno.test("a reset link of a French studio explains a short password in French", async () => {
  await using s = await setup();
  const ana = await createStaff(s.t.kv, { email: "ana@bleu.example", name: "Ana Lima" });
  await addMembership(s.t.kv, s.tenant.id, ana.id, "owner");
  const token = await issueEmailToken(s.t.kv, "reset", {
    staffId: ana.id,
    tenantId: s.tenant.id,
    email: ana.email,
  });
  const res = await s.post(`${BASE}/reset-password`, { token, password: "court" });
  assert.equal(res.status, 422);
  const html = await textOf(res);
  assert.match(html, /Utilisez au moins 12 caractères/);
  assert.doesNotMatch(html, /Use at least/);
});

Deno.test("accepting an invitation to a French studio explains the rules in French", async () => {
  await using s = await setup();
  const { token } = await issueInvitation(s.t.kv, {
    tenantId: s.tenant.id,
    email: "eli.moreau@bleu.example",
    role: "engineer",
    invitedBy: "u_owner",
    locale: "fr",
  });
  const common = await s.post(`${BASE}/invite`, { token, name: "Eli Moreau", password: "password123456" });
  assert.equal(common.status, 422);
  assert.match(await textOf(common), /Ce mot de passe fait partie des plus courants/);
  const withName = await s.post(`${BASE}/invite`, {
    token,
    name: "Eli Moreau",
    password: "i am eli moreau ok",
  });
  assert.equal(withName.status, 422);
  assert.match(await textOf(withName), /Votre mot de passe ne doit pas contenir votre nom/);
});

Deno.test("signing up in French explains a password made from the e-mail address in French", async () => {
  await using s = await setup();
  const res = await s.post("/sign-up", {
    studioName: "Studio Rouge",
    slug: "rouge",
    country: "FR",
    timezone: "Europe/Paris",
    currency: "EUR",
    ownerName: "Lea Martin",
    ownerEmail: "lea.martin@rouge.example",
    ownerPassword: "lea.martin and more words",
  });
  assert.equal(res.status, 422);
  const html = await textOf(res);
  assert.match(html, /Votre mot de passe ne doit pas contenir votre adresse e-mail/);
  assert.doesNotMatch(html, /must not contain/);
});
