/**
 * The availability engine: which session times are free across one or more resources (a room, its
 * engineer, gear), and why a proposed time is not. Pure: plain data in, plain data out, instants as
 * epoch milliseconds, local rules (weekly hours, closed dates) in each resource's IANA zone.
 * The rules are written down in docs/SCHEDULING.md, "Availability".
 *
 * ```ts
 * const room = { id: "room-a", timeZone: "Europe/Paris", hours: [{ weekday: 1, open: "10:00", close: "02:00" }],
 *   busy: bookings.map((b) => ({ id: b.id, start: +b.startsAt, end: +b.endsAt })), setupMinutes: 30 };
 * availableSlots({ resources: [room, engineer], now: Date.now(), from, to, durationMinutes: 240,
 *   stepMinutes: 30, minimumNoticeMinutes: 120, horizonDays: 90 });
 * whyUnavailable({ resources: [room, engineer], now: Date.now() }, { start, end }); // [] when free
 * ```
 */
import { ValidationError } from "../errors.ts";
import {
  coversRange,
  intersectRanges,
  mergeRanges,
  overlaps,
  subtractRanges,
  type TimeRange,
} from "./availability_ranges.ts";
import {
  isInstantRange,
  type Opening,
  openingDate,
  openingDays,
  type PreparedResource,
  prepareResource,
  type Problems,
} from "./availability_resource.ts";
import { addLocalDays, DAY_MS, MINUTE_MS, type ZoneTimeline, zoneTimeline } from "./wall_time.ts";

export type { TimeRange } from "./availability_ranges.ts";

/** A session's start and end (epoch ms, end exclusive), without buffers. */
export type Slot = TimeRange;

/** An existing booking (or hold) of a resource, already widened by its own buffers. */
export interface BusyRange extends TimeRange {
  /** Named in refusals, so the caller can say which booking is in the way. */
  id?: string;
}

/** Open from `open` to `close` local time on an ISO weekday; a `close` at or before `open` (or "24:00")
 *  is on the next day, so { weekday: 5, open: "20:00", close: "04:00" } is Friday night. */
export interface WeeklyHours {
  weekday: number;
  open: string;
  close: string;
}

/** Closed on the local dates `from` to `to` inclusive ("YYYY-MM-DD"), e.g. a public holiday. */
export interface ClosedDates {
  from: string;
  to: string;
}

/** Anything bookable: a room, an engineer (hours = working hours, closures = time off), gear. */
export interface BookableResource {
  id: string;
  /** IANA zone in which `hours` and `closedDates` are read. */
  timeZone: string;
  hours: readonly WeeklyHours[];
  /** Cancels the openings that begin on these local dates (an overnight opening belongs to the date it opens). */
  closedDates?: readonly ClosedDates[];
  /** Instant ranges the resource cannot be used at all: maintenance, time off. */
  closures?: readonly BusyRange[];
  busy?: readonly BusyRange[];
  /** Free time this resource needs before and after a new session (outside the session itself). */
  setupMinutes?: number;
  teardownMinutes?: number;
}

/** What decides whether a time is bookable. The first resource is the primary one (the room): its
 *  openings set the slot grid and its zone counts the horizon's days. */
export interface AvailabilityRules {
  resources: readonly BookableResource[];
  now: number;
  /** A session may start no sooner than this after `now`. */
  minimumNoticeMinutes?: number;
  /** A session may start no later than this many local days after `now`; unset means no limit. */
  horizonDays?: number;
}

export interface SlotQuery extends AvailabilityRules {
  /** Slots start at or after `from` and before `to`. */
  from: number;
  to: number;
  durationMinutes: number;
  /** Starts are offered every `stepMinutes` of local wall time from each opening. */
  stepMinutes: number;
}

/** Why a proposed session cannot be booked; `resource` is the resource's id. */
export type Refusal =
  | { reason: "notice"; earliestStart: number }
  | { reason: "horizon"; latestStart: number }
  | { reason: "outside-hours"; resource: string }
  | { reason: "closed"; resource: string; date: string }
  | { reason: "closure"; resource: string; closure: BusyRange }
  | { reason: "busy"; resource: string; busy: BusyRange };

// Slack around a query when reading a zone's offsets: openings start up to two local dates early.
const TIMELINE_PADDING_MS = 4 * DAY_MS;

