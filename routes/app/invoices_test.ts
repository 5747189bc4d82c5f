import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { billingSettings } from "@/db/schema/mod.ts";
import { getDocument } from "@/lib/billing/documents.ts";
import type { Role } from "@/lib/kv/staff.ts";
import { createBooking, transitionBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertTaxRate } from "@/lib/testing/billing_fixtures.ts";
import { insertClient, insertEngineer, insertGear, insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const system = { actor: { type: "system" as const } };

async function billingStudio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "desk",
    name: "Desk Studio",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const cookies = new Map<Role, string>();
  const as = async (role: Role) => {
    if (!cookies.has(role)) {
      cookies.set(
        role,
        await signedInCookie(t.kv, tenant, { role, email: `${role}@desk.example`, base: "/s/desk" }),
      );
    }
    return cookies.get(role)!;
  };
  const post = async (path: string, fields: Record<string, string | string[]>, role: Role = "owner") => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return t.app.request(`http://localhost/s/desk${path}`, {
      method: "POST",
      body,
      headers: {
        cookie: await as(role),
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  };
  const get = async (path: string, role: Role = "owner") =>
    t.app.request(`http://localhost/s/desk${path}`, { headers: { cookie: await as(role) } });
  return { t, use, post, get };
}

const idFrom = (response: Response) =>
  new URL(response.headers.get("location")!, "http://x").pathname.split("/").at(-1)!;

Deno.test("engineers cannot see invoices or quotes; managers see invoices but do not issue them; bookkeepers do", async () => {
  const { t, use, post, get } = await billingStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db, { name: "Nova Records" }));
  for (const path of ["/app/invoices", "/app/invoices/new", "/app/quotes", "/app/credit-notes"]) {
    assert.equal((await get(path, "engineer")).status, 403, path);
  }
  const draft = await post("/app/invoices/new", {
    clientId: client.id,
    "lines.0.description": "Mixing",
    "lines.0.quantity": "2",
    "lines.0.unitPrice": "150",
  }, "bookkeeper");
  assert.equal(draft.status, 303);
  const id = idFrom(draft);
  assert.equal((await get(`/app/invoices/${id}`, "engineer")).status, 403);
  assert.equal((await get(`/app/invoices/${id}`, "manager")).status, 200);
  const doc = await use((db) => getDocument(db, id));
  assert.equal(
    (await post(`/app/invoices/${id}`, { intent: "issue", version: String(doc.version) }, "manager")).status,
    403,
  );
  const issued = await post(
    `/app/invoices/${id}`,
    { intent: "issue", version: String(doc.version) },
    "bookkeeper",
  );
  assert.equal(issued.status, 303);
  const page = await (await get(`/app/invoices/${id}`, "bookkeeper")).text();
  assert.match(page, /INV-\d{4}-0001/);
  assert.match(page, /Create a credit note/);
});

Deno.test("the editor shows each error beside its field, keeps what was typed, and adds rows without JavaScript", async () => {
  const { t, use, post } = await billingStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db));
  const refused = await post("/app/invoices/new", {
    clientId: client.id,
    "lines.0.description": "Mixing",
    "lines.0.quantity": "2",
    "lines.0.unitPrice": "12.345",
    "lines.1.description": "",
    "lines.2.description": "Mastering",
    "lines.2.quantity": "lots",
    "lines.2.unitPrice": "80",
  });
  assert.equal(refused.status, 422);
  const html = await refused.text();
  assert.match(html, /EUR amounts have at most 2 decimals/);
  assert.match(
    html,
    /id="field-lines-0-unitPrice"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-lines-0-unitPrice"/,
  );
  assert.match(html, /value="12.345"/, "what was typed comes back");

  const second = await post("/app/invoices/new", {
    clientId: client.id,
    "lines.0.description": "Mastering",
    "lines.0.quantity": "lots",
    "lines.0.unitPrice": "80",
  });
  assert.equal(second.status, 422);
  assert.match(await second.text(), /Give the quantity as a number/);

  const more = await post("/app/invoices/new", {
    clientId: client.id,
    intent: "add_lines",
    "lines.0.description": "Mixing",
    "lines.0.quantity": "1",
    "lines.0.unitPrice": "100",
  });
  assert.equal(more.status, 200);
  const rows = (await more.text()).match(/data-testid="line-\d+"/g) ?? [];
  assert.equal(rows.length, 4, "the typed line and three blank rows");
});

