// The client pages through the real app (journey 6 without a browser): forms that work without
// JavaScript, problems beside their fields in the reader's language, search, the hub, notes,
// archiving, CSV import with its preview, exports, and who may do what.
import assert from "node:assert/strict";
import { byId, tagsOf } from "@/components/test_html.ts";
import { bookingBlocks, bookings } from "@/db/schema/mod.ts";
import { listAudit } from "@/lib/audit/audit.ts";
import { type Client, createClient, getClient, updateClient } from "@/lib/clients/clients.ts";
import { searchClients } from "@/lib/clients/search.ts";
import { newId } from "@/lib/kv/ids.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

async function setup(locale = "en") {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale,
  });
  const owner = await signedInCookie(t.kv, tenant, { base: BASE, email: "ana@example.com" });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "engineer",
    email: "sam@example.com",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  return { t, owner, engineer, inDb };
}

function post(t: App, path: string, body: URLSearchParams | FormData, cookie: string, language = "en") {
  const headers: Record<string, string> = { origin: "http://localhost", "accept-language": language, cookie };
  if (body instanceof URLSearchParams) headers["content-type"] = "application/x-www-form-urlencoded";
  return t.app.request(`${BASE}${path}`, { method: "POST", headers, body });
}

const get = (t: App, path: string, cookie: string, language = "en") =>
  t.app.request(`${BASE}${path}`, { headers: { cookie, "accept-language": language } });

const text = async (res: Response | Promise<Response>) => await (await res).text();

const LABEL_FORM = new URLSearchParams({
  kind: "company",
  name: "Blue Note Records",
  email: "hello@bluenote.example",
  extraEmails: "accounts@bluenote.example",
  city: "Paris",
  country: "FR",
  tags: "label, vip",
  "contacts[0].name": "Maria Lopez",
  "contacts[0].role": "A&R",
  "contacts[0].email": "maria@bluenote.example",
  "contacts[1].name": "",
  "contacts[2].name": "Tom Price",
  "contacts[2].role": "accountant",
});

Deno.test("journey 6 in process: a label with contacts is created, then found by part of its name", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  assert.match(
    await text(get(t, "/app", owner)),
    /href="\/s\/north\/app\/clients"/,
    "the menu links to Clients",
  );
  const empty = await text(get(t, "/app/clients", owner));
  assert.match(empty, /No clients yet/);

  const res = await post(t, "/app/clients/new", LABEL_FORM, owner);
  assert.equal(res.status, 303);
  const location = res.headers.get("location")!;
  assert.match(location, /^\/s\/north\/app\/clients\/cli_[0-9A-Z]+\?saved=created$/);

  const hub = await text(get(t, location.slice(BASE.length), owner));
  assert.match(hub, /<h1[^>]*>Blue Note Records<\/h1>/);
  assert.match(hub, /Client created\./);
  assert.match(hub, /Maria Lopez/);
  assert.match(hub, /A&amp;R/);
  assert.match(hub, /Tom Price/);
  assert.match(hub, /accounts@bluenote\.example/);
  assert.match(hub, /No bookings yet/);

  const list = await text(get(t, "/app/clients?q=note+rec", owner));
  assert.match(list, /1 client matches “note rec”/);
  assert.match(list, /href="\/s\/north\/app\/clients\/cli_[^"]+"[^>]*>Blue Note Records<\/a>/);
  const viaContact = await text(get(t, "/app/clients?q=lopez", owner));
  assert.match(viaContact, /through Maria Lopez/);
  assert.match(
    await text(get(t, "/app/clients?q=nothing-like-it", owner)),
    /No client matches “nothing-like-it”/,
  );

  const [entry] = await inDb((db) => listAudit(db, { action: "client.created" }));
  assert.equal(entry.actorLabel, "ana@example.com");
});