/** The free sessions of `durationMinutes` for every resource at once, sorted, without duplicates. */
export function availableSlots(query: SlotQuery): Slot[] {
  const problems: Problems = {};
  if (!isWholePositive(query.durationMinutes)) {
    problems.durationMinutes = "Use a whole number of minutes above 0.";
  }
  if (!isWholePositive(query.stepMinutes)) problems.stepMinutes = "Use a whole number of minutes above 0.";
  if (!isInstantRange({ start: query.from, end: query.to })) {
    problems.to = "The window must end after it starts.";
  }
  const rules = prepareRules(query, problems);
  const duration = query.durationMinutes * MINUTE_MS;
  const step = query.stepMinutes * MINUTE_MS;

  // Starts run from `earliest` up to `latest` inclusive and stay before `query.to`.
  const earliest = Math.max(query.from, rules.earliestStart);
  const latest = rules.latestStart;
  if (earliest > latest || earliest >= query.to) return [];
  const spanEnd = Math.min(latest, query.to) + duration;

  let free: TimeRange[] | undefined;
  let grid: { timeline: ZoneTimeline; openings: Opening[] } | undefined;
  for (const resource of rules.resources) {
    const timeline = zoneTimeline(
      resource.source.timeZone,
      earliest - TIMELINE_PADDING_MS,
      spanEnd + TIMELINE_PADDING_MS,
    );
    const openings = resource.openings(timeline, ...openingDays(timeline, earliest, spanEnd))
      .filter((opening) => !opening.closed);
    const resourceFree = subtractRanges(mergeRanges(openings), resource.blocked());
    free = free ? intersectRanges(free, resourceFree) : resourceFree;
    grid ??= { timeline, openings };
  }
  if (!free?.length || !grid) return [];

  const starts: number[] = [];
  for (const opening of grid.openings) {
    const low = Math.max(opening.start, earliest);
    const before = Math.min(opening.end, query.to);
    if (low >= before || low > latest) continue;
    // Grid wall times are openWall + k·step; only those a clock shows from low to before matter.
    const [wallLow, wallHigh] = grid.timeline.wallBounds(low, Math.min(before, latest));
    const lastK = Math.floor((wallHigh - opening.openWall) / step);
    for (let k = Math.ceil((wallLow - opening.openWall) / step); k <= lastK; k++) {
      for (const start of grid.timeline.instantsAt(opening.openWall + k * step)) {
        if (start >= low && start < before && start <= latest && coversRange(free, start, start + duration)) {
          starts.push(start);
        }
      }
    }
  }
  starts.sort((a, b) => a - b);
  const slots: Slot[] = [];
  for (let i = 0; i < starts.length; i++) {
    if (i === 0 || starts[i] !== starts[i - 1]) slots.push({ start: starts[i], end: starts[i] + duration });
  }
  return slots;
}

/**
 * Every reason the session [range.start, range.end) cannot be booked under `rules`, or [] when it
 * can. Checks notice and horizon, each resource's hours and closed dates (for the session), and its
 * closures and busy ranges (for the session widened by that resource's buffers). The grid is not
 * checked: staff may book off-grid times.
 */
export function whyUnavailable(rules: AvailabilityRules, range: TimeRange): Refusal[] {
  const problems: Problems = {};
  if (!isInstantRange(range)) problems.range = "The session must end after it starts.";
  const prepared = prepareRules(rules, problems);
  const refusals: Refusal[] = [];
  if (range.start < prepared.earliestStart) {
    refusals.push({ reason: "notice", earliestStart: prepared.earliestStart });
  }
  if (range.start > prepared.latestStart) {
    refusals.push({ reason: "horizon", latestStart: prepared.latestStart });
  }

  for (const resource of prepared.resources) {
    const { source } = resource;
    const timeline = zoneTimeline(
      source.timeZone,
      range.start - TIMELINE_PADDING_MS,
      range.end + TIMELINE_PADDING_MS,
    );
    const openings = resource.openings(timeline, ...openingDays(timeline, range.start, range.end))
      .filter((opening) => overlaps(opening, range));
    const open = openings.filter((opening) => !opening.closed);
    if (!coversRange(mergeRanges(open), range.start, range.end)) {
      if (!coversRange(mergeRanges(openings), range.start, range.end)) {
        refusals.push({ reason: "outside-hours", resource: source.id });
      }
      const closedDates = new Set(openings.filter((opening) => opening.closed).map(openingDate));
      for (const date of [...closedDates].sort()) {
        refusals.push({ reason: "closed", resource: source.id, date });
      }
    }

    const buffered = { start: range.start - resource.setupMs, end: range.end + resource.teardownMs };
    for (const closure of sortedOverlapping(source.closures, buffered)) {
      refusals.push({ reason: "closure", resource: source.id, closure });
    }
    for (const busy of sortedOverlapping(source.busy, buffered)) {
      refusals.push({ reason: "busy", resource: source.id, busy });
    }
  }
  return refusals;
}

interface PreparedRules {
  resources: PreparedResource[];
  earliestStart: number;
  /** Inclusive; Infinity without a horizon. */
  latestStart: number;
}

function prepareRules(rules: AvailabilityRules, problems: Problems): PreparedRules {
  if (!rules.resources?.length) problems.resources = "Name at least one resource.";
  if (!Number.isFinite(rules.now)) problems.now = "Give the current instant.";
  const notice = rules.minimumNoticeMinutes ?? 0;
  if (!Number.isInteger(notice) || notice < 0) {
    problems.minimumNoticeMinutes = "Use a whole number of minutes, 0 or more.";
  }
  const horizon = rules.horizonDays;
  if (horizon !== undefined && (!Number.isInteger(horizon) || horizon < 0)) {
    problems.horizonDays = "Use a whole number of days, 0 or more.";
  }
  const resources = (rules.resources ?? []).map((resource, i) =>
    prepareResource(resource, `resources[${i}]`, problems)
  );
  if (Object.keys(problems).length) {
    throw new ValidationError(problems, "The availability rules are invalid.");
  }
  return {
    resources,
    earliestStart: rules.now + notice * MINUTE_MS,
    // Counted in local days of the primary resource, so "30 days" keeps the clock time across DST.
    latestStart: horizon === undefined
      ? Infinity
      : addLocalDays(rules.now, horizon, rules.resources[0].timeZone),
  };
}

function sortedOverlapping(ranges: readonly BusyRange[] | undefined, range: TimeRange): BusyRange[] {
  return (ranges ?? []).filter((r) => overlaps(r, range)).sort((a, b) => a.start - b.start);
}

function isWholePositive(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
