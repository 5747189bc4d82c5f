import { Temporal } from "temporal-polyfill";
import type { BookingDetail } from "./booking_reads.ts";
import type { SeriesChangeInput } from "./series_input.ts";
import type { SessionDraft } from "./session_form.ts";

const wall = (d: Date, zone: string) =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone).toPlainDateTime();

/**
 * An edit of one occurrence, read as a change for several: the move of its first block in wall-clock
 * minutes (so "from 18:00 to 19:00" stays 19:00 across DST), its new length, and its people, room
 * and gear.
 */
export function seriesChangeFrom(
  booking: BookingDetail,
  draft: SessionDraft,
  zone: string,
): SeriesChangeInput {
  const [before] = booking.blocks;
  const [after] = draft.blocks;
  const { start, end } = after;
  return {
    shiftMinutes: wall(before.start, zone).until(wall(start, zone), { largestUnit: "minutes" }).minutes,
    durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
    roomId: draft.roomId,
    title: draft.title,
    notes: draft.notes ?? null,
    engineerIds: draft.engineerIds,
    gear: draft.gear,
  };
}
