import { z } from "zod";
import { bookingChangeSchema } from "./booking_input.ts";

/** "2026-02-31" matches the pattern but names no day. */
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

/** How a series repeats: weekly or monthly on the same weekday, every N, for a count or until a date. */
export const seriesRuleSchema = z.object({
  frequency: z.enum(["weekly", "monthly_weekday"]),
  interval: z.number().int().min(1, "Repeat at least every 1.").max(52).default(1),
  count: z.number().int().min(1).max(200).optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date.")
    .refine(isCalendarDate, "Enter a date.").optional(),
}).refine((r) => r.count !== undefined || r.until !== undefined, {
  message: "Say how many sessions, or until when.",
  path: ["count"],
});

export type SeriesRuleInput = z.input<typeof seriesRuleSchema>;

/** A change applied to several occurrences at once; absent fields stay as they are. */
export const seriesChangeSchema = bookingChangeSchema.pick({
  roomId: true,
  title: true,
  engineerIds: true,
  gear: true,
  notes: true,
}).extend({
  /** Move by this many minutes of local wall time (negative moves earlier). */
  shiftMinutes: z.number().int().min(-60 * 24 * 6).max(60 * 24 * 6).optional(),
  /** New length of every block. */
  durationMinutes: z.number().int().min(5).max(60 * 24 * 7).optional(),
});

export type SeriesChangeInput = z.input<typeof seriesChangeSchema>;
