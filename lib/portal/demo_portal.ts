/**
 * Portal data for the demo studio: two bookable offers, so a newcomer opening the portal can book.
 * The demo has no rooms or engineers of its own yet, so rooms and an engineer are made when it has
 * none; a studio with rooms gets offers on its first two active rooms and first active engineer.
 * Written once: a studio that already has an offer is left alone.
 */
import { and, asc, eq } from "drizzle-orm";
import { bookingOffers, engineers, rooms } from "../../db/schema/mod.ts";
import type { WeeklyInterval } from "../../db/schema/resources.ts";
import { recordAudit } from "../audit/audit.ts";
import { getIssuer } from "../billing/settings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const week = (days: number[], open: string, close: string): WeeklyInterval[] =>
  days.map((weekday) => ({ weekday, open, close }));

const DEMO_ROOMS = [
  {
    id: "room_demo_live",
    name: "Live Room A",
    kind: "live" as const,
    colour: "#6366f1",
    openingHours: week([1, 2, 3, 4, 5, 6], "09:00", "23:00"),
    hourlyRate: 9_000,
  },
  {
    id: "room_demo_mix",
    name: "Mix Room B",
    kind: "mixing" as const,
    colour: "#0ea5e9",
    openingHours: week([1, 2, 3, 4, 5], "10:00", "20:00"),
    hourlyRate: 6_000,
  },
];

const DEMO_ENGINEER = {
  id: "eng_demo_alex",
  name: "Alex Martin",
  email: "alex@demo.example",
  colour: "#f59e0b",
  workingHours: week([1, 2, 3, 4, 5, 6], "09:00", "23:00"),
  hourlyRate: 4_000,
};

/** Seeds the demo's offers (and rooms and an engineer when it has none); returns whether it wrote anything. */
export async function seedDemoPortal(db: TenantDb): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const [anyOffer] = await tx.select({ id: bookingOffers.id }).from(bookingOffers).limit(1);
    if (anyOffer) return false;
    let roomIds = (await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.active, true))
      .orderBy(asc(rooms.name)).limit(2)).map((r) => r.id);
    if (roomIds.length === 0) {
      await tx.insert(rooms).values(DEMO_ROOMS).onConflictDoNothing();
      roomIds = DEMO_ROOMS.map((r) => r.id);
    }
    let [engineer] = await tx.select({ id: engineers.id }).from(engineers)
      .where(and(eq(engineers.active, true))).orderBy(asc(engineers.name)).limit(1);
    if (!engineer) {
      await tx.insert(engineers).values(DEMO_ENGINEER).onConflictDoNothing();
      engineer = { id: DEMO_ENGINEER.id };
    }
    const { baseCurrency } = await getIssuer(tx);
    await tx.insert(bookingOffers).values([
      {
        id: "off_demo_vocal",
        name: "Vocal recording — 4 h with engineer",
        description: "Vocal booth and control room with an engineer; a rough mix to take home.",
        roomIds: [roomIds[0]],
        engineerId: engineer.id,
        durations: [{ minutes: 240, price: 40_000 }, { minutes: 480, price: 72_000 }],
        currency: baseCurrency,
        policy: DEFAULT_POLICY,
        position: 0,
      },
      {
        id: "off_demo_mix",
        name: "Mix session",
        description: "Bring your stems; we mix with you in the room.",
        roomIds: roomIds.toReversed(),
        engineerId: null,
        durations: [{ minutes: 120, price: 12_000 }, { minutes: 240, price: 22_000 }],
        currency: baseCurrency,
        policy: {
          ...DEFAULT_POLICY,
          deposit: { rule: "percent", percentBp: 5000, flatAmount: 0 },
          cancellation: [
            { minHoursBefore: 48, outcome: "full_refund" },
            { minHoursBefore: 0, outcome: "deposit_kept" },
          ],
        },
        requiresApproval: true,
        position: 1,
      },
    ]);
    await recordAudit(tx, { actor: { type: "system", label: "demo seed" }, action: "portal.demo_seeded" });
    return true;
  });
}
