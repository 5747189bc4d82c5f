import type { BookingDraftInput } from "./booking_input.ts";
import { addDays, localParts, zonedInstant } from "./local_time.ts";
import type { SeriesRuleInput } from "./series_input.ts";

/** Day rows the booking form shows; a session needing more days is added to afterwards. */
export const MAX_FORM_DAYS = 7;

/** One day of the form: local date and wall-clock start/end ("HH:MM"); an end at or before the start is the next day. */
export interface DayValues {
  day: string;
  start: string;
  end: string;
}

/** The booking form as typed, to render it again beside its errors. */
export interface SessionFormValues {
  clientId: string;
  roomId: string;
  title: string;
  hold: boolean;
  notes: string;
  days: DayValues[];
  engineerIds: string[];
  /** gear id → quantity as typed */
  gear: Record<string, string>;
  repeat: "none" | "weekly" | "monthly_weekday";
  repeatEvery: string;
  repeatCount: string;
}

export const emptySessionForm = (): SessionFormValues => ({
  clientId: "",
  roomId: "",
  title: "",
  hold: false,
  notes: "",
  days: [{ day: "", start: "", end: "" }],
  engineerIds: [],
  gear: {},
  repeat: "none",
  repeatEvery: "1",
  repeatCount: "",
});

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** A booking as the form asks for it: its blocks already instants, maybe a repeat rule. */
export type SessionDraft = Omit<BookingDraftInput, "blocks"> & {
  blocks: { start: Date; end: Date }[];
  series?: SeriesRuleInput;
};

/** Reads the posted booking form; `day{i}`, `start{i}`, `end{i}` rows, `gear_<id>` quantities. */
export function readSessionForm(form: FormData): SessionFormValues {
  const days: DayValues[] = [];
  for (let i = 0; i < MAX_FORM_DAYS; i++) {
    const row = { day: text(form, `day${i}`), start: text(form, `start${i}`), end: text(form, `end${i}`) };
    if (i === 0 || row.day || row.start || row.end) days.push(row);
  }
  const gear: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith("gear_") && String(value).trim()) gear[name.slice(5)] = String(value).trim();
  }
  const repeat = text(form, "repeat");
  return {
    clientId: text(form, "clientId"),
    roomId: text(form, "roomId"),
    title: text(form, "title"),
    hold: form.get("hold") === "on",
    notes: text(form, "notes"),
    days,
    engineerIds: form.getAll("engineerIds").map(String).filter(Boolean),
    gear,
    repeat: repeat === "weekly" || repeat === "monthly_weekday" ? repeat : "none",
    repeatEvery: text(form, "repeatEvery") || "1",
    repeatCount: text(form, "repeatCount"),
  };
}

/**
 * The booking the form asks for, in UTC instants of the studio's zone, or the field errors that
 * prevent reading it (a malformed date or time). Everything else is checked by the booking itself.
 */
export function sessionDraft(
  values: SessionFormValues,
  zone: string,
): { draft: SessionDraft; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const blocks = values.days.flatMap((row, i) => {
    const start = zonedInstant(row.day, row.start, zone);
    const endSameDay = zonedInstant(row.day, row.end, zone);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.day) || !start) errors[`day${i}`] = "Enter the day and start time.";
    if (!endSameDay) errors[`end${i}`] = "Enter the end time.";
    if (!start || !endSameDay) return [];
    // An end at or before the start is after midnight: night sessions are common in studios.
    const end = endSameDay > start ? endSameDay : zonedInstant(addDays(row.day, 1), row.end, zone)!;
    return [{ start, end }];
  });
  const gear = Object.entries(values.gear).flatMap(([gearId, quantity]) => {
    const n = Number(quantity);
    if (!Number.isInteger(n) || n < 0) {
      errors[`gear_${gearId}`] = "Enter a whole number of units.";
      return [];
    }
    return n > 0 ? [{ gearId, quantity: n }] : [];
  });
  const series = values.repeat === "none" ? undefined : {
    frequency: values.repeat,
    interval: Number(values.repeatEvery),
    count: values.repeatCount ? Number(values.repeatCount) : undefined,
  };
  return {
    draft: {
      clientId: values.clientId || null,
      roomId: values.roomId,
      title: values.title,
      status: values.hold ? "hold" : "confirmed",
      notes: values.notes || null,
      blocks,
      engineerIds: values.engineerIds,
      gear,
      ...(series ? { series } : {}),
    },
    errors,
  };
}

/** A booking's field errors keyed by the form's field names, to show beside them. */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [formFieldOf(field), message]));
}

/** The form's name for a field a booking error names ("blocks.0.end" → "end0"). */
function formFieldOf(field: string): string {
  const block = /^blocks\.(\d+)\.(start|end)$/.exec(field);
  if (block) return block[2] === "start" ? `day${block[1]}` : `end${block[1]}`;
  if (field === "blocks") return "day0";
  if (field === "count" || field === "series.count" || field === "series.until") return "repeatCount";
  if (field === "interval" || field === "series.interval") return "repeatEvery";
  if (field.startsWith("gear")) return "gear";
  return field;
}

/** The form values of an existing session's blocks, in the studio's zone. */
export function dayValuesOf(blocks: { start: Date; end: Date }[], zone: string): DayValues[] {
  return blocks.map(({ start, end }) => {
    const from = localParts(start, zone);
    return { day: from.date, start: from.time, end: localParts(end, zone).time };
  });
}