Deno.test("an issued invoice cannot be edited: the edit page says so and offers a credit note, which credits it", async () => {
  const { t, use, post, get } = await billingStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db));
  const id = idFrom(
    await post("/app/invoices/new", {
      clientId: client.id,
      "lines.0.description": "Room",
      "lines.0.quantity": "4",
      "lines.0.unit": "hour",
      "lines.0.unitPrice": "50",
    }),
  );
  const editable = await get(`/app/invoices/${id}/edit`);
  assert.equal(editable.status, 200);
  const doc = await use((db) => getDocument(db, id));
  await post(`/app/invoices/${id}`, { intent: "issue", version: String(doc.version) });
  const locked = await get(`/app/invoices/${id}/edit`);
  assert.equal(locked.status, 409);
  const text = await locked.text();
  assert.match(text, /can no longer be changed\. Correct it with a credit note/);
  assert.match(text, new RegExp(`/app/invoices/${id}/credit`));
  assert.equal(
    (await post(`/app/invoices/${id}/edit`, {
      clientId: client.id,
      version: "2",
      "lines.0.description": "x",
    }))
      .status,
    409,
  );

  const noReason = await post(`/app/invoices/${id}/credit`, { mode: "all", reason: "" });
  assert.equal(noReason.status, 422);
  assert.match(await noReason.text(), /Say why the invoice is credited/);
  const drafted = await post(`/app/invoices/${id}/credit`, { mode: "all", reason: "Session cancelled" });
  assert.equal(drafted.status, 303);
  const noteId = idFrom(drafted);
  const note = await use((db) => getDocument(db, noteId));
  assert.equal(
    (await post(`/app/credit-notes/${noteId}`, { intent: "issue", version: String(note.version) })).status,
    303,
  );
  const invoice = await use((db) => getDocument(db, id));
  assert.equal(invoice.status, "credited");
  assert.match(await (await get(`/app/credit-notes/${noteId}`)).text(), /CN-\d{4}-0001/);
  assert.match(await (await get("/app/credit-notes")).text(), /CN-\d{4}-0001/);
});

Deno.test("completed sessions are invoiced from the page, and the invoice shows each session's day and times", async () => {
  const { t, use, post, get } = await billingStudio();
  await using _ = t;
  const { client, booking } = await use(async (db) => {
    const room = await insertRoom(db, { name: "Studio A", hourlyRate: 5000 });
    const engineer = await insertEngineer(db, { name: "Sam", hourlyRate: 3000 });
    const mic = await insertGear(db, { name: "U87", fee: 1500, feePer: "day" });
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    await db.insert(billingSettings).values({ id: 1, defaultTaxRateIds: [vat.id] });
    const client = await insertClient(db, { name: "The Lanterns" });
    const options = { timeZone: "Europe/Paris", now: new Date("2026-10-01T08:00:00Z") };
    const booking = await createBooking(
      db,
      {
        clientId: client.id,
        roomId: room.id,
        title: "Album tracking",
        blocks: [{ start: new Date("2026-11-03T09:00:00Z"), end: new Date("2026-11-03T13:00:00Z") }],
        engineerIds: [engineer.id],
        gear: [{ gearId: mic.id, quantity: 1 }],
      },
      system,
      options,
    );
    await transitionBooking(db, booking.id, "complete", system, options);
    return { client, booking };
  });
  const picker = await (await get(`/app/invoices/from-sessions?client=${client.id}`)).text();
  assert.match(picker, /The Lanterns \(1 session\)/);
  assert.match(picker, new RegExp(`value="${booking.id}"[^>]*checked`));
  const created = await post("/app/invoices/from-sessions", {
    clientId: client.id,
    bookingIds: [booking.id],
  });
  assert.equal(created.status, 303);
  const page = await (await get(created.headers.get("location")!.replace("/s/desk", ""))).text();
  assert.match(page, /Studio A — 4 h at the hourly rate/);
  assert.match(page, /Engineer Sam — 4 h at the hourly rate/);
  assert.match(page, /U87 — 1 day/);
  assert.match(page, /Album tracking — Tue 3 Nov 2026, 10:00–14:00/);
  assert.match(page, /€402\.00/, "(200.00 + 120.00 + 15.00) + 20% VAT");
  const again = await post("/app/invoices/from-sessions", { clientId: client.id, bookingIds: [booking.id] });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /Already invoiced/);
  assert.match(await (await get("/app/invoices")).text(), /The Lanterns/);
});

