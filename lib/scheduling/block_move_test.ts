import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { listAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { insertEngineer, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { parseInput } from "../validation.ts";
import {
  blockAt,
  blockMoveSchema,
  moveBlock,
  resolveBlockMove,
  STALE_SESSION,
  withBlockMoved,
} from "./block_move.ts";
import { getBooking } from "./booking_reads.ts";
import { createBooking } from "./bookings.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const options = { timeZone: "Europe/Paris", now: new Date("2026-03-01T08:00:00Z") };
const at = (iso: string) => new Date(iso);
const span = (start: string, end: string) => ({ start: at(start), end: at(end) });
const iso = (blocks: { start: Date; end: Date }[]) =>
  blocks.map((b) => `${b.start.toISOString()}/${b.end.toISOString()}`);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => assert.fail("expected a refusal"), (e) => e);
}

Deno.test("withBlockMoved replaces only the named block's span and keeps the blocks in start order", () => {
  const blocks = [
    { id: "blk_a", ...span("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z") },
    { id: "blk_b", ...span("2026-03-12T09:00:00Z", "2026-03-12T12:00:00Z") },
  ];
  const moved = withBlockMoved(blocks, "blk_b", span("2026-03-09T14:00:00Z", "2026-03-09T18:30:00Z"));
  assert.deepEqual(iso(moved), [
    "2026-03-09T14:00:00.000Z/2026-03-09T18:30:00.000Z",
    "2026-03-10T09:00:00.000Z/2026-03-10T12:00:00.000Z",
  ]);
  assert.equal(blocks[1].start.toISOString(), "2026-03-12T09:00:00.000Z", "the input is not changed");
});

Deno.test("withBlockMoved refuses a block the booking no longer has, naming blockId", () => {
  const blocks = [{ id: "blk_a", ...span("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z") }];
  assert.throws(
    () => withBlockMoved(blocks, "blk_gone", span("2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z")),
    (e) => e instanceof ValidationError && /no longer part/.test(e.fields.blockId),
  );
});

Deno.test("blockAt finds the block with exactly that span", () => {
  const blocks = [
    { id: "blk_a", ...span("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z") },
    { id: "blk_b", ...span("2026-03-10T13:00:00Z", "2026-03-10T15:00:00Z") },
  ];
  assert.equal(blockAt(blocks, span("2026-03-10T13:00:00Z", "2026-03-10T15:00:00Z"))?.id, "blk_b");
  assert.equal(blockAt(blocks, span("2026-03-10T13:00:00Z", "2026-03-10T15:15:00Z")), undefined);
});

Deno.test("a move is read from strings (a form or JSON) and refuses an end before its start or no version", () => {
  const move = parseInput(blockMoveSchema, {
    blockId: "blk_a",
    start: "2026-03-10T09:00:00Z",
    end: "2026-03-10T10:00:00Z",
    version: "3",
  });
  assert.equal(move.version, 3);
  assert.equal(move.start.toISOString(), "2026-03-10T09:00:00.000Z");
  assert.throws(
    () =>
      parseInput(blockMoveSchema, {
        blockId: "blk_a",
        start: "2026-03-10T09:00:00Z",
        end: "2026-03-10T09:00:00Z",
        version: 1,
      }),
    (e) => e instanceof ValidationError && e.fields.end === "The end must be after the start.",
  );
  assert.throws(
    () => parseInput(blockMoveSchema, { blockId: "", start: "soon", end: "later" }),
    (e) =>
      e instanceof ValidationError && "blockId" in e.fields && "start" in e.fields && "version" in e.fields,
  );
});

Deno.test("moving one block of a two-day session keeps the other block, bumps the version and is audited", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const booking = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Album tracking",
        blocks: [
          span("2026-03-10T09:00:00Z", "2026-03-10T12:00:00Z"),
          span("2026-03-12T09:00:00Z", "2026-03-12T12:00:00Z"),
        ],
      },
      acting,
      options,
    );
    const second = booking.blocks[1];
    const moved = await moveBlock(
      db,
      booking,
      {
        blockId: second.id,
        start: "2026-03-12T14:00:00Z",
        end: "2026-03-12T18:15:00Z",
        version: booking.version,
      },
      acting,
      options,
    );
    assert.equal(moved.booking.version, booking.version + 1);
    assert.deepEqual(iso([moved.block]), ["2026-03-12T14:00:00.000Z/2026-03-12T18:15:00.000Z"]);
    assert.deepEqual(iso((await getBooking(db, booking.id))!.blocks), [
      "2026-03-10T09:00:00.000Z/2026-03-10T12:00:00.000Z",
      "2026-03-12T14:00:00.000Z/2026-03-12T18:15:00.000Z",
    ]);
    const [entry] = await listAudit(db, { action: "booking.updated" });
    assert.equal(entry.entityId, booking.id);
    assert.deepEqual((entry.changes as Record<string, { after: unknown }>).blocks.after, [
      "2026-03-10T09:00:00.000Z/2026-03-10T12:00:00.000Z",
      "2026-03-12T14:00:00.000Z/2026-03-12T18:15:00.000Z",
    ]);
  });
});

