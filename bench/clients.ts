// Client search benchmark (target: over 20,000 clients, median ≤ 20 ms). Seeds one studio with
// 20,000 clients (a third with contacts) through the import's write path, on a real Postgres server
// when one can be started (Debian's postgresql package, as bench/tenancy.ts), else on PGlite; then
// times searchClients() — the list page's whole query, count included — over many queries made from
// parts of the seeded names and e-mails. Prints a Markdown report (with --json, one JSON object).
//   deno run -A bench/clients.ts [--clients 20000] [--queries 400] [--driver postgres|pglite] [--json]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { insertClients } from "../lib/clients/clients.ts";
import type { ClientData } from "../lib/clients/client_input.ts";
import { matchingClientIds, searchClients, searchTerms } from "../lib/clients/search.ts";
import { rowsOf } from "../lib/tenancy/migrations.ts";
import { provisionStudio } from "../lib/tenancy/provision.ts";
import type { Tenancy } from "../lib/tenancy/tenancy.ts";
import type { TenantDb } from "../lib/tenancy/tenant_db.ts";
import { median, percentile, progress, round } from "./tenancy/measure.ts";
import { benchStudio } from "./tenancy/setup.ts";
import { onStudioDriver } from "./tenancy/studio_run.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "20000" },
    queries: { type: "string", default: "400" },
    driver: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const CLIENTS = Number(values.clients);
const QUERIES = Number(values.queries);
const TARGET_MS = 20;

/** A small seeded generator (mulberry32), so every run searches the same studio. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(6);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const FIRST = [
  "Ana",
  "Ben",
  "Chloé",
  "Dev",
  "Emma",
  "Finn",
  "Gala",
  "Hugo",
  "Iris",
  "Jon",
  "Kemi",
  "Lena",
  "Marco",
  "Nina",
  "Omar",
  "Priya",
  "Quentin",
  "Rosa",
  "Sami",
  "Tess",
  "Uma",
  "Viktor",
  "Wen",
  "Yara",
  "Zoé",
  "Élodie",
  "Björn",
];
const LAST = [
  "Lopez",
  "Martin",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quinn",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Weber",
  "Kowalski",
  "Dubois",
  "Silva",
  "Novak",
  "Jensen",
  "Moreau",
  "García",
  "Müller",
  "O'Brien",
  "Haddad",
  "Kim",
  "Nguyen",
  "Fischer",
  "Costa",
  "Larsen",
  "Ivanova",
  "Bianchi",
  "Fontaine",
  "Andersen",
  "Yilmaz",
];
const WORDS = [
  "Velvet",
  "Echo",
  "Midnight",
  "Copper",
  "Lunar",
  "Static",
  "Golden",
  "Paper",
  "Neon",
  "Silent",
  "Wild",
  "Crystal",
  "Electric",
  "Hollow",
  "Iron",
  "Violet",
  "Salt",
  "Amber",
  "Glass",
  "Northern",
];
const NOUNS = [
  "Tides",
  "Foxes",
  "Engines",
  "Saints",
  "Rivers",
  "Ghosts",
  "Pilots",
  "Lights",
  "Wolves",
  "Machines",
];
const COMPANY = ["Records", "Music", "Management", "Publishing", "Sound", "Label", "Artists"];
const ROLES = ["manager", "A&R", "accountant", "band member", "booking agent", "producer"];

const slug = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, ".");

/** Client `n`: a person, a band or a company with a realistic name, e-mails and sometimes contacts. */
function client(n: number): ClientData {
  const kind = rand() < 0.6 ? "person" : rand() < 0.6 ? "band" : "company";
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const name = kind === "person"
    ? person()
    : kind === "band"
    ? `The ${pick(WORDS)} ${pick(NOUNS)}`
    : `${pick(WORDS)} ${pick(LAST)} ${pick(COMPANY)}`;
  const domain = kind === "person"
    ? pick(["gmail.example", "proton.example", "mail.example"])
    : `${slug(name)}.example`;
  const contacts = kind === "person" && rand() < 0.8
    ? []
    : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const contactName = person();
      return { name: contactName, role: pick(ROLES), email: `${slug(contactName)}@${domain}`, phone: null };
    });
  return {
    kind,
    name,
    artistName: kind === "person" && rand() < 0.3 ? `${pick(WORDS)} ${pick(NOUNS).slice(0, -1)}` : null,
    email: `${slug(name)}${n}@${domain}`,
    phone: `+33 6 ${String(n).padStart(8, "0").replace(/(\d\d)(?=\d)/g, "$1 ")}`,
    extraEmails: rand() < 0.1 ? [`booking${n}@${domain}`] : [],
    extraPhones: [],
    addressLine1: null,
    addressLine2: null,
    postalCode: null,
    city: pick(["Paris", "Lyon", "Berlin", "London", "Lisbon", "Montréal"]),
    region: null,
    country: null,
    taxId: null,
    locale: null,
    currency: null,
    tags: rand() < 0.3 ? [pick(["vip", "label", "rock", "jazz", "podcast"])] : [],
    contacts,
  };
}

