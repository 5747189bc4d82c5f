import assert from "node:assert/strict";
import { bookingBlocks, bookings } from "../../db/schema/mod.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { clientBookings } from "./client_bookings.ts";
import { createClient } from "./clients.ts";

const at = (iso: string) => new Date(iso);

async function book(
  db: TenantDb,
  fields: { clientId: string; roomId: string; title: string; blocks: [string, string][] },
) {
  const id = newId("bk");
  await db.insert(bookings).values({
    id,
    clientId: fields.clientId,
    roomId: fields.roomId,
    title: fields.title,
    status: "confirmed",
  });
  await db.insert(bookingBlocks).values(fields.blocks.map(([start, end]) => ({
    id: newId("blk"),
    bookingId: id,
    roomId: fields.roomId,
    startsAt: at(start),
    endsAt: at(end),
    blockedFrom: at(start),
    blockedUntil: at(end),
  })));
  return id;
}

Deno.test("a client's bookings come with their room, first start and last end, split at now", async () => {
  await withStudioDb(async (db) => {
    const acting = { actor: { type: "system" as const } };
    const band = await createClient(db, { kind: "band", name: "The Tides" }, acting);
    const other = await createClient(db, { kind: "person", name: "Someone Else" }, acting);
    const roomA = await insertRoom(db, { name: "Studio A" });
    const roomB = await insertRoom(db, { name: "Studio B" });
    const past = await book(db, {
      clientId: band.id,
      roomId: roomA.id,
      title: "Demo",
      blocks: [["2026-01-05T09:00:00Z", "2026-01-05T12:00:00Z"]],
    });
    const spanning = await book(db, {
      clientId: band.id,
      roomId: roomB.id,
      title: "Album tracking",
      blocks: [["2026-03-01T09:00:00Z", "2026-03-01T17:00:00Z"], [
        "2026-03-03T09:00:00Z",
        "2026-03-03T17:00:00Z",
      ]],
    });
    const later = await book(db, {
      clientId: band.id,
      roomId: roomA.id,
      title: "Mixing",
      blocks: [["2026-04-01T09:00:00Z", "2026-04-01T13:00:00Z"]],
    });
    await book(db, {
      clientId: other.id,
      roomId: roomA.id,
      title: "Not theirs",
      blocks: [["2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z"]],
    });

    // Mid-way through the two-day booking: it is still upcoming until its last block ends.
    const list = await clientBookings(db, band.id, { now: at("2026-03-02T12:00:00Z") });
    assert.equal(list.total, 3);
    assert.deepEqual(list.upcoming.map((b) => b.id), [spanning, later]);
    assert.deepEqual(list.past.map((b) => b.id), [past]);
    assert.deepEqual(list.upcoming[0], {
      id: spanning,
      title: "Album tracking",
      status: "confirmed",
      roomName: "Studio B",
      startsAt: at("2026-03-01T09:00:00Z"),
      endsAt: at("2026-03-03T17:00:00Z"),
    });

    const limited = await clientBookings(db, band.id, { now: at("2027-01-01T00:00:00Z"), limit: 2 });
    assert.deepEqual(limited.past.map((b) => b.id), [later, spanning], "latest first, at most the limit");
    assert.equal(limited.total, 3);
  });
});
