/**
 * The availability engine under load: free 60-minute slots on a 15-minute grid for one room over
 * 31 days holding 2,000 existing bookings, across the spring-forward change in Paris.
 * Target: ≤ 10 ms per query. Run with `deno bench -A bench/availability_bench.ts`.
 */
import { Temporal } from "temporal-polyfill";
import {
  availableSlots,
  type BookableResource,
  type BusyRange,
  type SlotQuery,
  whyUnavailable,
} from "../lib/scheduling/availability.ts";

const ZONE = "Europe/Paris";
const MINUTE = 60_000;
const from = Temporal.PlainDateTime.from("2026-03-15T00:00").toZonedDateTime(ZONE).epochMilliseconds;
const to = Temporal.PlainDateTime.from("2026-04-15T00:00").toZonedDateTime(ZONE).epochMilliseconds;

// A fixed pseudo-random sequence (mulberry32), so every run measures the same calendar.
let seed = 20260329;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// 2,000 bookings are 64 a day, far beyond one real room: most are 5–10-minute entries packed
// together, and one in ten is followed by a 1–3-hour gap where sessions can fit. They are handed
// over in database order (not by start), so the engine pays for its own sort.
const busy: BusyRange[] = [];
for (let start = from, i = 0; i < 2000; i++) {
  start += Math.round(random() < 0.1 ? 60 + random() * 140 : random() * 4) * MINUTE;
  const end = start + (5 + Math.floor(random() * 6)) * MINUTE;
  busy.push({ id: `b${i}`, start, end });
  start = end;
}
busy.sort(() => random() - 0.5);

const room: BookableResource = {
  id: "room-a",
  timeZone: ZONE,
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "09:00", close: "03:00" })),
  closedDates: [{ from: "2026-04-05", to: "2026-04-06" }],
  closures: [{ start: from + 3 * 86_400_000, end: from + 3 * 86_400_000 + 4 * 60 * MINUTE }],
  busy,
  setupMinutes: 15,
  teardownMinutes: 15,
};
const engineer: BookableResource = {
  id: "engineer-sam",
  timeZone: "Europe/London",
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "10:00", close: "22:00" })),
  busy: busy.filter((_, i) => i % 3 === 0),
};
const query: SlotQuery = {
  resources: [room],
  now: from - 86_400_000,
  from,
  to,
  durationMinutes: 60,
  stepMinutes: 15,
  minimumNoticeMinutes: 120,
  horizonDays: 60,
};

const found = availableSlots(query).length;
if (found < 100) throw new Error(`expected a realistic number of free slots, found ${found}`);

Deno.bench(
  "availableSlots: one room, 31 days, 2,000 bookings, 60 min every 15 min",
  { baseline: true },
  () => {
    availableSlots(query);
  },
);

Deno.bench("availableSlots: the same room with an engineer", () => {
  availableSlots({ ...query, resources: [room, engineer] });
});

Deno.bench("whyUnavailable: one proposed session against the same room", () => {
  whyUnavailable(query, { start: from + 10 * 86_400_000, end: from + 10 * 86_400_000 + 60 * MINUTE });
});