Deno.test("a quote's page renders send, convert and revise forms with its version, and an accepted quote's signature", async () => {
  const { t, use, post, get } = await billingStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db, { name: "Nova Records" }));
  const created = await post("/app/quotes/new", {
    clientId: client.id,
    validUntil: "2026-12-31",
    "lines.0.description": "Mixing, 10 tracks",
    "lines.0.quantity": "10",
    "lines.0.unitPrice": "120",
  });
  assert.equal(created.status, 303);
  const id = idFrom(created);
  let page = await (await get(`/app/quotes/${id}`)).text();
  assert.match(page, new RegExp(`action="/s/desk/app/quotes/${id}/send"`));
  assert.match(page, /name="version" value="1"/);
  assert.match(page, /€1,200\.00/);
  assert.equal((await get(`/app/quotes/${id}/edit`)).status, 200);

  await use((db) =>
    db.execute(sql`UPDATE billing_documents SET status = 'accepted', number = 'Q-2026-0007', sequence = 7,
      accepted_at = now(), signature = ${
      JSON.stringify({
        name: "Nina Simone",
        signedAt: "2026-11-20T10:15:00Z",
        ip: "203.0.113.9",
        userAgent: "test",
        documentHash: "ab".repeat(32),
      })
    }::jsonb WHERE id = ${id}`)
  );
  page = await (await get(`/app/quotes/${id}`)).text();
  assert.match(page, /Nina Simone/);
  assert.match(page, /203\.0\.113\.9/);
  assert.match(page, new RegExp("ab".repeat(32)));
  assert.match(page, new RegExp(`action="/s/desk/app/quotes/${id}/convert"`));
  assert.match(page, /name="target" value="deposit_invoice"/);
  assert.match(page, /name="percent"/);
  assert.equal((await get(`/app/quotes/${id}/edit`)).status, 409, "an accepted quote is not edited");
  assert.match(await (await get("/app/quotes")).text(), /Q-2026-0007/);
});

Deno.test("the client hub shows the client's documents and balance due to staff who see invoices", async () => {
  const { t, use, post, get } = await billingStudio();
  await using _ = t;
  const client = await use((db) => insertClient(db, { name: "Nova Records" }));
  const id = idFrom(
    await post("/app/invoices/new", {
      clientId: client.id,
      "lines.0.description": "Mastering",
      "lines.0.quantity": "1",
      "lines.0.unitPrice": "250",
    }),
  );
  await post(`/app/invoices/${id}`, { intent: "issue", version: "1" });
  const hub = await (await get(`/app/clients/${client.id}`)).text();
  assert.match(hub, /Quotes &amp; invoices/);
  assert.match(hub, /Balance due: €250\.00/);
  assert.doesNotMatch(
    await (await get(`/app/clients/${client.id}`, "engineer")).text(),
    /Quotes &amp; invoices/,
  );
});
