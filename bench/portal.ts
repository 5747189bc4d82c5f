// The booking page's targets (issue 7), printed as Markdown (with --json, one JSON object):
// 1. Availability for a month: the free starts of an offer over a busy three-room group for a whole
//    month — the booking page's data — median server time ≤ 50 ms. Measured on a real Postgres server
//    when one can be started (Debian's postgresql), else on PGlite.
// 2. What a phone downloads: Chromium with mobile emulation (360×740, touch), a fresh cache per page,
//    opens the offer list, the month with its free times and the confirmation page; every response
//    is gzipped as the bytes that would cross the network: total ≤ 60 KB, JavaScript ≤ 20 KB (the
//    studio's logo excluded, as the issue says).
//   deno run -A bench/portal.ts [--iterations 200] [--driver postgres|pglite] [--json]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { launchBrowser } from "../e2e/browser.ts";
import { monthAvailability } from "../lib/portal/month_availability.ts";
import { addDays, localParts } from "../lib/scheduling/local_time.ts";
import { rowsOf } from "../lib/tenancy/migrations.ts";
import { provisionStudio } from "../lib/tenancy/provision.ts";
import { insertOffer, insertOpenRoom } from "../lib/testing/portal_fixtures.ts";
import { servedStudio } from "../lib/testing/served_studio.ts";
import { seedStudio } from "./scheduling/seed.ts";
import { median, percentile, progress, round } from "./tenancy/measure.ts";
import { benchStudio } from "./tenancy/setup.ts";
import { onStudioDriver } from "./tenancy/studio_run.ts";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "200" },
    driver: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const ITERATIONS = Number(values.iterations);
const ZONE = "Europe/Paris";
const TARGET = { monthMs: 50, totalKb: 60, jsKb: 20 };
const OPEN_DAILY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "09:00", close: "23:00" }));

interface MonthFigures {
  driver: string;
  bookings: number;
  blocks: number;
  months: { month: string; days: number; slots: number; medianMs: number; p95Ms: number }[];
}

/** The month query as the booking page makes it, over 3 rooms carrying 800 sessions in 180 days. */
async function measureMonth(): Promise<MonthFigures> {
  return await onStudioDriver("portal", values.driver, async (tenancy, driver) => {
    const tenant = await provisionStudio(tenancy, { ...benchStudio(1, "portal"), timezone: ZONE });
    return await tenancy.pool.use(tenant.database, async (db) => {
      const now = new Date();
      const today = localParts(now, ZONE).date;
      progress("seeding 3 rooms with 800 sessions over 180 days");
      const seeded = await seedStudio(db, {
        rooms: 3,
        bookings: 800,
        days: 180,
        firstDate: addDays(today, -60),
        zone: ZONE,
        engineers: 0,
        gear: 0,
        clients: 100,
        now,
      });
      await db.execute(sql`UPDATE rooms SET opening_hours = ${JSON.stringify(OPEN_DAILY)}::jsonb`);
      const offer = await insertOffer(db, { roomIds: seeded.roomIds });
      const [{ blocks }] = rowsOf<{ blocks: number }>(
        await db.execute(sql`SELECT count(*)::int AS blocks FROM booking_blocks`),
      );
      const query = { minutes: 240, now, timeZone: ZONE, minNoticeHours: 24, horizonDays: 60 };
      const nextMonth = addDays(`${today.slice(0, 7)}-01`, 31).slice(0, 7);
      const months: MonthFigures["months"] = [];
      for (const month of [today.slice(0, 7), nextMonth]) {
        const result = await monthAvailability(db, offer, { ...query, month });
        for (let i = 0; i < 10; i++) await monthAvailability(db, offer, { ...query, month });
        const times: number[] = [];
        for (let i = 0; i < ITERATIONS; i++) {
          const started = performance.now();
          await monthAvailability(db, offer, { ...query, month });
          times.push(performance.now() - started);
        }
        months.push({
          month,
          days: result.days.filter((d) => d.slots.length > 0).length,
          slots: result.days.reduce((sum, d) => sum + d.slots.length, 0),
          medianMs: round(median(times), 2),
          p95Ms: round(percentile(times, 95), 2),
        });
        progress(`month ${month}: median ${months.at(-1)!.medianMs} ms`);
      }
      return { driver, bookings: seeded.bookings, blocks, months };
    });
  });
}

