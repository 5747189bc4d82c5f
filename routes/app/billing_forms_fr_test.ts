import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createDraft } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import type { Role } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

// A French studio's staff read the billing and client forms' field errors in French, beside the field.

async function frenchStudio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "atelier",
    name: "Atelier Son",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const cookies = new Map<Role, string>();
  const as = async (role: Role) => {
    if (!cookies.has(role)) {
      cookies.set(
        role,
        await signedInCookie(t.kv, tenant, { role, email: `${role}@atelier.example`, base: "/s/atelier" }),
      );
    }
    return cookies.get(role)!;
  };
  const post = async (path: string, fields: Record<string, string>, role: Role = "owner") =>
    t.app.request(`http://localhost/s/atelier${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: {
        cookie: await as(role),
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  return { t, use, post };
}

/** How many rows `table` holds. */
async function countRows(db: TenantDb, table: "billing_documents" | "payments"): Promise<number> {
  const result = await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return (result as unknown as { rows: { n: number }[] }).rows[0].n;
}

/** The text shown under the field named `name` (Field renders it as `field-<name>-error`). */
function errorBeside(html: string, name: string): string | undefined {
  const id = `field-${name.replaceAll(".", "-")}-error`;
  return html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1];
}

Deno.test("the invoice editor of a French studio shows its field errors in French beside the fields", async () => {
  const { t, use, post } = await frenchStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db));
  const refused = await post("/app/invoices/new", {
    clientId: client.id,
    "lines.0.description": "Mastering",
    "lines.0.quantity": "beaucoup",
    "lines.0.unitPrice": "80",
  });
  assert.equal(refused.status, 422);
  const html = await refused.text();
  assert.equal(
    errorBeside(html, "lines.0.quantity"),
    "Indiquez la quantité sous forme de nombre, par exemple 2 ou 2,5.",
  );
  assert.doesNotMatch(html, /Give the quantity/);

  const noPrice = await post("/app/invoices/new", {
    clientId: client.id,
    "lines.0.description": "Mixage",
    "lines.0.quantity": "1",
    "lines.0.unitPrice": "",
  });
  assert.equal(noPrice.status, 422);
  assert.equal(errorBeside(await noPrice.text(), "lines.0.unitPrice"), "Indiquez un prix.");
});

Deno.test("the quote editor of a French studio asks for a client in French", async () => {
  const { t, use, post } = await frenchStudio();
  await using _ = t;
  const refused = await post("/app/quotes/new", {
    clientId: "",
    "lines.0.description": "Prise de son",
    "lines.0.quantity": "2",
    "lines.0.unitPrice": "50",
  });
  assert.equal(refused.status, 422);
  const html = await refused.text();
  assert.equal(errorBeside(html, "clientId"), "Choisissez un client.");
  assert.equal(await use((db) => countRows(db, "billing_documents")), 0, "no draft saved");
});

/** An issued €1,200.00 invoice to Nova Records, to record payments against. */
async function issuedInvoice(db: TenantDb) {
  const acting = { actor: { type: "system" as const } };
  const client = await insertClient(db, { name: "Nova Records" });
  const draft = await createDraft(db, "invoice", {
    clientId: client.id,
    lines: [{ description: "Mixage album", quantity: "1", unitPrice: 120000 }],
  }, acting);
  return await issueDocument(db, draft.id, draft.version, acting);
}

Deno.test("recording a payment on a French studio's invoice explains refused fields in French", async () => {
  const { t, use, post } = await frenchStudio();
  await using _ = t;
  const invoice = await use(issuedInvoice);
  const path = `/app/invoices/${invoice.id}/payments`;
  const good = { amount: "10,00", method: "cash", receivedOn: "2026-06-02" };
  for (
    const [change, field, message] of [
      [{ amount: "0" }, "amount", "Saisissez un montant supérieur à zéro."],
      [{ method: "bitcoin" }, "method", "Choisissez espèces, virement, carte, chèque ou autre."],
      [{ receivedOn: "" }, "receivedOn", "Indiquez une date au format AAAA-MM-JJ."],
    ] as const
  ) {
    const res = await post(path, { ...good, ...change }, "bookkeeper");
    assert.equal(res.status, 422, JSON.stringify(change));
    assert.equal(errorBeside(await res.text(), field), message);
  }
  assert.equal(await use((db) => countRows(db, "payments")), 0, "nothing recorded");
});

Deno.test("a French studio's unreadable or too precise amounts are explained in French, with a French example", async () => {
  const { t, use, post } = await frenchStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db));
  const line = { clientId: client.id, "lines.0.description": "Mastering", "lines.0.quantity": "1" };

  const unreadable = await post("/app/invoices/new", { ...line, "lines.0.unitPrice": "quatre-vingts" });
  assert.equal(unreadable.status, 422);
  const html = await unreadable.text();
  // The example is written the French way: narrow no-break space between thousands, decimal comma.
  assert.equal(errorBeside(html, "lines.0.unitPrice"), "Saisissez un montant, par exemple 1\u202f234,56.");
  assert.doesNotMatch(html, /Enter an amount/);

  const precise = await post("/app/quotes/new", { ...line, "lines.0.unitPrice": "80,125" });
  assert.equal(precise.status, 422);
  assert.equal(
    errorBeside(await precise.text(), "lines.0.unitPrice"),
    "Les montants en EUR ont au plus 2 décimales.",
  );
  assert.equal(await use((db) => countRows(db, "billing_documents")), 0, "no draft saved");
});

Deno.test("a payment amount a French studio cannot read or that is too precise is refused in French", async () => {
  const { t, use, post } = await frenchStudio();
  await using _ = t;
  const invoice = await use(issuedInvoice);
  const path = `/app/invoices/${invoice.id}/payments`;
  const good = { method: "transfer", receivedOn: "2026-06-02" };
  for (
    const [amount, message] of [
      ["dix euros", "Saisissez un montant, par exemple 1\u202f234,56."],
      ["10,005", "Les montants en EUR ont au plus 2 décimales."],
      ["-10", "Saisissez un montant positif ou nul."],
    ] as const
  ) {
    const res = await post(path, { ...good, amount }, "bookkeeper");
    assert.equal(res.status, 422, amount);
    assert.equal(errorBeside(await res.text(), "amount"), message, amount);
  }
  assert.equal(await use((db) => countRows(db, "payments")), 0, "nothing recorded");
});
