// Invoice list benchmark (target: 50,000 invoices, filtered and paginated on the server, median ≤ 50 ms).
// Seeds one studio with 2,000 clients and 50,000 invoices in a realistic mix of statuses (drafts,
// issued, partly paid, paid, overdue, credited) on a real Postgres server when one can be started,
// else on PGlite; then times listDocuments() — the invoice list page's one query — for the filters
// staff use, and keyset paging deep into the list. Prints Markdown (with --json, one JSON object).
//   deno run -A bench/billing.ts [--invoices 50000] [--runs 40] [--driver postgres|pglite] [--json]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type DocumentListQuery, listDocuments } from "../lib/billing/document_list.ts";
import { rowsOf } from "../lib/tenancy/migrations.ts";
import { provisionStudio } from "../lib/tenancy/provision.ts";
import type { Tenancy } from "../lib/tenancy/tenancy.ts";
import type { TenantDb } from "../lib/tenancy/tenant_db.ts";
import { median, percentile, progress, round } from "./tenancy/measure.ts";
import { benchStudio } from "./tenancy/setup.ts";
import { type BenchDriver, onStudioDriver } from "./tenancy/studio_run.ts";

const { values } = parseArgs({
  options: {
    invoices: { type: "string", default: "50000" },
    runs: { type: "string", default: "40" },
    driver: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const INVOICES = Number(values.invoices);
const RUNS = Number(values.runs);
const CLIENTS = 2000;
const TARGET_MS = 50;
const TODAY = "2026-11-24";
const FIRST = ["Nova", "Blue", "Echo", "Sonic", "Velvet", "Atlas"];
const SECOND = ["Records", "Music", "Sound", "Label", "Artists"];
/** Client g's name, as the seed's SQL writes it. */
const clientName = (g: number) => `${FIRST[g % 6]} ${SECOND[g % 5]} ${g}`;

/**
 * Clients and invoices in bulk, straight in SQL (the issuing path is measured elsewhere): invoice n
 * is issued n/50 days before today, numbered per year, for client n mod 2000, in a status mix.
 */
async function seed(db: TenantDb) {
  await db.execute(sql`
    INSERT INTO clients (id, kind, name, email)
    SELECT 'cli_' || lpad(g::text, 6, '0'), 'company',
      (${sql.raw(`ARRAY['${FIRST.join("', '")}']`)})[1 + g % 6] || ' ' ||
      (${sql.raw(`ARRAY['${SECOND.join("', '")}']`)})[1 + g % 5] || ' ' || g,
      'billing' || g || '@example.com'
    FROM generate_series(1, ${CLIENTS}) g`);
  for (let start = 1; start <= INVOICES; start += 10_000) {
    const end = Math.min(start + 9_999, INVOICES);
    await db.execute(sql`
      INSERT INTO billing_documents (id, kind, status, number, sequence, period, client_id, currency,
        base_currency, exchange_rate, rounding_mode, prices_include_tax, issue_date, due_date,
        net_total, tax_total, total, total_in_base, amount_paid, amount_credited, created_at, issued_at)
      SELECT 'inv_' || lpad(g::text, 7, '0'), 'invoice', s.status,
        CASE WHEN s.status = 'draft' THEN NULL ELSE 'INV-' || extract(year FROM d.day) || '-' || lpad(g::text, 5, '0') END,
        CASE WHEN s.status = 'draft' THEN NULL ELSE g END,
        CASE WHEN s.status = 'draft' THEN NULL ELSE extract(year FROM d.day)::int END,
        'cli_' || lpad((1 + g % ${CLIENTS})::text, 6, '0'), 'EUR', 'EUR', '1', 'per_line', false,
        CASE WHEN s.status = 'draft' THEN NULL ELSE d.day END,
        CASE WHEN s.status = 'draft' THEN NULL ELSE d.day + 30 END,
        a.net, a.net / 5, a.net + a.net / 5, a.net + a.net / 5,
        CASE s.status WHEN 'paid' THEN a.net + a.net / 5 WHEN 'partially_paid' THEN a.net / 2 ELSE 0 END,
        CASE s.status WHEN 'credited' THEN a.net + a.net / 5 ELSE 0 END,
        d.day::timestamptz + interval '10 hours', d.day::timestamptz + interval '10 hours'
      FROM generate_series(${start}::int, ${end}::int) g
      CROSS JOIN LATERAL (SELECT ${TODAY}::date - ((${INVOICES} - g) / 50) AS day) d
      CROSS JOIN LATERAL (SELECT 10000 + (g * 7919) % 500000 AS net) a
      CROSS JOIN LATERAL (SELECT CASE
        WHEN g % 50 = 0 THEN 'draft' WHEN g % 40 = 1 THEN 'credited' WHEN g % 7 = 2 THEN 'partially_paid'
        WHEN d.day > ${TODAY}::date - 60 THEN 'issued' ELSE 'paid' END AS status) s`);
    progress(`seeded ${end} of ${INVOICES} invoices`);
  }
  await db.execute(sql`ANALYZE`);
}

async function timeList(db: TenantDb, query: DocumentListQuery, pages = 1) {
  const started = performance.now();
  let page = await listDocuments(db, query);
  let rows = page.rows.length;
  for (let i = 1; i < pages && page.next; i++) {
    page = await listDocuments(db, { ...query, after: page.next });
    rows += page.rows.length;
  }
  return { ms: (performance.now() - started) / pages, rows };
}

async function run(tenancy: Tenancy, driver: BenchDriver) {
  const tenant = await provisionStudio(tenancy, benchStudio(1, "billing"));
  return await tenancy.pool.use(tenant.database, async (db) => {
    const seedStart = performance.now();
    await seed(db);
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
    const cases: { label: string; query: (i: number) => DocumentListQuery; pages?: number }[] = [
      { label: "first page, all invoices", query: () => ({ kind: ["invoice", "deposit_invoice"] }) },
      { label: "status: paid", query: () => ({ kind: "invoice", status: "paid" }) },
      { label: "status: draft (2%)", query: () => ({ kind: "invoice", status: "draft" }) },
      { label: "overdue", query: () => ({ kind: "invoice", overdue: { today: TODAY } }) },
      {
        label: "one client",
        query: (i) => ({ kind: "invoice", clientId: `cli_${String(1 + i * 37 % CLIENTS).padStart(6, "0")}` }),
      },
      {
        label: "search: number part",
        query: (i) => ({ kind: "invoice", q: String(10_000 + i * 97).slice(0, 4) }),
      },
      {
        label: "search: client name",
        query: (i) => ({ kind: "invoice", q: clientName(1 + i * 37 % CLIENTS) }),
      },
      { label: "20 pages deep (per page)", query: () => ({ kind: "invoice" }), pages: 20 },
    ];
    const results = [];
    for (const c of cases) {
      for (let i = 0; i < 5; i++) await timeList(db, c.query(i), c.pages); // warm caches and plans
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeList(db, c.query(i), c.pages));
      const ms = runs.map((r) => r.ms);
      results.push({
        label: c.label,
        medianMs: round(median(ms), 2),
        p95Ms: round(percentile(ms, 95), 2),
        rows: median(runs.map((r) => r.rows)),
      });
      progress(`${c.label}: ${round(median(ms), 2)} ms`);
    }
    const all = results.map((r) => r.medianMs);
    const plan = rowsOf<{ "QUERY PLAN": string }>(
      await db.execute(sql`EXPLAIN ANALYZE SELECT id FROM billing_documents WHERE kind = 'invoice'
        AND status = 'paid' ORDER BY created_at DESC, id LIMIT 51`),
    ).map((r) => r["QUERY PLAN"]);
    return {
      driver,
      invoices: INVOICES,
      clients: CLIENTS,
      seedSeconds,
      results,
      worstMedianMs: Math.max(...all),
      target: { medianMs: TARGET_MS, met: Math.max(...all) <= TARGET_MS },
      plan,
    };
  });
}

const f = await onStudioDriver("billing", values.driver, run);
if (values.json) console.log(JSON.stringify(f));
else {
  console.log(
    `## Invoice list (${f.driver}, ${f.invoices.toLocaleString("en")} invoices, ${f.clients} clients)

Target: median ≤ ${TARGET_MS} ms for every filter — **${
      f.target.met ? "met" : "missed"
    }** (worst median ${f.worstMedianMs} ms; ${RUNS} runs each, page of 50, client names joined, next-page cursor).

| list | median ms | p95 ms | rows |
| ---- | --------: | -----: | ---: |
${f.results.map((r) => `| ${r.label} | ${r.medianMs} | ${r.p95Ms} | ${r.rows} |`).join("\n")}

Seeding in SQL: ${f.seedSeconds} s. Plan of the "status: paid" page:

\`\`\`
${f.plan.join("\n")}
\`\`\``,
  );
}
