import assert from "node:assert/strict";
import { recordAudit } from "@/lib/audit/audit.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

async function studioWithLog() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "logged",
    name: "Logged",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await t.tenancy.pool.use(tenant.database, async (db) => {
    await recordAudit(db, {
      actor: { type: "staff", id: "u_1", label: "ana@example.com" },
      action: "auth.sign_in",
      ip: "203.0.113.5",
    });
    await recordAudit(db, {
      actor: { type: "staff", id: "u_1", label: "ana@example.com" },
      action: "client.updated",
      entity: { type: "client", id: "c_9" },
      changes: { name: { before: "=cmd()", after: 'Band, "The"' } },
    });
  });
  const owner = await signedInCookie(t.kv, tenant, { base: "/s/logged" });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: "/s/logged",
    role: "engineer",
    email: "eng@example.com",
  });
  return { t, owner, engineer };
}

Deno.test("owners read the audit log, filtered; other roles are refused and not shown the link", async () => {
  const { t, owner, engineer } = await studioWithLog();
  await using _ = t;
  const page = await (await t.app.request("/s/logged/app/audit", { headers: { cookie: owner } })).text();
  assert.match(page, /auth\.sign_in/);
  assert.match(page, /client\.updated/);
  assert.match(page, /203\.0\.113\.5/);
  assert.match(page, /href="\/s\/logged\/app\/audit"/, "the owner's menu links to it");

  const filtered =
    await (await t.app.request("/s/logged/app/audit?action=client.updated", { headers: { cookie: owner } }))
      .text();
  assert.ok(!filtered.includes("203.0.113.5"));

  const refused = await t.app.request("/s/logged/app/audit", { headers: { cookie: engineer } });
  assert.equal(refused.status, 403);
  const dashboard = await (await t.app.request("/s/logged/app", { headers: { cookie: engineer } })).text();
  assert.ok(!dashboard.includes("/app/audit"), "no link for an engineer");
  assert.equal(
    (await t.app.request("/s/logged/app/audit.csv", { headers: { cookie: engineer } })).status,
    403,
  );
});

Deno.test("the CSV export carries the filters, escapes values and defuses formulas", async () => {
  const { t, owner } = await studioWithLog();
  await using _ = t;
  const res = await t.app.request("/s/logged/app/audit.csv?action=client.updated", {
    headers: { cookie: owner },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(
    res.headers.get("content-disposition")!,
    /^attachment; filename="audit-logged-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const lines = (await res.text()).trimEnd().split("\r\n");
  assert.equal(lines.length, 2);
  assert.ok(lines[0].startsWith("at,actorType,actorId"));
  assert.match(lines[1], /client\.updated,client,c_9,/);
  // The changes cell is quoted JSON: its quotes doubled, its comma kept inside the field.
  assert.ok(lines[1].includes(`""after"":""Band, \\""The\\""""`), lines[1]);
  assert.ok(lines[1].includes(`""before"":""=cmd()""`), lines[1]);
});