type Kind = "html" | "css" | "js" | "font" | "other";
interface PageTransfer {
  page: string;
  requests: number;
  gzipBytes: Record<Kind, number>;
  totalBytes: number;
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const kindOf = (resourceType: string): Kind =>
  resourceType === "document"
    ? "html"
    : resourceType === "stylesheet"
    ? "css"
    : resourceType === "script"
    ? "js"
    : resourceType === "font"
    ? "font"
    : "other";

/** Each booking page opened cold on an emulated phone; every response body gzipped and summed by kind. */
async function measureTransfer(): Promise<PageTransfer[]> {
  await using served = await servedStudio();
  const offer = await served.t.tenancy.pool.use(served.tenant.database, async (db) => {
    const rooms = [await insertOpenRoom(db, "Live room"), await insertOpenRoom(db, "Booth")];
    return await insertOffer(db, {
      roomIds: rooms.map((r) => r.id),
      durations: [{ minutes: 120, price: 20_000 }, { minutes: 240, price: 40_000 }, {
        minutes: 480,
        price: 72_000,
      }],
    });
  });
  const browser = await launchBrowser();
  try {
    const open = async (
      name: string,
      url: string,
      next?: (page: import("playwright-core").Page) => Promise<void>,
    ) => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        hasTouch: true,
        isMobile: true,
      });
      const page = await context.newPage();
      const bodies: Promise<{ kind: Kind; bytes: number }>[] = [];
      page.on("response", (res) => {
        if (new URL(res.url()).pathname.endsWith("/portal/logo")) return;
        bodies.push(
          res.body().then(async (body) => ({
            kind: kindOf(res.request().resourceType()),
            bytes: await gzipSize(body),
          }))
            .catch(() => ({ kind: "other" as Kind, bytes: 0 })),
        );
      });
      await page.goto(url, { waitUntil: "networkidle" });
      if (next) await next(page);
      const measured = await Promise.all(bodies);
      await context.close();
      const gzipBytes: Record<Kind, number> = { html: 0, css: 0, js: 0, font: 0, other: 0 };
      for (const { kind, bytes } of measured) gzipBytes[kind] += bytes;
      return {
        page: name,
        requests: measured.length,
        gzipBytes,
        totalBytes: Object.values(gzipBytes).reduce((a, b) => a + b, 0),
      };
    };
    const book = `${served.studio}/portal/book`;
    const results = [
      await open("offer list `/portal/book`", book),
      await open("month and free times `/portal/book/<offer>`", `${book}/${offer.id}`),
    ];
    // The confirmation page of the first free time, reached as the client reaches it.
    const month = await (await fetch(`${book}/${offer.id}`)).text();
    const confirm = month.match(/href="([^"]*\/confirm\?[^"]*)"/)![1].replaceAll("&amp;", "&");
    results.push(await open("confirmation `/portal/book/<offer>/confirm`", `${served.origin}${confirm}`));
    return results;
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => round(bytes / 1024, 1);
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

const month = await measureMonth();
progress("measuring what a phone downloads");
const transfer = await measureTransfer();

if (values.json) {
  console.log(JSON.stringify({ month, transfer, target: TARGET }));
} else {
  const worst = Math.max(...month.months.map((m) => m.medianMs));
  console.log(`### Month of availability (${month.driver}; ${ITERATIONS} queries per month)\n`);
  console.log(
    `3-room group, ${month.bookings} sessions (${month.blocks} blocks) over 180 days, offer of 4 h, ` +
      `starts every hour, open 09:00–23:00 ${ZONE}.\n`,
  );
  console.log("| month | days with free times | free starts | median ms | p95 ms | target |");
  console.log("|---|---|---|---|---|---|");
  for (const m of month.months) {
    console.log(
      `| ${m.month} | ${m.days} | ${m.slots} | ${m.medianMs} | ${m.p95Ms} | ≤ ${TARGET.monthMs} ms: ${
        verdict(m.medianMs <= TARGET.monthMs)
      } |`,
    );
  }
  console.log(`\nWorst median: ${worst} ms.\n`);
  console.log("### What a phone downloads (gzip, cold cache, logo excluded)\n");
  console.log("| page | requests | HTML KB | CSS KB | JS KB | fonts KB | other KB | total KB | target |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const p of transfer) {
    const ok = p.totalBytes <= TARGET.totalKb * 1024 && p.gzipBytes.js <= TARGET.jsKb * 1024;
    console.log(
      `| ${p.page} | ${p.requests} | ${kb(p.gzipBytes.html)} | ${kb(p.gzipBytes.css)} | ${
        kb(p.gzipBytes.js)
      } | ${kb(p.gzipBytes.font)} | ${kb(p.gzipBytes.other)} | ${
        kb(p.totalBytes)
      } | ≤ ${TARGET.totalKb} KB, JS ≤ ${TARGET.jsKb} KB: ${verdict(ok)} |`,
    );
  }
}