Deno.test("a block moved onto another booking of the room, or of its engineer, is refused naming it; nothing changes", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const other = await insertRoom(db, { name: "Studio B" });
    const sam = await insertEngineer(db, { name: "Sam" });
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Mixing",
        blocks: [span("2026-03-10T14:00:00Z", "2026-03-10T16:00:00Z")],
      },
      acting,
      options,
    );
    await createBooking(
      db,
      {
        roomId: other.id,
        title: "Podcast",
        engineerIds: [sam.id],
        blocks: [span("2026-03-11T09:00:00Z", "2026-03-11T10:00:00Z")],
      },
      acting,
      options,
    );
    const booking = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Vocals",
        engineerIds: [sam.id],
        blocks: [span("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z")],
      },
      acting,
      options,
    );
    const move = (start: string, end: string) =>
      moveBlock(
        db,
        booking,
        { blockId: booking.blocks[0].id, start, end, version: booking.version },
        acting,
        options,
      );

    const room409 = await failure(move("2026-03-10T15:00:00Z", "2026-03-10T17:00:00Z"));
    assert.ok(room409 instanceof ConflictError);
    assert.match(room409.message, /^Studio A is booked for “Mixing”: /);
    const engineer409 = await failure(move("2026-03-11T08:00:00Z", "2026-03-11T09:30:00Z"));
    assert.ok(engineer409 instanceof ConflictError);
    assert.match(engineer409.message, /^Sam is booked for “Podcast”: /);

    const stored = (await getBooking(db, booking.id))!;
    assert.equal(stored.version, booking.version);
    assert.deepEqual(iso(stored.blocks), ["2026-03-10T09:00:00.000Z/2026-03-10T11:00:00.000Z"]);
  });
});

Deno.test("a calendar older than the booking's last change is refused as stale, before the block id is looked up", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db);
    const booking = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Vocals",
        blocks: [span("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z")],
      },
      acting,
      options,
    );
    const first = {
      blockId: booking.blocks[0].id,
      start: "2026-03-10T10:00:00Z",
      end: "2026-03-10T12:00:00Z",
    };
    await moveBlock(db, booking, { ...first, version: booking.version }, acting, options);
    // The route reads the booking afresh; the page still has the first version and block id.
    const current = (await getBooking(db, booking.id))!;
    const stale = await failure(
      moveBlock(
        db,
        current,
        { ...first, start: "2026-03-10T13:00:00Z", end: "2026-03-10T14:00:00Z", version: booking.version },
        acting,
        options,
      ),
    );
    assert.ok(stale instanceof ConflictError);
    assert.equal(stale.message, STALE_SESSION);
  });
});

Deno.test("a move to another day keeps the wall-clock time across the Paris DST changes (29 March, 25 October 2026)", () => {
  const paris = (date: string, time: string, minutes: number) =>
    iso([resolveBlockMove({ blockId: "blk_a", date, time, minutes, version: 1 }, "Europe/Paris")]);
  // Saturday 28 March 10:00 (UTC+1) → Sunday 29 March, clocks forward: still 10:00, now UTC+2.
  assert.deepEqual(paris("2026-03-29", "10:00", 120), ["2026-03-29T08:00:00.000Z/2026-03-29T10:00:00.000Z"]);
  // …and to Monday 30 March, the day after: 10:00 UTC+2.
  assert.deepEqual(paris("2026-03-30", "10:00", 120), ["2026-03-30T08:00:00.000Z/2026-03-30T10:00:00.000Z"]);
  // Saturday 24 October 10:00 (UTC+2) → Sunday 25 October, clocks back: 10:00 UTC+1.
  assert.deepEqual(paris("2026-10-25", "10:00", 120), ["2026-10-25T09:00:00.000Z/2026-10-25T11:00:00.000Z"]);
  // A 3-hour night across the change lasts 3 real hours: 01:00 + 3 h = 03:00 on the clock (04:00 − 1).
  assert.deepEqual(paris("2026-10-25", "01:00", 180), ["2026-10-24T23:00:00.000Z/2026-10-25T02:00:00.000Z"]);
  // 02:30 does not exist on 29 March: it moves forward to 03:30 (UTC+2), as booking forms do.
  assert.deepEqual(paris("2026-03-29", "02:30", 60), ["2026-03-29T01:30:00.000Z/2026-03-29T02:30:00.000Z"]);
  // Instants are taken as sent.
  assert.deepEqual(
    iso([
      resolveBlockMove({
        blockId: "b",
        start: "2026-03-29T08:00:00Z",
        end: "2026-03-29T09:00:00Z",
        version: 1,
      }, "Europe/Paris"),
    ]),
    ["2026-03-29T08:00:00.000Z/2026-03-29T09:00:00.000Z"],
  );
});

Deno.test("a wall-clock move names its bad fields", () => {
  assert.throws(
    () =>
      resolveBlockMove(
        { blockId: "b", date: "29/03/2026", time: "25:00", minutes: 0, version: 1 },
        "Europe/Paris",
      ),
    (e) => e instanceof ValidationError && "date" in e.fields && "time" in e.fields && "minutes" in e.fields,
  );
  assert.throws(
    () =>
      resolveBlockMove(
        { blockId: "b", date: "2026-02-30", time: "10:00", minutes: 60, version: 1 },
        "Europe/Paris",
      ),
    (e) => e instanceof ValidationError && "date" in e.fields,
  );
});

Deno.test("moving a session from Saturday 28 March to Sunday 29 March by day keeps 10:00 in Paris", async () => {
  await withStudioDb(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const booking = await createBooking(
      db,
      { roomId: room.id, title: "Vocals", blocks: [span("2026-03-28T09:00:00Z", "2026-03-28T11:00:00Z")] },
      acting,
      options,
    );
    const moved = await moveBlock(
      db,
      booking,
      {
        blockId: booking.blocks[0].id,
        date: "2026-03-29",
        time: "10:00",
        minutes: 120,
        version: booking.version,
      },
      acting,
      options,
    );
    assert.deepEqual(iso([moved.block]), ["2026-03-29T08:00:00.000Z/2026-03-29T10:00:00.000Z"]);
    assert.deepEqual(iso((await getBooking(db, booking.id))!.blocks), [
      "2026-03-29T08:00:00.000Z/2026-03-29T10:00:00.000Z",
    ]);
  });
});