Deno.test("a rejected form comes back with each problem beside its field, in the reader's language", async () => {
  const { t, owner, inDb } = await setup("fr");
  await using _ = t;
  const form = new URLSearchParams({
    kind: "band",
    name: "  ",
    email: "not-an-email",
    "contacts[0].name": "",
    "contacts[1].email": "kim@example.com",
  });
  const res = await post(t, "/app/clients/new", form, owner, "fr");
  assert.equal(res.status, 422);
  const html = await res.text();
  const name = byId(html, "field-name").attributes;
  assert.equal(name["aria-invalid"], "true");
  assert.equal(byId(html, "field-name-error").tag, "p");
  assert.match(html, /id="field-name-error"[^>]*>Indiquez le nom du client\./);
  assert.match(html, /id="field-email-error"[^>]*>Saisissez une adresse e-mail/);
  // The second contact row (the first is blank) lacks its name: the error sits on that row.
  assert.match(html, /id="field-contacts-1-name-error"[^>]*>Indiquez le nom du contact\./);
  assert.equal(byId(html, "field-contacts-1-email").attributes.value, "kim@example.com", "typed values kept");
  assert.match(html, /href="#field-contacts-1-name"/, "the summary links to the field");
  assert.equal((await inDb((db) => searchClients(db))).total, 0);
});

Deno.test("'Add another contact' adds a row without saving anything", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const form = new URLSearchParams(LABEL_FORM);
  form.set("intent", "add_contact");
  const res = await post(t, "/app/clients/new", form, owner);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.equal(tagsOf(html, "fieldset").length, 4);
  assert.equal(byId(html, "field-contacts-2-name").attributes.value, "Tom Price");
  assert.equal((await inDb((db) => searchClients(db))).total, 0);
});

Deno.test("an edit saves with the version it was opened at; a stale one comes back to be confirmed", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const client = await inDb((db) =>
    createClient(db, { kind: "band", name: "The Tides", contacts: [{ name: "Jo" }] }, ACTING)
  );
  const page = await text(get(t, `/app/clients/${client.id}/edit`, owner));
  assert.equal(byId(page, "field-contacts-0-name").attributes.value, "Jo");
  assert.ok(tagsOf(page, "input").some((i) => i.name === "version" && i.value === "1"));

  const form = new URLSearchParams({
    version: "1",
    kind: "band",
    name: "The Tides",
    artistName: "TIDES",
    "contacts[0].id": client.contacts[0].id,
    "contacts[0].name": "Jo Lane",
  });
  // Someone else saves first, removing the contact this form edits.
  await inDb((db) => updateClient(db, client.id, { kind: "band", name: "The Tides (UK)" }, 1, ACTING));
  const stale = await post(t, `/app/clients/${client.id}/edit`, form, owner);
  assert.equal(stale.status, 409);
  const again = await stale.text();
  assert.match(again, /Someone else changed this client/);
  assert.ok(tagsOf(again, "input").some((i) => i.name === "version" && i.value === "2"), "the newer version");
  assert.equal(byId(again, "field-artistName").attributes.value, "TIDES", "what was typed is kept");

  const contactId = tagsOf(again, "input").find((i) => i.name === "contacts[0].id")!;
  assert.equal(contactId.value, "", "Jo was removed meanwhile: saving this version adds Jo back");
  form.set("version", "2");
  form.set("contacts[0].id", contactId.value);
  const saved = await post(t, `/app/clients/${client.id}/edit`, form, owner);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `${BASE}/app/clients/${client.id}?saved=saved`);
  const after: Client = await inDb((db) => getClient(db, client.id));
  assert.equal(after.name, "The Tides");
  assert.equal(after.artistName, "TIDES");
  assert.deepEqual(after.contacts.map((c) => c.name), ["Jo Lane"], "the blank row removed nobody else");
});

Deno.test("notes are added from the hub; an empty one is explained beside its field", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const client = await inDb((db) => createClient(db, { kind: "person", name: "Nina" }, ACTING));
  const added = await post(
    t,
    `/app/clients/${client.id}/notes`,
    new URLSearchParams({ body: "Loves the Neve." }),
    owner,
  );
  assert.equal(added.status, 303);
  assert.equal(added.headers.get("location"), `${BASE}/app/clients/${client.id}?saved=note#notes`);
  const hub = await text(get(t, `/app/clients/${client.id}?saved=note`, owner));
  assert.match(hub, /Note added\./);
  assert.match(hub, /Loves the Neve\./);
  assert.match(hub, /ana@example\.com, /, "attributed");

  const refused = await post(t, `/app/clients/${client.id}/notes`, new URLSearchParams({ body: " " }), owner);
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /id="field-body-error"[^>]*>Write the note first\./);
});

