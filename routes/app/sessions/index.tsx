import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { cspNonce, PageStyle, roomColourCss } from "@/components/PageStyle.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { countPortalRequests } from "@/lib/portal/approvals.ts";
import { addDays, localParts, zonedInstant } from "@/lib/scheduling/local_time.ts";
import { staffViewer, visibleEngineer } from "@/lib/scheduling/session_access.ts";
import { listSessionBlocks, type SessionBlockRow } from "@/lib/scheduling/session_list.ts";

export const access: Access = { permission: "sessions.view.assigned" };

const PAGE_SIZE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Data {
  rows: SessionBlockRow[];
  from: string;
  to: string;
  /** Query string of the next page, when there is one. */
  next?: string;
  nonce?: string;
  /** Bookings made in the portal waiting for staff; null for roles that cannot decide them. */
  portalRequests: number | null;
}

/**
 * Sessions from a local date for two weeks (or to a chosen date), 100 per page, in start order, each
 * with its room, client and engineers: one database query, plain HTML, no script.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.view.assigned");
    const studio = ctx.state.studio!;
    const zone = studio.tenant.timezone;
    const query = ctx.url.searchParams;
    const today = localParts(new Date(), zone).date;
    const from = DATE.test(query.get("from") ?? "") ? query.get("from")! : today;
    const toParam = query.get("to") ?? "";
    const to = DATE.test(toParam) && toParam > from ? toParam : addDays(from, 14);
    const engineer = await visibleEngineer(studio.db, staffViewer(ctx.state.staff!));
    const afterStart = query.get("after_start");
    const afterBlock = query.get("after_block");
    const rows = engineer === "" ? [] : await listSessionBlocks(studio.db, {
      from: zonedInstant(from, "00:00", zone)!,
      to: zonedInstant(to, "00:00", zone)!,
      engineerId: engineer ?? undefined,
      after: afterStart && afterBlock && !Number.isNaN(Date.parse(afterStart))
        ? { start: new Date(afterStart), blockId: afterBlock }
        : undefined,
      limit: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    const next = rows.length > PAGE_SIZE && last
      ? new URLSearchParams({ from, to, after_start: last.start.toISOString(), after_block: last.blockId })
        .toString()
      : undefined;
    const portalRequests = can(ctx.state.staff!.role, "sessions.manage")
      ? await countPortalRequests(studio.db)
      : null;
    return ctx.render({ rows: page, from, to, next, nonce: cspNonce(ctx.hono), portalRequests });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const day = new Intl.DateTimeFormat(state.locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: zone,
  });
  const time = new Intl.DateTimeFormat(state.locale, { timeStyle: "short", timeZone: zone });
  return (
    <>
      <PageStyle
        nonce={data.nonce}
        css={roomColourCss(data.rows.map((r) => ({ id: r.roomId, colour: r.colour })))}
      />
      <PageHeader
        title={t("sessions.title")}
        description={t("sessions.intro", { zone })}
        actions={can(state.staff!.role, "sessions.manage")
          ? (
            <>
              {data.portalRequests !== null && (
                <Button href={`${studio.base}/app/sessions/requests`} variant="secondary">
                  {t("portal_requests.title")}
                  {data.portalRequests > 0 && (
                    <Badge tone="warning" class="ms-2">{data.portalRequests}</Badge>
                  )}
                </Button>
              )}
              <Button href={`${studio.base}/app/sessions/new`}>{t("sessions.new.title")}</Button>
            </>
          )
          : undefined}
      />
      <form method="get" class="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span class="block font-medium">{t("sessions.list.from")}</span>
          <input type="date" name="from" value={data.from} class="field mt-1" />
        </label>
        <label>
          <span class="block font-medium">{t("sessions.list.to")}</span>
          <input type="date" name="to" value={data.to} class="field mt-1" />
        </label>
        <Button type="submit" variant="secondary">{t("sessions.list.show")}</Button>
      </form>
      {data.rows.length === 0
        ? (
          <p class="rounded-lg border border-line bg-surface p-6 text-neutral-700">
            {t("sessions.list.empty")}
          </p>
        )
        : (
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <caption class="sr-only">{t("sessions.title")}</caption>
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class="px-3 py-2">{t("sessions.list.when")}</th>
                  <th scope="col" class="px-3 py-2">{t("sessions.form.title")}</th>
                  <th scope="col" class="px-3 py-2">{t("sessions.form.client")}</th>
                  <th scope="col" class="px-3 py-2">{t("sessions.form.room")}</th>
                  <th scope="col" class="px-3 py-2">{t("sessions.form.engineers")}</th>
                  <th scope="col" class="px-3 py-2">{t("sessions.list.status")}</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {data.rows.map((r) => (
                  <tr key={r.blockId}>
                    <td class="whitespace-nowrap px-3 py-2">
                      {day.format(r.start)} · {time.format(r.start)} – {time.format(r.end)}
                    </td>
                    <th scope="row" class="px-3 py-2 font-medium">
                      <a class="text-brand-700 underline" href={`${studio.base}/app/sessions/${r.bookingId}`}>
                        {r.title}
                      </a>
                    </th>
                    <td class="px-3 py-2">{r.clientName ?? "—"}</td>
                    <td class="px-3 py-2">
                      <span class={`room-${r.roomId} me-1 inline-block size-2 rounded-full bg-(--room)`} />
                      {r.roomName}
                    </td>
                    <td class="px-3 py-2">{r.engineerNames ?? "—"}</td>
                    <td class="px-3 py-2">{t(`sessions.status.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {data.next && (
        <p class="mt-4">
          <Button href={`${studio.base}/app/sessions?${data.next}`} variant="secondary">
            {t("sessions.list.more")}
          </Button>
        </p>
      )}
    </>
  );
});
