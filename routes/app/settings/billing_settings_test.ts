// The billing settings, tax rates, services and exchange rates pages through the real app: who may
// open and change them, problems beside their fields, money typed in the studio's format.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { listExchangeRates } from "@/lib/billing/exchange_rates.ts";
import { listServices } from "@/lib/billing/services.ts";
import { getBillingSettings } from "@/lib/billing/settings.ts";
import { listTaxRates } from "@/lib/billing/tax_rates.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertTaxRate } from "@/lib/testing/billing_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/north";

async function setup(locale = "en") {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale,
  });
  const cookie = (role: "owner" | "bookkeeper" | "engineer" | "manager") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  return { t, owner: await cookie("owner"), cookie, inDb };
}

const headers = (cookie: string, language = "en") => ({
  origin: "http://localhost",
  "accept-language": language,
  cookie,
});

function post(
  t: App,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  language = "en",
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) body.append(name, v);
  }
  return t.app.request(`${BASE}${path}`, {
    method: "POST",
    headers: { ...headers(cookie, language), "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

const get = (t: App, path: string, cookie: string) =>
  t.app.request(`${BASE}${path}`, { headers: headers(cookie) });

/** The text of the error shown beside the field `name`. */
function errorBeside(html: string, name: string): string | undefined {
  return new RegExp(`<p id="field-${name}-error"[^>]*>([^<]*)</p>`).exec(html)?.[1];
}

/** The settings form as its page sends it, with some fields changed. */
const settingsForm = (changes: Record<string, string | string[]> = {}) => ({
  roundingMode: "per_line",
  paymentTermsDays: "30",
  quoteValidityDays: "30",
  invoiceNumberFormat: "INV-{YYYY}-{0000}",
  depositNumberFormat: "DEP-{YYYY}-{0000}",
  creditNoteNumberFormat: "CN-{YYYY}-{0000}",
  quoteNumberFormat: "Q-{YYYY}-{0000}",
  reminderDays: "3, 14, 30",
  ...changes,
});

function multipart(t: App, fields: Record<string, string>, logo: Blob, cookie: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("logo", logo, "logo.png");
  return t.app.request(`${BASE}/app/settings/billing`, {
    method: "POST",
    headers: headers(cookie),
    body: form,
  });
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

Deno.test("an owner saves the billing settings: next-number example, logo preview, audit row", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const menu = await (await get(t, "/app", owner)).text();
  assert.match(menu, /href="\/s\/north\/app\/settings\/billing"/);

  const page = await (await get(t, "/app/settings/billing", owner)).text();
  assert.match(page, new RegExp(`The next one would be INV-${new Date().getFullYear()}-0001\\.`));
  assert.match(page, /href="\/s\/north\/app\/settings\/tax-rates"/, "the settings tabs");
  assert.match(page, /Applies to drafts written from now on/);

  const res = await multipart(
    t,
    settingsForm({
      invoiceNumberFormat: "F{YY}-{00000}",
      addressLines: "1 Quay St\nBristol",
      pricesIncludeTax: "1",
    }),
    new Blob([PNG], { type: "image/png" }),
    owner,
  );
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/app/settings/billing?saved=1`);
  const settings = await inDb(getBillingSettings);
  assert.equal(settings.invoiceNumberFormat, "F{YY}-{00000}");
  assert.deepEqual(settings.addressLines, ["1 Quay St", "Bristol"]);
  assert.equal(settings.pricesIncludeTax, true);
  assert.equal(settings.logoContentType, "image/png");

  const saved = await (await get(t, "/app/settings/billing?saved=1", owner)).text();
  assert.match(saved, /The billing settings are saved/);
  assert.match(saved, /src="data:image\/png;base64,iVBORw0KGgoAAAAN"/);
  assert.match(
    saved,
    new RegExp(`The next one would be F${String(new Date().getFullYear()).slice(2)}-00001\\.`),
  );
  const [audit] = await inDb((db) => listAudit(db, { action: "billing.settings_updated" }));
  assert.equal(audit.actorLabel, "owner@example.com");
});

Deno.test("a bad number format comes back with its message beside the field and nothing saved", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const res = await post(
    t,
    "/app/settings/billing",
    settingsForm({ invoiceNumberFormat: "INV-{YYYY}" }),
    owner,
  );
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(
    errorBeside(html, "invoiceNumberFormat")!,
    /The format needs a sequence placeholder such as \{0000\}/,
  );
  assert.match(html, /value="INV-\{YYYY\}"/, "what was typed stays in the field");
  assert.equal((await inDb(getBillingSettings)).updatedAt.getTime(), 0, "still the defaults");
});

Deno.test("a 2 MB logo or a file that is not a PNG or JPEG is refused beside the logo field", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const big = new Uint8Array(2 * 1024 * 1024);
  big.set(PNG);
  const tooBig = await multipart(t, settingsForm(), new Blob([big], { type: "image/png" }), owner);
  assert.equal(tooBig.status, 422);
  assert.equal(errorBeside(await tooBig.text(), "logo"), "The logo is 2048 KB; it may be at most 512 KB.");
  const svg = await multipart(t, settingsForm(), new Blob(["<svg/>"], { type: "image/png" }), owner);
  assert.equal(svg.status, 422);
  assert.equal(errorBeside(await svg.text(), "logo"), "The logo must be a PNG or JPEG image.");
  assert.equal((await inDb(getBillingSettings)).logoBase64, null);
});

Deno.test("an engineer is refused every billing settings page", async () => {
  const { t, cookie } = await setup();
  await using _ = t;
  const engineer = await cookie("engineer");
  for (const path of ["billing", "tax-rates", "services", "exchange-rates"]) {
    assert.equal((await get(t, `/app/settings/${path}`, engineer)).status, 403, path);
  }
  assert.equal((await post(t, "/app/settings/tax-rates", { name: "VAT", rate: "20" }, engineer)).status, 403);
  assert.doesNotMatch(await (await get(t, "/app", engineer)).text(), /app\/settings\/billing/);
});

Deno.test("a bookkeeper manages tax rates but only reads the billing settings", async () => {
  const { t, cookie, inDb } = await setup();
  await using _ = t;
  const bookkeeper = await cookie("bookkeeper");
  const created = await post(t, "/app/settings/tax-rates", {
    name: "VAT 20%",
    rate: "20",
    category: "standard",
  }, bookkeeper);
  assert.equal(created.status, 303);
  assert.equal(created.headers.get("location"), `${BASE}/app/settings/tax-rates?saved=created`);
  const [rate] = await inDb((db) => listTaxRates(db));
  assert.equal(rate.name, "VAT 20%");
  assert.match(
    await (await get(t, "/app/settings/tax-rates?saved=created", bookkeeper)).text(),
    /The tax rate is added/,
  );

  const page = await (await get(t, "/app/settings/billing", bookkeeper)).text();
  assert.match(
    page,
    /Only the studio&#39;s owner can change these settings|Only the studio’s owner|Only the studio's owner/,
  );
  assert.match(page, /<fieldset disabled/);
  assert.equal((await post(t, "/app/settings/billing", settingsForm(), bookkeeper)).status, 403);

  const manager = await cookie("manager");
  assert.equal((await get(t, "/app/settings/billing", manager)).status, 200, "managers read the settings");
  assert.equal((await get(t, "/app/settings/tax-rates", manager)).status, 403);
});

Deno.test("tax rates: a bad rate shows beside its field; archive takes it out of the offered list", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const bad = await post(t, "/app/settings/tax-rates", { name: "VAT", rate: "120" }, owner);
  assert.equal(bad.status, 422);
  assert.match(errorBeside(await bad.text(), "rate")!, /percentage from 0 to 100/);

  const vat = await inDb((db) => insertTaxRate(db, { name: "VAT", rate: "20" }));
  const edit = await (await get(t, `/app/settings/tax-rates?edit=${vat.id}`, owner)).text();
  assert.match(edit, /Change the tax rate/);
  assert.equal(
    (await post(t, "/app/settings/tax-rates", { id: vat.id, name: "VAT", rate: "21" }, owner)).status,
    303,
  );
  assert.equal(
    (await post(t, "/app/settings/tax-rates", { intent: "archive", id: vat.id }, owner)).status,
    303,
  );
  assert.equal((await inDb((db) => listTaxRates(db))).length, 0);
  const settings = await (await get(t, "/app/settings/billing", owner)).text();
  assert.doesNotMatch(
    settings,
    new RegExp(`value="${vat.id}"`),
    "an archived rate is not offered as a default",
  );
  const actions = (await inDb((db) => listAudit(db, { entityType: "tax_rate" }))).map((a) => a.action);
  assert.deepEqual(actions, ["tax_rate.archived", "tax_rate.updated"]);
});

Deno.test("services: a price typed the French way is stored exactly and listed in the studio's format", async () => {
  const { t, owner, inDb } = await setup("fr");
  await using _ = t;
  const vat = await inDb((db) => insertTaxRate(db));
  const res = await post(
    t,
    "/app/settings/services",
    {
      name: "Mastering par titre",
      unit: "item",
      unitPrice: "1 234,50",
      currency: "EUR",
      taxRateIds: [vat.id],
    },
    owner,
    "fr",
  );
  assert.equal(res.status, 303);
  const [service] = await inDb((db) => listServices(db));
  assert.equal(service.unitPrice, 123450);
  assert.deepEqual(service.taxRateIds, [vat.id]);
  const list =
    await (await t.app.request(`${BASE}/app/settings/services?q=master`, { headers: headers(owner, "fr") }))
      .text();
  assert.match(list, /1\u202f234,50\u00a0€/);
  const edit = await (await t.app.request(`${BASE}/app/settings/services?edit=${service.id}`, {
    headers: headers(owner, "fr"),
  }))
    .text();
  assert.match(edit, /value="1234,50"/);

  const bad = await post(
    t,
    "/app/settings/services",
    { name: "USB", unit: "item", unitPrice: "douze", currency: "EUR" },
    owner,
    "fr",
  );
  assert.equal(bad.status, 422);
  assert.ok(errorBeside(await bad.text(), "unitPrice"));
});

Deno.test("exchange rates: set one, see who changed it, the base currency refused beside its field", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  assert.equal(
    (await post(t, "/app/settings/exchange-rates", { currency: "USD", rate: "0.9231" }, owner)).status,
    303,
  );
  const page = await (await get(t, "/app/settings/exchange-rates?saved=set", owner)).text();
  assert.match(page, /1 USD = 0\.9231 EUR/);
  assert.match(page, /by owner@example\.com/);
  const base = await post(t, "/app/settings/exchange-rates", { currency: "EUR", rate: "1" }, owner);
  assert.equal(base.status, 422);
  assert.match(errorBeside(await base.text(), "currency")!, /own currency/);
  assert.equal(
    (await post(t, "/app/settings/exchange-rates", { intent: "delete", currency: "USD" }, owner)).status,
    303,
  );
  assert.equal((await inDb(listExchangeRates)).length, 0);
});
