import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { cspNonce, PageStyle } from "@/components/PageStyle.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { daySheet, type DaySheetEntry, localDay } from "@/lib/scheduling/day_sheet.ts";
import { addDays, localParts } from "@/lib/scheduling/local_time.ts";
import { staffViewer, visibleEngineer } from "@/lib/scheduling/session_access.ts";

export const access: Access = { permission: "sessions.view.assigned" };

interface Data {
  date: string;
  entries: DaySheetEntry[];
  /** The viewer sees only the sessions they are assigned to. */
  mineOnly: boolean;
  nonce?: string;
}

/**
 * Paper for the front desk: what the page shows is what prints, minus the app's navigation and the
 * page's own controls; a session never splits across pages; no backgrounds, so it prints in ink.
 * The app shell is not ours to change, so its parts are hidden by structure: everything but <main>.
 */
export const PRINT_CSS = "@media print{" +
  "@page{margin:12mm}" +
  "aside,header:not(main *),nav,.day-sheet-controls,button{display:none!important}" +
  "main{grid-column:1/-1;max-width:none!important;margin:0!important;padding:0!important}" +
  "*{background:none!important;box-shadow:none!important;color:#000!important}" +
  ".day-sheet{font-size:10pt}" +
  ".day-sheet thead{display:table-header-group}" +
  ".day-sheet tr{break-inside:avoid;page-break-inside:avoid}" +
  ".day-sheet th,.day-sheet td{border-color:#000!important}" +
  "a{text-decoration:none!important}" +
  "}";

/**
 * The day sheet: every session of one day in the studio's zone (default today), by start then
 * room, with client and phone, engineers, gear and a line to sign. Engineers see their own sessions.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.view.assigned");
    const studio = ctx.state.studio!;
    const zone = studio.tenant.timezone;
    const asked = ctx.url.searchParams.get("date") ?? "";
    const date = localDay(asked, zone) ? asked : localParts(new Date(), zone).date;
    const visible = await visibleEngineer(studio.db, staffViewer(ctx.state.staff!));
    const entries = visible === ""
      ? []
      : await daySheet(studio.db, { date, timeZone: zone, engineerId: visible ?? undefined });
    return ctx.render({ date, entries, mineOnly: visible !== null, nonce: cspNonce(ctx.hono) });
  },
});

export default define.page<typeof handler>(({ data, state: s }) => {
  const { t } = s;
  const studio = s.studio!;
  const zone = studio.tenant.timezone;
  const here = `${studio.base}/app/calendar/day-sheet`;
  const { start: dayStart } = localDay(data.date, zone)!;
  const longDate = new Intl.DateTimeFormat(s.locale, { dateStyle: "full", timeZone: zone }).format(dayStart);
  const time = new Intl.DateTimeFormat(s.locale, { timeStyle: "short", timeZone: zone });
  const otherDay = new Intl.DateTimeFormat(s.locale, {
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone: zone,
  });
  // A night session that began the evening before, or ends after midnight, says which day.
  const at = (instant: Date) =>
    localParts(instant, zone).date === data.date ? time.format(instant) : otherDay.format(instant);
  return (
    <>
      <PageStyle nonce={data.nonce} css={PRINT_CSS} />
      <PageHeader
        title={`${t("day_sheet.title")} · ${studio.tenant.name}`}
        description={
          <>
            {t("day_sheet.intro", { date: longDate, zone })}{" "}
            {t("day_sheet.count", { count: data.entries.length })}
            {data.mineOnly && <>· {t("day_sheet.mine")}</>}
          </>
        }
        actions={
          <span class="day-sheet-controls flex flex-wrap gap-2">
            <Button type="button" data-print hidden>{t("day_sheet.print")}</Button>
            <Button href={`${studio.base}/app/calendar?view=day&date=${data.date}`} variant="secondary">
              {t("day_sheet.back")}
            </Button>
          </span>
        }
      />
      <div class="day-sheet-controls my-4 flex flex-wrap items-end gap-2 text-sm">
        <nav aria-label={t("day_sheet.navigation")} class="flex gap-2">
          <Button
            href={`${here}?date=${addDays(data.date, -1)}`}
            variant="secondary"
            aria-label={t("calendar.previous")}
          >
            ‹
          </Button>
          <Button href={here} variant="secondary">{t("calendar.today")}</Button>
          <Button
            href={`${here}?date=${addDays(data.date, 1)}`}
            variant="secondary"
            aria-label={t("calendar.next")}
          >
            ›
          </Button>
        </nav>
        <form method="get" action={here} class="flex items-end gap-2">
          <label>
            <span class="block font-medium">{t("day_sheet.date")}</span>
            <input type="date" name="date" value={data.date} class="field mt-1" />
          </label>
          <Button type="submit" variant="secondary">{t("sessions.list.show")}</Button>
        </form>
        <p class="basis-full text-neutral-600">{t("day_sheet.print_hint")}</p>
      </div>
      {data.entries.length === 0
        ? <p class="rounded-lg border border-line bg-surface p-6">{t("day_sheet.empty")}</p>
        : (
          <table class="day-sheet w-full border-collapse text-sm">
            <caption class="sr-only">{t("day_sheet.title")} {longDate}</caption>
            <thead>
              <tr class="border-b-2 border-neutral-800 text-start">
                <th scope="col" class="p-2 text-start">{t("day_sheet.time")}</th>
                <th scope="col" class="p-2 text-start">{t("sessions.form.room")}</th>
                <th scope="col" class="p-2 text-start">{t("sessions.form.client")}</th>
                <th scope="col" class="p-2 text-start">{t("day_sheet.session")}</th>
                <th scope="col" class="p-2 text-start">{t("sessions.form.engineers")}</th>
                <th scope="col" class="p-2 text-start">{t("sessions.form.gear")}</th>
                <th scope="col" class="p-2 text-start">{t("sessions.list.status")}</th>
                <th scope="col" class="w-40 p-2 text-start">{t("day_sheet.sign")}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.blockId} class="border-b border-neutral-300 align-top" data-session={e.bookingId}>
                  <td class="whitespace-nowrap p-2 font-semibold">{at(e.start)} – {at(e.end)}</td>
                  <td class="p-2">{e.roomName}</td>
                  <td class="p-2">
                    {e.client
                      ? (
                        <>
                          {e.client.name}
                          {e.client.phone && <span class="block whitespace-nowrap">{e.client.phone}</span>}
                        </>
                      )
                      : <span class="text-neutral-600">{t("day_sheet.internal")}</span>}
                  </td>
                  <td class="p-2">
                    <a href={`${studio.base}/app/sessions/${e.bookingId}`} class="font-medium underline">
                      {e.title}
                    </a>
                    {e.notes && <p class="mt-1 whitespace-pre-line text-neutral-700">{e.notes}</p>}
                  </td>
                  <td class="p-2">
                    {e.engineers.map((name, i) => <span key={i} class="block">{name}</span>)}
                  </td>
                  <td class="p-2">
                    {e.gear.map((g) => <span key={g.name} class="block">{t("day_sheet.gear_line", g)}</span>)}
                  </td>
                  <td class="p-2">{t(`sessions.status.${e.status}`)}</td>
                  <td class="p-2">
                    <span class="block h-8 border-b border-neutral-500" aria-hidden="true" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      <script type="module" src="/print.js" nonce={data.nonce} />
    </>
  );
});
