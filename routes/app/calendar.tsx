import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Toast } from "@/components/Toast.tsx";
import { CalendarBlock, type CalendarBlockShared } from "@/islands/CalendarBlock.tsx";
import { cspNonce, PageStyle, roomColourCss } from "@/components/PageStyle.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { roomAndEngineerChoices } from "@/lib/scheduling/booking_choices.ts";
import { EDITABLE } from "@/lib/scheduling/bookings.ts";
import { bookingVersions } from "@/lib/scheduling/block_move.ts";
import { type CalendarWindow, calendarWindow } from "@/lib/scheduling/calendar_window.ts";
import { type DayColumn, layoutDays, type PlacedBlock } from "@/lib/scheduling/calendar_layout.ts";
import { localParts, zonedInstant } from "@/lib/scheduling/local_time.ts";
import { staffViewer, visibleEngineer } from "@/lib/scheduling/session_access.ts";
import { listSessionBlocks, type SessionBlockRow } from "@/lib/scheduling/session_list.ts";

export const access: Access = { permission: "sessions.view.assigned" };

/** A 20-room week can hold a few thousand blocks; more than this is a sign of a runaway query. */
const MAX_BLOCKS = 5_000;
/** Height of one hour on the time grid, in rem. */
const HOUR_REM = 3;

interface Lane {
  id: string;
  label: string;
  columns: DayColumn<SessionBlockRow>[];
}

interface Data extends CalendarWindow {
  today: string;
  rooms: { id: string; name: string }[];
  engineers: { id: string; name: string }[];
  roomId?: string;
  engineerId?: string;
  /** Week and day views: one lane per room (day) or the chosen room/engineer's days (week). */
  lanes: Lane[];
  nonce?: string;
  css: string;
  /** After a session was moved by a plain form post (no script): what happened. */
  notice?: "moved" | "conflict" | "invalid";
  /** Staff who may move sessions: each shown booking's version, which a move must name. */
  versions: Record<string, number>;
}

/**
 * The studio's calendar in its own time zone: a week per room or per engineer, a day across all
 * rooms (the front desk's view, printable), or a month. Each free hour links to booking it; each
 * session links to its page. Server-rendered, so it works with the keyboard and without script.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.view.assigned");
    const studio = ctx.state.studio!;
    const zone = studio.tenant.timezone;
    const query = ctx.url.searchParams;
    const today = localParts(new Date(), zone).date;
    const span = calendarWindow(query.get("view"), query.get("date"), today, ctx.state.locale, zone);
    const choices = await roomAndEngineerChoices(studio.db);
    const visible = await visibleEngineer(studio.db, staffViewer(ctx.state.staff!));
    const engineerId = visible ??
      (choices.engineers.some((e) => e.id === query.get("engineer")) ? query.get("engineer")! : undefined);
    const roomId = span.view === "week" && !engineerId
      ? choices.rooms.find((r) => r.id === query.get("room"))?.id ?? choices.rooms[0]?.id
      : undefined;
    const rows = visible === "" ? [] : await listSessionBlocks(studio.db, {
      from: zonedInstant(span.first, "00:00", zone)!,
      to: zonedInstant(span.afterLast, "00:00", zone)!,
      roomId,
      engineerId,
      limit: MAX_BLOCKS,
    });
    const lanes: Lane[] = span.view === "day"
      ? choices.rooms.map((room) => ({
        id: room.id,
        label: room.name,
        columns: layoutDays(span.first, 1, zone, rows.filter((r) => r.roomId === room.id)),
      }))
      : [{
        id: roomId ?? engineerId ?? "all",
        label: "",
        columns: layoutDays(span.first, span.days, zone, rows),
      }];
    const colours = roomColourCss(rows.map((r) => ({ id: r.roomId, colour: r.colour })));
    return ctx.render({
      ...span,
      today,
      rooms: choices.rooms,
      engineers: visible === null ? choices.engineers : [],
      roomId,
      engineerId,
      lanes,
      nonce: cspNonce(ctx.hono),
      css: colours + (span.view === "month" ? "" : positionsCss(lanes)),
      versions: span.view !== "month" && can(ctx.state.staff!.role, "sessions.manage")
        ? await bookingVersions(studio.db, rows.map((r) => r.bookingId))
        : {},
      notice: query.has("moved")
        ? "moved"
        : query.has("not_moved")
        ? (query.get("why") === "invalid" ? "invalid" : "conflict")
        : undefined,
    });
  },
});

/** Top, height and lane of every placed block, as rules for its element id (no inline styles under the CSP). */
function positionsCss(lanes: Lane[]): string {
  const rules: string[] = [];
  for (const [l, lane] of lanes.entries()) {
    for (const [c, column] of lane.columns.entries()) {
      for (const b of column.blocks) {
        const width = 100 / b.lanes;
        rules.push(
          `#${blockElementId(l, c, b)}{top:${(b.top / 60) * HOUR_REM}rem;height:${
            Math.max((b.height / 60) * HOUR_REM, 1.25)
          }rem;left:${b.lane * width}%;width:${width}%}`,
        );
      }
    }
  }
  return rules.join("");
}

