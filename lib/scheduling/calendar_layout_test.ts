import assert from "node:assert/strict";
import { layoutDays } from "./calendar_layout.ts";

const item = (id: string, start: string, end: string) => ({ id, start: new Date(start), end: new Date(end) });

Deno.test("a night session shows in both local days, cut at midnight", () => {
  const [mon, tue] = layoutDays("2026-06-01", 2, "Europe/Paris", [
    item("a", "2026-06-01T20:00:00Z", "2026-06-02T02:00:00Z"),
  ]);
  assert.deepEqual([mon.blocks[0].top, mon.blocks[0].height, mon.blocks[0].continuesAfter], [
    22 * 60,
    120,
    true,
  ]);
  assert.deepEqual([tue.blocks[0].top, tue.blocks[0].height, tue.blocks[0].continuesBefore], [0, 240, true]);
});

Deno.test("DST days are 23 and 25 hours long and keep wall-clock positions (Europe/Paris 2026)", () => {
  const [spring] = layoutDays("2026-03-29", 1, "Europe/Paris", [
    item("a", "2026-03-29T08:00:00Z", "2026-03-29T10:00:00Z"),
  ]);
  assert.equal(spring.minutes, 23 * 60);
  // 10:00 summer time is 9 real hours after midnight that day.
  assert.equal(spring.blocks[0].top, 9 * 60);
  const [autumn] = layoutDays("2026-10-25", 1, "Europe/Paris", []);
  assert.equal(autumn.minutes, 25 * 60);
});

Deno.test("overlapping blocks share lanes; a later block reuses a lane that has ended", () => {
  const [day] = layoutDays("2026-06-01", 1, "UTC", [
    item("a", "2026-06-01T09:00:00Z", "2026-06-01T12:00:00Z"),
    item("b", "2026-06-01T10:00:00Z", "2026-06-01T11:00:00Z"),
    item("c", "2026-06-01T11:30:00Z", "2026-06-01T13:00:00Z"),
    item("d", "2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z"),
  ]);
  assert.deepEqual(day.blocks.map((b) => [b.item.id, b.lane, b.lanes]), [["a", 0, 2], ["b", 1, 2], [
    "c",
    1,
    2,
  ], ["d", 0, 1]]);
});