Deno.test("archiving hides a client from the list until restored", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const client = await inDb((db) => createClient(db, { kind: "person", name: "Nina Archive" }, ACTING));
  const archived = await post(
    t,
    `/app/clients/${client.id}/archive`,
    new URLSearchParams({ archived: "1" }),
    owner,
  );
  assert.equal(archived.headers.get("location"), `${BASE}/app/clients/${client.id}?saved=archived`);
  assert.doesNotMatch(await text(get(t, "/app/clients?q=archive", owner)), /Nina Archive<\/a>/);
  assert.match(await text(get(t, "/app/clients?q=archive&show=archived", owner)), /Nina Archive<\/a>/);
  const hub = await text(get(t, `/app/clients/${client.id}`, owner));
  assert.match(hub, /Archived on /);
  await post(t, `/app/clients/${client.id}/archive`, new URLSearchParams({ archived: "0" }), owner);
  assert.match(await text(get(t, "/app/clients?q=archive", owner)), /Nina Archive<\/a>/);
  const bad = await post(
    t,
    `/app/clients/${client.id}/archive`,
    new URLSearchParams({ archived: "yes" }),
    owner,
  );
  assert.equal(bad.status, 422);
});

Deno.test("the hub lists the client's bookings with room, times in the studio's zone and status", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const client = await inDb((db) => createClient(db, { kind: "band", name: "The Tides" }, ACTING));
  await inDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const id = newId("bk");
    await db.insert(bookings).values({
      id,
      clientId: client.id,
      roomId: room.id,
      title: "Album",
      status: "confirmed",
    });
    const start = new Date(Date.now() + 86_400_000);
    const end = new Date(start.getTime() + 3 * 3_600_000);
    await db.insert(bookingBlocks).values({
      id: newId("blk"),
      bookingId: id,
      roomId: room.id,
      startsAt: start,
      endsAt: end,
      blockedFrom: start,
      blockedUntil: end,
    });
  });
  const hub = await text(get(t, `/app/clients/${client.id}`, owner));
  assert.match(hub, /1 booking in all/);
  assert.match(hub, /href="\/s\/north\/app\/sessions\/bk_[^"]+"[^>]*>Album<\/a>/);
  assert.match(hub, /Studio A/);
  assert.match(hub, /Confirmed/);
  assert.match(hub, /No past bookings\./);
});

Deno.test("engineers read clients but cannot change them; the actions are not offered", async () => {
  const { t, engineer, inDb } = await setup();
  await using _ = t;
  const client = await inDb((db) => createClient(db, { kind: "person", name: "Nina" }, ACTING));
  const list = await text(get(t, "/app/clients", engineer));
  assert.match(list, /Nina<\/a>/);
  assert.doesNotMatch(list, /\/app\/clients\/new/);
  assert.doesNotMatch(list, /\/app\/clients\/import/);
  const hub = await text(get(t, `/app/clients/${client.id}`, engineer));
  assert.doesNotMatch(hub, /\/edit"/);
  assert.doesNotMatch(hub, /name="body"/, "no note form");
  assert.equal((await post(t, "/app/clients/new", LABEL_FORM, engineer)).status, 403);
  assert.equal((await get(t, `/app/clients/${client.id}/edit`, engineer)).status, 403);
  assert.equal((await get(t, "/app/clients/cli_missing", engineer)).status, 404);
});

function csvUpload(csv: string): FormData {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", new File([csv], "clients.csv", { type: "text/csv" }));
  return form;
}

Deno.test("an import previews every row, refuses while rows have problems, and imports the rest when asked", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const csv =
    "\uFEFFname;email;kind\r\nThe Tides;tides@example.com;band\r\n;nobody@example.com;\r\nNina;bad-email;\r\n";
  const previewed = await post(t, "/app/clients/import", csvUpload(csv), owner);
  assert.equal(previewed.status, 200);
  const preview = await previewed.text();
  assert.match(preview, /1 row is ready to import\./);
  assert.match(preview, /2 rows have problems and will not be imported\./);
  assert.match(preview, /name: Give the client&#39;s name\.|name: Give the client's name\./);
  assert.match(preview, /email: Enter an e-mail address/);
  const hidden = tagsOf(preview, "input").find((i) => i.name === "csv")!;
  assert.ok(hidden.value);

  const confirm = (skip: boolean) => {
    const form = new FormData();
    form.set("intent", "confirm");
    form.set("csv", hidden.value);
    if (skip) form.set("skipInvalid", "1");
    return post(t, "/app/clients/import", form, owner);
  };
  const refused = await confirm(false);
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Some rows have problems/);
  assert.equal((await inDb((db) => searchClients(db))).total, 0, "nothing imported");

  const done = await confirm(true);
  assert.equal(done.status, 303);
  assert.equal(done.headers.get("location"), `${BASE}/app/clients?imported=1&skipped=2`);
  assert.match(
    await text(get(t, "/app/clients?imported=1&skipped=2", owner)),
    /1 client imported; 2 rows with problems were left out\./,
  );
  assert.equal((await inDb((db) => searchClients(db, { q: "tides" }))).total, 1);
});