const blockElementId = (lane: number, column: number, b: PlacedBlock<SessionBlockRow>) =>
  `b${lane}-${column}-${b.item.blockId}`;

export default define.page<typeof handler>(({ data, state: s, url }) => {
  const { t } = s;
  const studio = s.studio!;
  const zone = studio.tenant.timezone;
  const base = `${studio.base}/app/calendar`;
  const manage = can(s.staff!.role, "sessions.manage");
  const link = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams(url.search);
    for (const [k, v] of Object.entries(params)) v === undefined ? q.delete(k) : q.set(k, v);
    return `${base}?${q}`;
  };
  const time = new Intl.DateTimeFormat(s.locale, { timeStyle: "short", timeZone: zone });
  const dayLabel = new Intl.DateTimeFormat(s.locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: zone,
  });
  // One object for every block: the page's island state carries it once.
  const drag: CalendarBlockShared = {
    base: studio.base,
    zone,
    locale: s.locale,
    remPerHour: HOUR_REM,
    week: data.view === "week",
    helpId: "calendar-drag-help",
    text: {
      pending: t("calendar.drag.pending", { time: "{time}" }),
      saving: t("calendar.drag.saving", { time: "{time}" }),
      saved: t("calendar.drag.saved", { time: "{time}" }),
      offline: t("calendar.drag.offline"),
      resize: t("calendar.drag.resize"),
    },
  };
  return (
    <>
      <PageStyle nonce={data.nonce} css={data.css} />
      <PageHeader
        title={t("calendar.title")}
        description={t("calendar.intro", { zone })}
        actions={manage
          ? <Button href={`${studio.base}/app/sessions/new`}>{t("sessions.new.title")}</Button>
          : undefined}
      />
      <nav aria-label={t("calendar.navigation")} class="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <Button href={link({ date: data.previous })} variant="secondary" aria-label={t("calendar.previous")}>
          ‹
        </Button>
        <Button href={link({ date: data.today })} variant="secondary">{t("calendar.today")}</Button>
        <Button href={link({ date: data.next })} variant="secondary" aria-label={t("calendar.next")}>
          ›
        </Button>
        <h2 class="mx-2 text-lg font-semibold" aria-live="polite">{data.title}</h2>
        {data.view === "day" && (
          <Button href={`${base}/day-sheet?date=${data.date}`} variant="secondary">
            {t("day_sheet.link")}
          </Button>
        )}
        <span class="ms-auto flex gap-1">
          {(["day", "week", "month"] as const).map((view) => (
            <Button
              key={view}
              href={link({ view })}
              variant={view === data.view ? "primary" : "secondary"}
              aria-current={view === data.view ? "page" : undefined}
            >
              {t(`calendar.view.${view}`)}
            </Button>
          ))}
        </span>
      </nav>
      {data.view !== "day" && (
        <form method="get" class="mb-4 flex flex-wrap items-end gap-3 text-sm print:hidden">
          <input type="hidden" name="view" value={data.view} />
          <input type="hidden" name="date" value={data.date} />
          {data.view === "week" && (
            <label>
              <span class="block font-medium">{t("sessions.form.room")}</span>
              <select name="room" class="field mt-1">
                {data.rooms.map((r) => (
                  <option key={r.id} value={r.id} selected={r.id === data.roomId}>{r.name}</option>
                ))}
              </select>
            </label>
          )}
          {data.engineers.length > 0 && (
            <label>
              <span class="block font-medium">{t("calendar.engineer")}</span>
              <select name="engineer" class="field mt-1">
                <option value="">{t("calendar.any_engineer")}</option>
                {data.engineers.map((e) => (
                  <option key={e.id} value={e.id} selected={e.id === data.engineerId}>{e.name}</option>
                ))}
              </select>
            </label>
          )}
          <Button type="submit" variant="secondary">{t("sessions.list.show")}</Button>
        </form>
      )}
      {data.notice && (
        <Toast
          tone={data.notice === "moved" ? "success" : "error"}
          dismissLabel={t("common.dismiss")}
          class="mb-4"
        >
          {t(data.notice === "moved" ? "calendar.drag.moved" : `calendar.drag.not_moved.${data.notice}`)}
        </Toast>
      )}
      {data.rooms.length === 0
        ? <p class="rounded-lg border border-line bg-surface p-6">{t("calendar.no_rooms")}</p>
        : data.view === "month"
        ? <MonthGrid data={data} dayLabel={dayLabel} time={time} base={studio.base} />
        : (
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            {manage && <p id={drag.helpId} class="sr-only">{t("calendar.drag.help")}</p>}
            <div class="flex min-w-max">
              <HourRuler zone={zone} date={data.first} time={time} />
              {data.lanes.flatMap((lane, l) =>
                lane.columns.map((column, c) => (
                  <section
                    key={`${l}-${c}`}
                    class="w-40 flex-1 border-s border-line"
                    aria-label={lane.label || dayLabel.format(column.start)}
                    data-day={column.start.toISOString()}
                  >
                    <h3 class="sticky top-0 h-10 border-b border-line bg-neutral-50 px-2 py-2 text-sm font-semibold">
                      {data.view === "day" ? lane.label : dayLabel.format(column.start)}
                    </h3>
                    <div class="relative">
                      <FreeHours
                        column={column}
                        roomId={data.view === "day" ? lane.id : data.roomId}
                        base={studio.base}
                        manage={manage}
                        label={t("calendar.book_at")}
                        time={time}
                      />
                      {column.blocks.map((b) => {
                        const details = (
                          <>
                            {data.view === "week" && !data.roomId && (
                              <span class="block">{b.item.roomName}</span>
                            )}
                            {b.item.clientName && (
                              <span class="block text-neutral-700">{b.item.clientName}</span>
                            )}
                            {b.item.status === "hold" && (
                              <span class="block italic">{t("sessions.status.hold")}</span>
                            )}
                          </>
                        );
                        // A block cut at midnight shows in two columns: either part moves all of it.
                        const version = data.versions[b.item.bookingId];
                        return version && EDITABLE.includes(b.item.status)
                          ? (
                            <CalendarBlock
                              key={b.item.blockId}
                              id={blockElementId(l, c, b)}
                              bookingId={b.item.bookingId}
                              blockId={b.item.blockId}
                              version={version}
                              start={b.item.start.toISOString()}
                              end={b.item.end.toISOString()}
                              title={b.item.title}
                              roomId={b.item.roomId}
                              hold={b.item.status === "hold"}
                              continuesBefore={b.continuesBefore || undefined}
                              continuesAfter={b.continuesAfter || undefined}
                              shared={drag}
                            >
                              {details}
                            </CalendarBlock>
                          )
                          : (
                            <a
                              key={b.item.blockId}
                              id={blockElementId(l, c, b)}
                              href={`${studio.base}/app/sessions/${b.item.bookingId}`}
                              class={`room-${b.item.roomId} absolute z-10 overflow-hidden rounded border-s-4 border-(--room) bg-white/95 px-1 text-xs shadow-sm focus-ring ${
                                b.item.status === "hold" ? "border-dashed" : ""
                              }`}
                            >
                              <span class="font-semibold">{b.item.title}</span>{" "}
                              <span>{time.format(b.item.start)} – {time.format(b.item.end)}</span>
                              {details}
                            </a>
                          );
                      })}
                    </div>
                  </section>
                ))
              )}
            </div>
          </div>
        )}
    </>
  );
});

