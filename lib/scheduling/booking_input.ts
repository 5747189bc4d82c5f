import { z } from "zod";

const instant = z.coerce.date({ error: "Enter a date and time." })
  .refine((d) => !Number.isNaN(d.getTime()), "Enter a date and time.");

/** One stretch of a session in its room, as UTC instants. */
export const bookingBlockSchema = z.object({ start: instant, end: instant })
  .refine((b) => b.end.getTime() > b.start.getTime(), {
    message: "The end must be after the start.",
    path: ["end"],
  });

const id = z.string().trim().min(1).max(64);
const title = z.string().trim().min(1, "Give the session a title.").max(200);
const blocks = z.array(bookingBlockSchema).min(1, "Add at least one time block.").max(60);
const engineerIds = z.array(id).max(20);
const gearLines = z.array(z.object({ gearId: id, quantity: z.number().int().min(1).max(1000) })).max(50);
const notes = z.string().trim().max(10_000).nullable();

/** What staff, the portal or the API ask for when booking a session. */
export const bookingDraftSchema = z.object({
  clientId: id.nullable().default(null),
  roomId: id,
  title,
  status: z.enum(["hold", "confirmed"]).default("confirmed"),
  /** How long a hold blocks before it lapses. */
  holdMinutes: z.number().int().min(5).max(60 * 24 * 14).default(60 * 24),
  blocks,
  engineerIds: engineerIds.default([]),
  gear: gearLines.default([]),
  notes: notes.default(null),
  source: z.enum(["staff", "portal", "api"]).default("staff"),
});

export type BookingDraft = z.output<typeof bookingDraftSchema>;
export type BookingDraftInput = z.input<typeof bookingDraftSchema>;

/** A change to an existing booking: absent fields stay as they are; `version` guards against stale edits. */
export const bookingChangeSchema = z.object({
  clientId: id.nullable().optional(),
  roomId: id.optional(),
  title: title.optional(),
  blocks: blocks.optional(),
  engineerIds: engineerIds.optional(),
  gear: gearLines.optional(),
  notes: notes.optional(),
  version: z.number().int().min(1),
});

export type BookingChange = z.output<typeof bookingChangeSchema>;
export type BookingChangeInput = z.input<typeof bookingChangeSchema>;