/** A query as staff type one: part of a name, an e-mail or a contact, one or two words, some missing. */
function queries(seeded: ClientData[]): { kind: string; q: string }[] {
  const part = (text: string, min = 3, max = 7) => {
    const length = min + Math.floor(rand() * (max - min + 1));
    const start = Math.floor(rand() * Math.max(1, text.length - length));
    return text.slice(start, start + length).trim();
  };
  const makers: [string, () => string][] = [
    ["name part", () => part(pick(seeded).name)],
    ["name prefix", () => pick(seeded).name.split(" ").at(-1)!.slice(0, 4)],
    ["two words", () => pick(seeded).name.split(" ").slice(-2).map((w) => w.slice(0, 4)).join(" ")],
    ["e-mail part", () => part(pick(seeded).email!, 5, 10)],
    ["contact", () => pick(seeded.flatMap((c) => c.contacts)).name.split(" ")[1].slice(0, 5)],
    ["no match", () => `zq${Math.floor(rand() * 1e6)}x`],
  ];
  return Array.from({ length: QUERIES }, (_, i) => {
    const [kind, make] = makers[i % makers.length];
    return { kind, q: make() };
  }).filter((query) => searchTerms(query.q).length > 0);
}

async function timeSearch(db: TenantDb, q: string, page = 1): Promise<{ ms: number; total: number }> {
  const started = performance.now();
  const result = await searchClients(db, { q, page });
  return { ms: performance.now() - started, total: result.total };
}

async function run(tenancy: Tenancy, driver: string) {
  const tenant = await provisionStudio(tenancy, benchStudio(1, "clients"));
  return await tenancy.pool.use(tenant.database, async (db) => {
    const seeded = Array.from({ length: CLIENTS }, (_, n) => client(n));
    const seedStart = performance.now();
    for (let start = 0; start < seeded.length; start += 2000) {
      await db.transaction((tx) =>
        insertClients(tx, seeded.slice(start, start + 2000).map((data) => ({ data })), {
          actor: { type: "system" },
        }, "client.imported")
      );
      progress(`seeded ${Math.min(start + 2000, seeded.length)} of ${seeded.length} clients`);
    }
    const seedMs = performance.now() - seedStart;
    await db.execute(sql`ANALYZE`);
    const contacts = seeded.reduce((sum, c) => sum + c.contacts.length, 0);

    const mix = queries(seeded);
    for (const { q } of mix.slice(0, 20)) await timeSearch(db, q); // warm caches and plans
    const runs: { kind: string; q: string; ms: number; total: number }[] = [];
    for (const query of mix) runs.push({ ...query, ...(await timeSearch(db, query.q)) });
    const byKind = Object.entries(Object.groupBy(runs, (r) => r.kind)).map(([kind, rs]) => ({
      kind,
      queries: rs!.length,
      medianMs: round(median(rs!.map((r) => r.ms)), 2),
      p95Ms: round(percentile(rs!.map((r) => r.ms), 95), 2),
      medianMatches: median(rs!.map((r) => r.total)),
    }));
    const all = runs.map((r) => r.ms);

    const list: number[] = [];
    const short: number[] = [];
    for (let i = 0; i < 30; i++) {
      list.push((await timeSearch(db, "", 1 + (i % 5) * 50)).ms);
      short.push((await timeSearch(db, pick(["a", "ma", "el", "o", "ti"]))).ms);
    }
    const sample = mix.find((r) => r.kind === "name part")!.q;
    const plan = rowsOf<{ "QUERY PLAN": string }>(
      await db.execute(sql`EXPLAIN ANALYZE ${matchingClientIds(db, searchTerms(sample))}`),
    ).map((r) => r["QUERY PLAN"]);
    return {
      driver,
      clients: CLIENTS,
      contacts,
      seedSeconds: round(seedMs / 1000, 1),
      queries: runs.length,
      medianMs: round(median(all), 2),
      p95Ms: round(percentile(all, 95), 2),
      maxMs: round(Math.max(...all), 2),
      byKind,
      listPageMedianMs: round(median(list), 2),
      shortQueryMedianMs: round(median(short), 2),
      target: { medianMs: TARGET_MS, met: median(all) <= TARGET_MS },
      plan: { query: sample, lines: plan },
    };
  });
}

const figures = await onStudioDriver("clients", values.driver, run);

if (values.json) console.log(JSON.stringify(figures));
else {
  const f = figures;
  console.log(
    `## Client search (${f.driver}, ${f.clients.toLocaleString("en")} clients, ${
      f.contacts.toLocaleString("en")
    } contacts)

Target: median ≤ ${TARGET_MS} ms — **${
      f.target.met ? "met" : "missed"
    }**: median ${f.medianMs} ms, p95 ${f.p95Ms} ms, max ${f.maxMs} ms over ${f.queries} searches (the list page's query: matching ids, count, page of 50, matched contacts).

| query | searches | median ms | p95 ms | median matches |
| ----- | -------: | --------: | -----: | -------------: |
${
      f.byKind.map((k) => `| ${k.kind} | ${k.queries} | ${k.medianMs} | ${k.p95Ms} | ${k.medianMatches} |`)
        .join("\n")
    }

Without a query (name order, pages 1–201): median ${f.listPageMedianMs} ms. One or two letters (no trigram to use): median ${f.shortQueryMedianMs} ms.
Seeding through insertClients (audit rows included): ${f.seedSeconds} s.

Plan of the matching query for "${f.plan.query}":

\`\`\`
${f.plan.lines.join("\n")}
\`\`\``,
  );
}
