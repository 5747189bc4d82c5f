/**
 * Zod pieces the room, engineer and gear inputs share. Their messages are catalogue ids (see
 * resource_validation.ts): amounts are integer minor units of the studio's currency, lengths are
 * whole minutes, wall-clock times "HH:MM".
 */
import { z } from "zod";
import { say } from "./resource_validation.ts";
import { parseClock } from "./wall_time.ts";

/** Far above any studio rate (10¹³ cents is 100 billion euros), far below 2⁵³. */
export const MAX_MINOR_UNITS = 10 ** 13;
/** Buffers, minimums and day lengths are at most a day. */
export const MAX_LENGTH_MINUTES = 24 * 60;

/** An amount in minor units: whole, not negative. */
export const moneySchema = z.number(say("resources.error.amount"))
  .int(say("resources.error.amount"))
  .min(0, say("resources.error.amount_negative"))
  .max(MAX_MINOR_UNITS, say("resources.error.amount_too_large"));

/** A length of time in whole minutes from `min` up to a day. */
export function minutesSchema(min: 0 | 1) {
  return z.number(say("resources.error.minutes"))
    .int(say("resources.error.minutes"))
    .min(min, say(min === 0 ? "resources.error.minutes_negative" : "resources.error.minutes_zero"))
    .max(MAX_LENGTH_MINUTES, say("resources.error.minutes_too_long"));
}

/** A required name, trimmed. */
export function nameSchema(max: number) {
  return z.string(say("resources.error.name_required")).trim()
    .min(1, say("resources.error.name_required"))
    .max(max, say("resources.error.too_long"));
}

/** Free text that may be left empty, stored as null then. */
export function optionalTextSchema(max: number) {
  return z.string(say("resources.error.text")).trim().max(max, say("resources.error.too_long")).nullable()
    .transform((text) => text || null);
}

/** "#rrggbb", stored in lowercase. */
export const colourSchema = z.string(say("resources.error.colour")).trim()
  .regex(/^#[0-9a-fA-F]{6}$/, say("resources.error.colour"))
  .transform((colour) => colour.toLowerCase());

/** A wall-clock time "HH:MM" (00:00–23:59). */
export const clockSchema = z.string(say("resources.error.clock"))
  .refine((text) => parseClock(text) !== undefined, say("resources.error.clock"));

/** An e-mail address, loosely: the studio types it, nobody signs in with it. */
export const optionalEmailSchema = z.string(say("resources.error.email")).trim().toLowerCase()
  .max(254, say("resources.error.too_long"))
  .refine((email) => email === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), say("resources.error.email"))
  .nullable().transform((email) => email || null);