Deno.test("an upload that is not a usable CSV is explained beside the file field", async () => {
  const { t, owner } = await setup();
  await using _ = t;
  const noName = await post(t, "/app/clients/import", csvUpload("email\nx@example.com\n"), owner);
  assert.equal(noName.status, 422);
  assert.match(await noName.text(), /id="field-file-error"[^>]*>No column holds the name/);
  const xlsx = new FormData();
  xlsx.set("intent", "preview");
  xlsx.set("file", new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])], "clients.xlsx"));
  assert.match(await text(post(t, "/app/clients/import", xlsx, owner)), /The file is not CSV text/);
  const none = new FormData();
  none.set("intent", "preview");
  assert.match(await text(post(t, "/app/clients/import", none, owner)), /Choose a CSV file to upload\./);
});

Deno.test("exports carry the list's search and download as CSV and vCard", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  await inDb(async (db) => {
    await createClient(
      db,
      { kind: "company", name: "Blue Note Records", contacts: [{ name: "Maria" }] },
      ACTING,
    );
    await createClient(db, { kind: "person", name: "Élodie Martin" }, ACTING);
  });
  const list = await text(get(t, "/app/clients?q=blue", owner));
  assert.match(list, /href="\/s\/north\/app\/clients\/export\.csv\?q=blue"/);

  const csv = await get(t, "/app/clients/export.csv?q=blue", owner);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(
    csv.headers.get("content-disposition")!,
    /^attachment; filename="clients-north-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const lines = (await csv.text()).trimEnd().split("\r\n");
  assert.equal(lines.length, 2);
  assert.ok(lines[1].startsWith("company,Blue Note Records,"));

  const all = await text(get(t, "/app/clients/export.vcf", owner));
  assert.equal(all.match(/BEGIN:VCARD/g)?.length, 3, "two clients and one contact");
  assert.match(all, /FN:Élodie Martin/);

  const [blue] = (await inDb((db) => searchClients(db, { q: "blue" }))).items;
  const one = await get(t, `/app/clients/${blue.id}/vcard`, owner);
  assert.equal(one.headers.get("content-type"), "text/vcard; charset=utf-8");
  assert.match(one.headers.get("content-disposition")!, /filename="Blue-Note-Records\.vcf"/);
  assert.match(await one.text(), /ORG:Blue Note Records/);
});

Deno.test("the list pages through clients in name order with links that keep the search", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  await inDb(async (db) => {
    for (let i = 1; i <= 55; i++) {
      await createClient(db, { kind: "person", name: `Singer ${String(i).padStart(2, "0")}` }, ACTING);
    }
  });
  const first = await text(get(t, "/app/clients?q=singer", owner));
  assert.match(first, /55 clients match “singer”/);
  assert.match(first, /Page 1 of 2/);
  assert.match(first, /href="\/s\/north\/app\/clients\?q=singer&amp;page=2" rel="next"/);
  const second = await text(get(t, "/app/clients?q=singer&page=2", owner));
  assert.match(second, /Singer 51/);
  assert.doesNotMatch(second, /Singer 50</);
  assert.match(second, /rel="prev"/);
});