/** The hour labels down the side: local times of the first column's day. */
function HourRuler({ zone, date, time }: { zone: string; date: string; time: Intl.DateTimeFormat }) {
  const [column] = layoutDays(date, 1, zone, []);
  const hours = Math.round(column.minutes / 60);
  return (
    <div class="w-16 shrink-0 text-xs text-neutral-600" aria-hidden="true">
      <div class="h-10 border-b border-line" />
      {Array.from({ length: hours }, (_, h) => (
        <div key={h} class="h-12 border-b border-line/50 px-1">
          {time.format(new Date(column.start.getTime() + h * 3_600_000))}
        </div>
      ))}
    </div>
  );
}

/** One link per hour of the day to book it: keyboard reachable, under the sessions. */
function FreeHours(
  { column, roomId, base, manage, label, time }: {
    column: DayColumn<SessionBlockRow>;
    roomId?: string;
    base: string;
    manage: boolean;
    label: string;
    time: Intl.DateTimeFormat;
  },
) {
  const hours = Math.round(column.minutes / 60);
  return (
    <>
      {Array.from({ length: hours }, (_, h) => {
        const start = new Date(column.start.getTime() + h * 3_600_000);
        const busy = column.blocks.some((b) => b.top < (h + 1) * 60 && b.top + b.height > h * 60);
        if (!manage || busy) return <div key={h} class="h-12 border-b border-line/50" />;
        const q = new URLSearchParams({ start: start.toISOString(), ...(roomId ? { room: roomId } : {}) });
        return (
          <a
            key={h}
            href={`${base}/app/sessions/new?${q}`}
            class="block h-12 border-b border-line/50 hover:bg-brand-50 focus-ring"
            aria-label={`${label} ${time.format(start)}`}
          />
        );
      })}
    </>
  );
}

function MonthGrid(
  { data, dayLabel, time, base }: {
    data: Data;
    dayLabel: Intl.DateTimeFormat;
    time: Intl.DateTimeFormat;
    base: string;
  },
) {
  const columns = data.lanes[0].columns;
  return (
    <ol class="grid grid-cols-7 gap-px overflow-hidden rounded-lg border border-line bg-line">
      {columns.map((column) => (
        <li
          key={column.date}
          class={`min-h-28 bg-surface p-1 text-xs ${
            column.date.slice(0, 7) === data.date.slice(0, 7) ? "" : "opacity-60"
          }`}
        >
          <h3 class="font-semibold">{dayLabel.format(column.start)}</h3>
          <ul class="mt-1 space-y-0.5">
            {column.blocks.map((b) => (
              <li key={b.item.blockId}>
                <a
                  href={`${base}/app/sessions/${b.item.bookingId}`}
                  class={`room-${b.item.roomId} block truncate border-s-4 border-(--room) ps-1 underline-offset-2 hover:underline`}
                >
                  {b.continuesBefore ? "…" : time.format(b.item.start)} {b.item.title}
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
