import { z } from "zod";

/** How a series repeats: weekly or monthly on the same weekday, every N, for a count or until a date. */
export const seriesRuleSchema = z.object({
  frequency: z.enum(["weekly", "monthly_weekday"]),
  interval: z.number().int().min(1, "Repeat at least every 1.").max(52).default(1),
  count: z.number().int().min(1).max(200).optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date.").optional(),
}).refine((r) => r.count !== undefined || r.until !== undefined, {
  message: "Say how many sessions, or until when.",
  path: ["count"],
});

export type SeriesRuleInput = z.input<typeof seriesRuleSchema>;

/** A change applied to several occurrences at once; absent fields stay as they are. */
export const seriesChangeSchema = z.object({
  /** Move by this many minutes of local wall time (negative moves earlier). */
  shiftMinutes: z.number().int().min(-60 * 24 * 6).max(60 * 24 * 6).optional(),
  /** New length of every block. */
  durationMinutes: z.number().int().min(5).max(60 * 24 * 7).optional(),
  roomId: z.string().trim().min(1).max(64).optional(),
  title: z.string().trim().min(1, "Give the session a title.").max(200).optional(),
  engineerIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  gear: z.array(z.object({ gearId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(1000) }))
    .max(50)
    .optional(),
  notes: z.string().trim().max(10_000).nullable().optional(),
});

export type SeriesChangeInput = z.input<typeof seriesChangeSchema>;
