import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { listOutbox } from "../kv/outbox.ts";
import { outboxMailer } from "../mail/outbox_mailer.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { createDraft } from "./documents.ts";
import { dueReminders, runDunning } from "./dunning.ts";
import { enqueueDunningSweeps, handleDunningMessage } from "./dunning_schedule.ts";
import { issueDocument } from "./issue.ts";
import { recordPayment } from "./payments.ts";

const acting: ActingAs = { actor: { type: "system" } };

async function studio() {
  const tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const mailer = outboxMailer(tenancy.kv, "studio@example.com");
  const inDb = <T>(fn: Parameters<typeof tenancy.pool.use<T>>[1]) => tenancy.pool.use(tenant.database, fn);
  // Two invoices issued 2026-06-01, due 2026-07-01 (30 days' terms); the second is paid.
  const [unpaid] = await inDb(async (db) => {
    const ana = await insertClient(db, { name: "Ana", email: "ana@example.com", locale: "fr" });
    const bo = await insertClient(db, { name: "Bo", email: "bo@example.com" });
    const issued = [];
    for (const client of [ana, bo]) {
      const draft = await createDraft(db, "invoice", {
        clientId: client.id,
        lines: [{ description: "Mix", quantity: "1", unitPrice: 80000 }],
      }, acting);
      issued.push(
        await issueDocument(db, draft.id, draft.version, acting, { now: new Date("2026-06-01T10:00:00Z") }),
      );
    }
    await recordPayment(db, {
      documentId: issued[1].id,
      method: "transfer",
      amount: 80000,
      currency: "EUR",
      receivedOn: "2026-06-20",
    }, acting);
    await recordPayment(db, {
      documentId: issued[0].id,
      method: "cash",
      amount: 30000,
      currency: "EUR",
      receivedOn: "2026-06-20",
    }, acting);
    return issued;
  });
  return { tenancy, tenant, mailer, inDb, unpaid };
}

Deno.test("each reminder step is mailed once, in the client's language, with what is still due", async () => {
  const { tenancy, mailer, inDb, unpaid } = await studio();
  await using _ = tenancy;
  assert.equal(
    await inDb((db) => runDunning(db, mailer, "2026-07-03")),
    0,
    "2 days late: before the first step",
  );
  assert.deepEqual((await inDb((db) => dueReminders(db, "2026-07-04"))).map((r) => [r.invoice.id, r.step]), [
    [unpaid.id, 0],
  ]);
  assert.equal(await inDb((db) => runDunning(db, mailer, "2026-07-04")), 1);
  assert.equal(await inDb((db) => runDunning(db, mailer, "2026-07-04")), 0, "a second run sends nothing");
  assert.equal(
    await inDb((db) => runDunning(db, mailer, "2026-07-10")),
    0,
    "step 0 was sent; step 1 is day 14",
  );
  const [mail] = await listOutbox(tenancy.kv, { to: "ana@example.com" });
  assert.equal(mail.subject, `Rappel\u00a0: la facture ${unpaid.number} de North Sound est échue`);
  assert.match(mail.text, /il reste 500,00\u00a0€ à régler/);
  assert.match(mail.text, /1 juillet 2026|1er juillet 2026/);
  assert.equal(await inDb((db) => runDunning(db, mailer, "2026-07-15")), 1, "14 days late: the second step");
  assert.equal((await listOutbox(tenancy.kv, { to: "ana@example.com" })).length, 2);
  assert.equal((await listOutbox(tenancy.kv, { to: "bo@example.com" })).length, 0, "paid invoices get none");
});

Deno.test("the daily sweep queues each active studio; a redelivered message mails nothing twice", async () => {
  const { tenancy, tenant, mailer } = await studio();
  await using _ = tenancy;
  assert.equal(await enqueueDunningSweeps(tenancy.kv), 1);
  const deps = { kv: tenancy.kv, tenancy, mailer };
  const message = { type: "dunning.sweep" as const, tenantId: tenant.id };
  const now = new Date("2026-08-01T06:00:00Z"); // 31 days late: the third step
  assert.equal(await handleDunningMessage(deps, message, now), 1);
  assert.equal(await handleDunningMessage(deps, message, now), 0);
  assert.equal((await listOutbox(tenancy.kv)).length, 1);
});
