import assert from "node:assert/strict";
import {
  auditCreatedBookings,
  type CreatedBooking,
  SLOT_LENGTH_MS,
  slotOf,
  type SlotPlan,
} from "./booking_load.ts";

const plan: SlotPlan = {
  roomIds: ["room_01", "room_02", "room_03"],
  engineerIds: ["eng_01"],
  from: new Date("2027-12-01T00:00:00Z"),
};
/** The seed's largest buffers: 30 min before and after a session. */
const BUFFER_MS = 30 * 60_000;

Deno.test("the benchmark's slots never overlap in a room, buffers included, and engineers stay in their room", () => {
  const slots = Array.from({ length: 300 }, (_, n) => slotOf(plan, n));
  for (const room of plan.roomIds) {
    const inRoom = slots.filter((s) => s.roomId === room).sort((a, b) =>
      a.start.getTime() - b.start.getTime()
    );
    assert.equal(inRoom.length, 100);
    for (let i = 1; i < inRoom.length; i++) {
      assert.ok(inRoom[i - 1].end.getTime() + BUFFER_MS <= inRoom[i].start.getTime() - BUFFER_MS);
    }
  }
  assert.ok(slots.every((s) => s.end.getTime() - s.start.getTime() === SLOT_LENGTH_MS));
  assert.ok(
    slots.every((s) => s.roomId === "room_01" ? s.engineerIds[0] === "eng_01" : s.engineerIds.length === 0),
  );
});

Deno.test("the audit tells lost, unconfirmed and duplicated bookings apart", async () => {
  const at = "2027-12-01T00:00:00.000Z";
  const created: CreatedBooking[] = [
    { id: "bkg_a", roomId: "room_01", start: at },
    { id: "bkg_b", roomId: "room_02", start: at },
    { id: "bkg_b", roomId: "room_02", start: at },
    { id: "bkg_lost", roomId: "room_03", start: at },
  ];
  const rows = [
    { id: "bkg_a", room_id: "room_01", starts_at: new Date(at) },
    { id: "bkg_b", room_id: "room_02", starts_at: new Date(at) },
    { id: "bkg_ghost", room_id: "room_01", starts_at: new Date(at) },
  ];
  const query = <T>(text: string) =>
    Promise.resolve((text.includes("audit_log") ? [{ missing: 1 }] : rows) as T[]);
  assert.deepEqual(await auditCreatedBookings(query, created), {
    rows: 3,
    lost: 1,
    unconfirmed: 1,
    duplicateAnswers: 1,
    duplicateSlots: 1,
    missingAuditEntries: 1,
  });
});
